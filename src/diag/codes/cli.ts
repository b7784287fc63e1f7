import type { CodeInfo } from "../codes.ts";

export const cliCodes: Record<string, CodeInfo> = {
  HF9001: { title: "file not found or unreadable" },
  HF9002: { title: "output directory cannot be written" },
  HF9003: { title: "invalid command-line option" },
  HF9004: { title: "output directory holofleet may not replace (not its own output, or holds more)" },
  HF9005: { title: "input file too large" },
  HF9006: { title: "apply needs approval and cannot ask (not a terminal, or --json)" },
};

import type { CodeInfo } from "../codes.ts";

/** HF8xxx: the fleet (devices, loans, passwords) and, later, the console. HF80xx: the hardware-hash CSV. */
export const fleetCodes: Record<string, CodeInfo> = {
  HF8001: { title: "hardware-hash CSV too large" },
  HF8002: { title: "hardware-hash CSV not in a supported encoding" },
  HF8003: { title: "hardware-hash CSV header not recognised" },
  HF8004: { title: "hardware-hash CSV malformed (quotes)" },
  HF8005: { title: "hardware-hash CSV row with the wrong number of fields" },
  HF8006: { title: "device serial number missing or implausible" },
  HF8007: { title: "hardware hash missing, not base64, or of an implausible length" },
  HF8008: { title: "serial number listed twice in the file" },
  HF8009: { title: "hardware hash listed twice in the file" },
  HF8010: { title: "Windows Product ID implausible" },
  HF8011: { title: "group tag implausible" },
  HF8012: { title: "assigned user on a HoloLens 2 (self-deploying mode has none)" },
  HF8013: { title: "hardware-hash CSV has no device rows" },
};

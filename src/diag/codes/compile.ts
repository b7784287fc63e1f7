import type { CodeInfo } from "../codes.ts";

export const compileCodes: Record<string, CodeInfo> = {};

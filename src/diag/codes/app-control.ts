import type { CodeInfo } from "../codes.ts";

export const appControlCodes: Record<string, CodeInfo> = {};

import type { CodeInfo } from "../codes.ts";

export const blueprintCodes: Record<string, CodeInfo> = {};

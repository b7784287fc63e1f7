/** What every semantic check returns: a diagnostic located at a key path of the blueprint file. */
import type { Diagnostic, Severity } from "../../diag/diagnostic.ts";
import type { Blueprint, BlueprintSourceMap } from "../types.ts";

/** A semantic check: pure, blueprint in, diagnostics out. */
export type BlueprintCheck = (bp: Blueprint, src: BlueprintSourceMap) => Diagnostic[];

export interface FindingText {
  message: string;
  why?: string;
  fix?: string;
}

export function finding(
  src: BlueprintSourceMap,
  path: (string | number)[],
  code: string,
  severity: Severity,
  text: FindingText,
): Diagnostic {
  return {
    severity,
    code,
    message: text.message,
    ...(text.why ? { why: text.why } : {}),
    ...(text.fix ? { fix: text.fix } : {}),
    source: { file: src.file, start: src.locate(path) },
    path,
  };
}

/** Catalog app ids a kiosk or deny list names that the blueprint's app control blocks. */
export function blockedApps(bp: Blueprint): Set<string> {
  return new Set(bp.devices.appControl.enabled ? bp.devices.appControl.blockApps : []);
}

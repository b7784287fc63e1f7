/**
 * What every semantic check is and returns: a pure function from the normalized blueprint to located
 * diagnostics, declared with the blueprint sections it reads and the codes it may emit, so the loader can
 * run it whenever exactly those sections are valid (and skip it, and only it, when one is not).
 */
import type { Diagnostic, Severity } from "../../diag/diagnostic.ts";
import type { Blueprint, BlueprintSourceMap } from "../types.ts";

/** The top-level sections of a blueprint that a check can read (the loader validates each on its own). */
export type SectionName = Exclude<keyof Blueprint, "apiVersion" | "acknowledge">;

export const SECTION_NAMES: readonly SectionName[] = [
  "metadata",
  "tenant",
  "licensing",
  "devices",
  "isolation",
  "experts",
  "clients",
  "passwords",
];

/** A semantic check: pure, blueprint in, diagnostics out; it reads only `sections` and emits only `codes`. */
export interface BlueprintCheck {
  (bp: Blueprint, src: BlueprintSourceMap): Diagnostic[];
  readonly sections: readonly SectionName[];
  readonly codes: readonly string[];
}

/** Declares a check with the sections it reads and the codes it emits (the registry test holds both to the source). */
export function defineCheck(
  sections: readonly SectionName[],
  codes: readonly string[],
  run: (bp: Blueprint, src: BlueprintSourceMap) => Diagnostic[],
): BlueprintCheck {
  return Object.assign((bp: Blueprint, src: BlueprintSourceMap) => run(bp, src), { sections, codes });
}

/** The three parts of a finding: what is wrong, why it matters, what to do. */
export interface FindingText {
  message: string;
  why: string;
  fix: string;
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
    why: text.why,
    fix: text.fix,
    source: { file: src.file, start: src.locate(path) },
    path,
  };
}

/** Catalog app ids a kiosk or deny list names that the blueprint's app control blocks. */
export function blockedApps(bp: Pick<Blueprint, "devices">): Set<string> {
  return new Set(bp.devices.appControl.enabled ? bp.devices.appControl.blockApps : []);
}

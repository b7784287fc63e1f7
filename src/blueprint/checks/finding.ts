/**
 * What every semantic check is and returns: a pure function from the normalized blueprint to located
 * diagnostics, declared with the blueprint sections (for `devices`, the subsections) it reads and the codes
 * it may emit, so the loader can run it whenever exactly those are valid (and skip it, and only it, when
 * one is not).
 */
import type { Diagnostic, Severity } from "../../diag/diagnostic.ts";
import { DEVICE_SUBSECTIONS, type DeviceSubsection } from "../schema/devices.ts";
import type { Blueprint, BlueprintSourceMap, PartialBlueprint } from "../types.ts";

/** The top-level sections a check can read whole (the loader validates each on its own). */
type WholeSection = Exclude<keyof Blueprint, "apiVersion" | "acknowledge" | "devices">;

/**
 * What a check declares it reads: a top-level section, or one subsection of `devices` (`devices.kiosk`),
 * which the loader validates one by one so an error in `devices.usb` does not hide the kiosk checks.
 */
export type SectionName = WholeSection | `devices.${DeviceSubsection}`;

const WHOLE_SECTIONS: readonly WholeSection[] = ["metadata", "tenant", "licensing", "isolation", "experts", "clients", "passwords"];

export const SECTION_NAMES: readonly SectionName[] = [
  ...WHOLE_SECTIONS,
  ...DEVICE_SUBSECTIONS.map((key) => `devices.${key}` as const),
];

/** Whether `bp` holds the section or `devices` subsection `name` (it passed its schema and has its defaults). */
export function hasSection(bp: PartialBlueprint, name: SectionName): boolean {
  if (!name.startsWith("devices.")) return bp[name as WholeSection] !== undefined;
  return bp.devices?.[name.slice("devices.".length) as DeviceSubsection] !== undefined;
}

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

/** Catalog app ids a kiosk or deny list names that the blueprint's app control blocks (reads `devices.appControl`). */
export function blockedApps(bp: Pick<Blueprint, "devices">): Set<string> {
  return new Set(bp.devices.appControl.enabled ? bp.devices.appControl.blockApps : []);
}

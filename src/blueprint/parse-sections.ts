/**
 * Validates a blueprint section by section, so one pass reports every problem: each top-level section —
 * and each subsection of `devices` — is checked against its own schema and, when valid, normalized with
 * its defaults. The result holds the schema issues of all sections and the parts that are usable, which
 * decide the semantic checks that can run. Pure: plain data in (the YAML document as JS), issues and
 * sections out.
 */
import { z } from "zod";
import { ACKNOWLEDGEABLE } from "./schema/acknowledge.ts";
import {
  apiVersionSchema,
  completeDevices,
  normalizeClients,
  normalizeDeviceSubsections,
  sectionSchemas,
  type BlueprintInput,
  type DevicesInput,
  type TenantDefaults,
} from "./schema/blueprint.ts";
import { DEVICE_SUBSECTIONS, deviceSubsectionSchemas } from "./schema/devices.ts";
import { setRetiredKeysAside, type RetiredKeyUse } from "./schema/retired-keys.ts";
import { tenantSchema } from "./schema/tenant.ts";
import type { Blueprint, PartialBlueprint } from "./types.ts";

type Issue = z.core.$ZodIssue;
type SectionKey = keyof typeof sectionSchemas;

const SECTION_KEYS = Object.keys(sectionSchemas) as SectionKey[];

/** Any value for each of `keys`: the shape of a mapping whose keys are checked one by one. */
const anyValueFor = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((key) => [key, z.unknown().optional()])) as Record<K, z.ZodOptional<z.ZodUnknown>>;

/** The root: known section names (each checked on its own below) and the apiVersion. */
const rootSchema = z.strictObject({ apiVersion: apiVersionSchema, ...anyValueFor(SECTION_KEYS) });

/**
 * `devices` itself: a mapping of known subsection names (each checked on its own below). Absent means
 * every default, as `sectionSchemas.devices` says with `prefault({})`.
 */
const devicesShellSchema = z.strictObject(anyValueFor(DEVICE_SUBSECTIONS)).prefault({});

export interface SectionedParse {
  /** Schema issues of the root and of every section, with paths from the root of the file. */
  issues: Issue[];
  /**
   * The normalized sections that passed their schema and whose defaults could be filled in. A section
   * is absent when it failed, when the YAML left it ambiguous (`unusable`), or when a tenant value its
   * defaults derive from is unknown. `devices` holds the subsections for which that is so: it is
   * absent only when it is not a mapping (or is ambiguous as a whole).
   */
  sections: PartialBlueprint;
  /** False when `sections.acknowledge` holds only the known ids recovered from a list that failed. */
  acknowledgeValid: boolean;
  /**
   * The whole normalized blueprint, when there is no issue at all. A retired key is not an issue here:
   * it was set aside before validation, and the loader decides from its value whether it is an error.
   */
  blueprint: Blueprint | null;
  /** Retired keys the file still writes (`licensing.assignment`), set aside before validation. */
  retired: RetiredKeyUse[];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const prefixed = (key: string, issues: readonly Issue[]): Issue[] =>
  issues.map((issue) => ({ ...issue, path: [key, ...issue.path] }) as Issue);

/** Appends in a loop: `push(...list)` overflows the call stack from about 130,000 entries (a long list in the file). */
function append(to: Issue[], issues: readonly Issue[]): void {
  for (const issue of issues) to.push(issue);
}

/**
 * The tenant values other sections' defaults need. From a tenant section that failed (an unknown key,
 * a bad `model`), each of domain, namingPrefix and usageLocation is still taken when it is valid itself.
 */
function tenantDefaults(valid: BlueprintInput["tenant"] | undefined, raw: unknown, usable: boolean): TenantDefaults {
  if (valid) return valid;
  if (!usable || !isRecord(raw)) return {};
  const field = <K extends "domain" | "clientDomain" | "namingPrefix" | "usageLocation">(key: K) => {
    const result = tenantSchema.shape[key].safeParse(raw[key]);
    return result.success ? { [key]: result.data } : {};
  };
  // A wrong clientDomain stays unknown (absent), so bare aliases are not silently placed in tenant.domain.
  return { ...field("domain"), ...field("clientDomain"), ...field("namingPrefix"), ...field("usageLocation") };
}

/** Known acknowledgement ids in a list that failed its schema; they still apply, the unknown ones are reported. */
function recoverAcknowledgements(raw: unknown): string[] {
  if (!Array.isArray(raw)) return [];
  const known = raw.filter((id): id is string => typeof id === "string" && Object.hasOwn(ACKNOWLEDGEABLE, id));
  return [...new Set(known)];
}

/**
 * The subsections of `devices` that pass their own schema (null when `devices` is not a mapping), and the
 * issues of all of them. An unknown key in `devices` is reported but fails no subsection: like an unknown
 * top-level key, it names nothing the checks read.
 */
function parseDevices(raw: unknown, unusable: ReadonlySet<string>, issues: Issue[]): DevicesInput | null {
  const shell = devicesShellSchema.safeParse(raw, { reportInput: true });
  if (!shell.success) append(issues, prefixed("devices", shell.error.issues));
  if (!isRecord(raw) && raw !== undefined) return null;
  const record = raw ?? {};
  const valid: Record<string, unknown> = {};
  for (const key of DEVICE_SUBSECTIONS) {
    const result = deviceSubsectionSchemas[key].safeParse(record[key], { reportInput: true });
    if (!result.success) append(issues, prefixed("devices", prefixed(key, result.error.issues)));
    else if (!unusable.has(`devices.${key}`)) valid[key] = result.data;
  }
  return unusable.has("devices") ? null : (valid as DevicesInput);
}

/**
 * Validates `input` section by section (`devices` subsection by subsection). `unusable` names sections
 * (`clients`) or `devices` subsections (`devices.kiosk`) the YAML layer already found ambiguous (a
 * duplicate key inside them): their schema issues are still reported, but they are not used for checks.
 */
export function parseSections(raw: Record<string, unknown>, unusable: ReadonlySet<string> = new Set()): SectionedParse {
  const { input, retired } = setRetiredKeysAside(raw);
  const issues: Issue[] = [];
  const root = rootSchema.safeParse(input, { reportInput: true });
  if (!root.success) append(issues, root.error.issues);

  const valid: Partial<BlueprintInput> = {};
  for (const key of SECTION_KEYS) {
    if (key === "devices") continue;
    const result = sectionSchemas[key].safeParse(input[key], { reportInput: true });
    if (!result.success) append(issues, prefixed(key, result.error.issues));
    else if (!unusable.has(key)) (valid as Record<string, unknown>)[key] = result.data;
  }
  const validDevices = parseDevices(input.devices, unusable, issues);

  const tenant = tenantDefaults(valid.tenant, input.tenant, !unusable.has("tenant"));
  const devices = validDevices ? normalizeDeviceSubsections(validDevices, tenant) : null;
  const clients = valid.clients ? normalizeClients(valid.clients, tenant) : null;
  const acknowledgeValid = valid.acknowledge !== undefined;
  const sections: PartialBlueprint = {
    ...(root.success ? { apiVersion: root.data.apiVersion } : {}),
    ...(valid.metadata ? { metadata: valid.metadata } : {}),
    ...(valid.tenant ? { tenant: valid.tenant } : {}),
    ...(valid.licensing ? { licensing: valid.licensing } : {}),
    ...(devices ? { devices } : {}),
    ...(valid.isolation ? { isolation: valid.isolation } : {}),
    ...(valid.experts ? { experts: valid.experts } : {}),
    ...(clients ? { clients } : {}),
    ...(valid.passwords ? { passwords: valid.passwords } : {}),
    ...(valid.loans ? { loans: valid.loans } : {}),
    ...(valid.console ? { console: valid.console } : {}),
    acknowledge: valid.acknowledge ?? recoverAcknowledgements(input.acknowledge),
  };
  return { issues, sections, acknowledgeValid, blueprint: completeBlueprint(sections, issues, unusable), retired };
}

/** The sections as a `Blueprint` when every one is there and nothing was wrong. */
function completeBlueprint(s: PartialBlueprint, issues: readonly Issue[], unusable: ReadonlySet<string>): Blueprint | null {
  if (issues.length > 0 || unusable.size > 0) return null;
  const { apiVersion, metadata, tenant, licensing, isolation, experts, clients, passwords, loans, acknowledge } = s;
  const consoleSection = s.console;
  const devices = s.devices ? completeDevices(s.devices) : null;
  if (!apiVersion || !metadata || !tenant || !licensing || !devices || !isolation || !experts || !clients || !passwords || !loans || !consoleSection || !acknowledge) {
    return null;
  }
  return { apiVersion, metadata, tenant, licensing, devices, isolation, experts, clients, passwords, loans, console: consoleSection, acknowledge };
}

/**
 * Validates a blueprint section by section, so one pass reports every problem: each top-level section
 * is checked against its own schema and, when valid, normalized with its defaults. The result holds the
 * schema issues of all sections and the sections that are usable, which decide the semantic checks that
 * can run. Pure: plain data in (the YAML document as JS), issues and sections out.
 */
import { z } from "zod";
import { ACKNOWLEDGEABLE } from "./schema/acknowledge.ts";
import {
  apiVersionSchema,
  normalizeClients,
  normalizeDevices,
  sectionSchemas,
  type BlueprintInput,
  type TenantDefaults,
} from "./schema/blueprint.ts";
import { tenantSchema } from "./schema/tenant.ts";
import type { Blueprint } from "./types.ts";

type Issue = z.core.$ZodIssue;
type SectionKey = keyof typeof sectionSchemas;

const SECTION_KEYS = Object.keys(sectionSchemas) as SectionKey[];

/** The root: known section names (each checked on its own below) and the apiVersion. */
const rootSchema = z.strictObject({
  apiVersion: apiVersionSchema,
  ...(Object.fromEntries(SECTION_KEYS.map((key) => [key, z.unknown().optional()])) as Record<SectionKey, z.ZodOptional<z.ZodUnknown>>),
});

export interface SectionedParse {
  /** Schema issues of the root and of every section, with paths from the root of the file. */
  issues: Issue[];
  /**
   * The normalized sections that passed their schema and whose defaults could be filled in. A section
   * is absent when it failed, when the YAML left it ambiguous (`unusable`), or when a tenant value its
   * defaults derive from is unknown.
   */
  sections: Partial<Blueprint>;
  /** False when `sections.acknowledge` holds only the known ids recovered from a list that failed. */
  acknowledgeValid: boolean;
  /** The whole normalized blueprint, when there is no issue at all. */
  blueprint: Blueprint | null;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const prefixed = (key: string, issues: readonly Issue[]): Issue[] =>
  issues.map((issue) => ({ ...issue, path: [key, ...issue.path] }) as Issue);

/**
 * The tenant values other sections' defaults need. From a tenant section that failed (an unknown key,
 * a bad `model`), each of domain, namingPrefix and usageLocation is still taken when it is valid itself.
 */
function tenantDefaults(valid: BlueprintInput["tenant"] | undefined, raw: unknown, usable: boolean): TenantDefaults {
  if (valid) return valid;
  if (!usable || !isRecord(raw)) return {};
  const field = <K extends "domain" | "namingPrefix" | "usageLocation">(key: K) => {
    const result = tenantSchema.shape[key].safeParse(raw[key]);
    return result.success ? { [key]: result.data } : {};
  };
  return { ...field("domain"), ...field("namingPrefix"), ...field("usageLocation") };
}

/** Known acknowledgement ids in a list that failed its schema; they still apply, the unknown ones are reported. */
function recoverAcknowledgements(raw: unknown): string[] {
  if (!Array.isArray(raw)) return [];
  const known = raw.filter((id): id is string => typeof id === "string" && Object.hasOwn(ACKNOWLEDGEABLE, id));
  return [...new Set(known)];
}

/**
 * Validates `input` section by section. `unusable` names sections the YAML layer already found
 * ambiguous (a duplicate key inside them): their schema issues are still reported, but they are not
 * used for checks.
 */
export function parseSections(input: Record<string, unknown>, unusable: ReadonlySet<string> = new Set()): SectionedParse {
  const issues: Issue[] = [];
  const root = rootSchema.safeParse(input, { reportInput: true });
  if (!root.success) issues.push(...root.error.issues);

  const valid: Partial<BlueprintInput> = {};
  for (const key of SECTION_KEYS) {
    const result = sectionSchemas[key].safeParse(input[key], { reportInput: true });
    if (!result.success) issues.push(...prefixed(key, result.error.issues));
    else if (!unusable.has(key)) (valid as Record<string, unknown>)[key] = result.data;
  }

  const tenant = tenantDefaults(valid.tenant, input.tenant, !unusable.has("tenant"));
  const devices = valid.devices ? normalizeDevices(valid.devices, tenant) : null;
  const clients = valid.clients ? normalizeClients(valid.clients, tenant) : null;
  const acknowledgeValid = valid.acknowledge !== undefined;
  const sections: Partial<Blueprint> = {
    ...(root.success ? { apiVersion: root.data.apiVersion } : {}),
    ...(valid.metadata ? { metadata: valid.metadata } : {}),
    ...(valid.tenant ? { tenant: valid.tenant } : {}),
    ...(valid.licensing ? { licensing: valid.licensing } : {}),
    ...(devices ? { devices } : {}),
    ...(valid.isolation ? { isolation: valid.isolation } : {}),
    ...(valid.experts ? { experts: valid.experts } : {}),
    ...(clients ? { clients } : {}),
    ...(valid.passwords ? { passwords: valid.passwords } : {}),
    acknowledge: valid.acknowledge ?? recoverAcknowledgements(input.acknowledge),
  };
  return { issues, sections, acknowledgeValid, blueprint: completeBlueprint(sections, issues, unusable) };
}

/** The sections as a `Blueprint` when every one is there and nothing was wrong. */
function completeBlueprint(s: Partial<Blueprint>, issues: readonly Issue[], unusable: ReadonlySet<string>): Blueprint | null {
  if (issues.length > 0 || unusable.size > 0) return null;
  const { apiVersion, metadata, tenant, licensing, devices, isolation, experts, clients, passwords, acknowledge } = s;
  if (!apiVersion || !metadata || !tenant || !licensing || !devices || !isolation || !experts || !clients || !passwords || !acknowledge) {
    return null;
  }
  return { apiVersion, metadata, tenant, licensing, devices, isolation, experts, clients, passwords, acknowledge };
}

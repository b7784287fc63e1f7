/**
 * Keys that `holofleet/v1` had and no longer has. A file that still writes one gets a located migration
 * diagnostic (HF1030) saying why the key went and what to write instead, rather than a bare "unknown
 * key"; the key is then set aside, so the rest of its section is still validated and checked.
 */
import type { Severity } from "../../diag/diagnostic.ts";

export interface RetiredKeyUse {
  path: [string, string];
  value: unknown;
}

export interface RetiredKey {
  section: string;
  key: string;
  /** One line for docs/blueprint.md: what replaced it. */
  summary: string;
  /** The diagnostic for the value the file gives. */
  explain(value: unknown): { severity: Severity; message: string; why: string; fix: string };
}

export const RETIRED_KEYS: readonly RetiredKey[] = [
  {
    section: "licensing",
    key: "assignment",
    summary:
      "Removed: its two values compiled to the same group licence. Licences reach client accounts through the clients group; Entra group licensing applies them to the group's users, and Graph has no device-based assignment. `device` is an error, `user` a warning; delete the key.",
    explain: (value) => {
      const why =
        "Entra group licensing (`POST /groups/{id}/assignLicense`, the guide's §GR-2 step) assigns a group's licences to the group's users only, and Graph has no way to assign a licence to a device, so the key changed nothing in what holofleet compiles.";
      if (value === "device") {
        return {
          severity: "error",
          message: "`licensing.assignment: device` is no longer supported: holofleet cannot assign device-based licences",
          why,
          fix: "Delete the key; client accounts get the licences through the clients group. For several people on one HoloLens, give them one shared account (one entry in clients[].accounts with that device's serial) so one licence covers the device.",
        };
      }
      return {
        severity: value === "user" ? "warning" : "error",
        message: "`licensing.assignment` was removed: licences are always assigned to the client accounts through the clients group",
        why,
        fix: "Delete the key; nothing else changes.",
      };
    },
  },
];

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** `input` without its retired keys (a shallow copy where one was present), and the keys it had. */
export function setRetiredKeysAside(input: Record<string, unknown>): { input: Record<string, unknown>; retired: RetiredKeyUse[] } {
  const retired: RetiredKeyUse[] = [];
  let out = input;
  for (const { section, key } of RETIRED_KEYS) {
    const raw = out[section];
    if (!isRecord(raw) || !Object.hasOwn(raw, key)) continue;
    const { [key]: value, ...rest } = raw;
    retired.push({ path: [section, key], value });
    out = { ...out, [section]: rest };
  }
  return { input: out, retired };
}

/** The retired key at `path`. */
export function retiredKey(path: readonly [string, string]): RetiredKey {
  const found = RETIRED_KEYS.find((k) => k.section === path[0] && k.key === path[1]);
  if (!found) throw new Error(`no retired key ${path.join(".")}`);
  return found;
}

/**
 * App control on a device (guide §GR-7, §CC hidden or restricted apps): every WDAC policy that reaches it,
 * from *any* profile — holofleet's or not — decoded from its binary (`decodeSiPolicy`) and read for what it
 * denies (`deniedApps`: package family names and file names in the user-mode scenario). Policies add up:
 * an app is blocked when any enforced policy denies it. A policy that fails to decode, or whose value Graph
 * masked, is opaque: what it blocks cannot be known, and checks that depend on it say `manual`.
 */
import { apps } from "../../catalog/index.ts";
import { decodeSiPolicy, deniedApps } from "../../compile/app-control/index.ts";
import type { EffectiveSetting } from "./oma-values.ts";

/** `./Vendor/MSFT/ApplicationControl/Policies/{PolicyGUID}/Policy` (node key form). */
const POLICY_NODE = /^\.\/vendor\/msft\/applicationcontrol\/policies\/([^/]+)\/policy$/;

export interface AppControlPolicy {
  policyId: string;
  profileNames: string[];
  status: "enforced" | "audit-mode" | "opaque" | "conflict";
  /** Why the policy is opaque. */
  problem?: string;
  deniedPackageFamilyNames: string[];
  deniedFileNames: string[];
}

export interface AppControlPosture {
  policies: AppControlPolicy[];
  /** Catalog app ids an enforced policy blocks. */
  blocked: Set<string>;
  /** At least one policy's content is unknown, so an app not in `blocked` may still be blocked. */
  hasOpaque: boolean;
}

export type DecodedPolicyCache = Map<string, Omit<AppControlPolicy, "policyId" | "profileNames">>;

/** Decodes one Base64 policy value; the cache lives for one evaluation (a fleet shares a handful of policies). */
function readPolicy(value: string, decoded: DecodedPolicyCache): Omit<AppControlPolicy, "policyId" | "profileNames"> {
  const hit = decoded.get(value);
  if (hit) return hit;
  let result: Omit<AppControlPolicy, "policyId" | "profileNames">;
  try {
    const bytes = Buffer.from(value, "base64");
    if (bytes.length === 0) throw new Error("the value is empty");
    const denied = deniedApps(decodeSiPolicy(bytes));
    result = {
      status: denied.enforced ? "enforced" : "audit-mode",
      deniedPackageFamilyNames: denied.packageFamilyNames,
      deniedFileNames: denied.fileNames,
    };
  } catch (err) {
    result = { status: "opaque", problem: `the policy binary does not decode: ${(err as Error).message}`, deniedPackageFamilyNames: [], deniedFileNames: [] };
  }
  decoded.set(value, result);
  return result;
}

/** The catalog apps a set of denied names blocks. */
export function catalogAppsDenied(packageFamilyNames: readonly string[], fileNames: readonly string[]): Set<string> {
  const pfns = new Set(packageFamilyNames.map((p) => p.toLowerCase()));
  const files = new Set(fileNames.map((f) => f.toLowerCase()));
  const out = new Set<string>();
  for (const app of apps) {
    if ((app.packageFamilyName && pfns.has(app.packageFamilyName.toLowerCase())) || (app.fileName && files.has(app.fileName.toLowerCase()))) out.add(app.id);
  }
  return out;
}

export function appControlPosture(settings: ReadonlyMap<string, EffectiveSetting>, cache: DecodedPolicyCache = new Map()): AppControlPosture {
  const policies: AppControlPolicy[] = [];
  for (const setting of settings.values()) {
    const m = POLICY_NODE.exec(setting.key);
    if (!m) continue;
    const base = { policyId: m[1]!.toUpperCase(), profileNames: setting.sources.map((s) => s.profileName) };
    if (setting.conflict) {
      policies.push({ ...base, status: "conflict", problem: "two profiles set different binaries for this policy id", deniedPackageFamilyNames: [], deniedFileNames: [] });
    } else if (setting.value === null || typeof setting.value !== "string") {
      policies.push({ ...base, status: "opaque", problem: setting.opaque ? "Graph masked the value; read it with getOmaSettingPlainTextValue" : "the value is not Base64 text", deniedPackageFamilyNames: [], deniedFileNames: [] });
    } else {
      policies.push({ ...base, ...readPolicy(setting.value, cache) });
    }
  }
  const enforced = policies.filter((p) => p.status === "enforced");
  const blocked = catalogAppsDenied(
    enforced.flatMap((p) => p.deniedPackageFamilyNames),
    enforced.flatMap((p) => p.deniedFileNames),
  );
  return { policies, blocked, hasOpaque: policies.some((p) => p.status === "opaque" || p.status === "conflict") };
}

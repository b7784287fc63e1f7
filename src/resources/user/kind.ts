/**
 * `user` (pure): a client account (graph-facts §2). Identity: the UPN. holofleet owns an account
 * whose `department` is one of its client segments, `<namingPrefix>-Client-<id>` — the value it
 * writes into every account it creates (src/compile/graph/users.ts) — so an account an admin made
 * with the same UPN is never touched unless adopted. The password is write-only: generated when
 * the account is created, never read, compared, shown or stored.
 */
import { toJson } from "../normalise.ts";
import type { Attributes, OwnershipContext, ResourceKindDefinition } from "../types.ts";

const MANAGED = ["accountEnabled", "companyName", "department", "displayName", "mailNickname", "usageLocation", "userPrincipalName"] as const;

/** `passwordPolicies` unset and "None" mean the same; the rest compare as sets of flags. */
function passwordPolicies(v: unknown): string | null {
  if (typeof v !== "string") return null;
  const flags = v
    .split(",")
    .map((f) => f.trim())
    .filter((f) => f && f.toLowerCase() !== "none")
    .sort();
  return flags.length ? flags.join(", ") : null;
}

function attributes(source: Record<string, unknown>): Attributes {
  const out: Attributes = {};
  for (const key of MANAGED) out[key] = key === "userPrincipalName" && typeof source[key] === "string" ? (source[key] as string).toLowerCase() : toJson(source[key]);
  out.passwordPolicies = passwordPolicies(source.passwordPolicies);
  return out;
}

/** The department prefix of every client segment holofleet writes. */
export function segmentPrefix(ctx: OwnershipContext): string {
  return `${ctx.namingPrefix}-Client-`;
}

export function ownsUser(data: Record<string, unknown>, ctx: OwnershipContext): boolean {
  return typeof data.department === "string" && data.department.startsWith(segmentPrefix(ctx));
}

export const userKind: ResourceKindDefinition = {
  kind: "user",
  title: "client account",
  desiredAttributes(body) {
    return { ...attributes(body), passwordProfile: toJson(body.passwordProfile) };
  },
  remoteAttributes(remote) {
    return attributes(remote.data);
  },
  immutable: [],
  writeOnly: ["passwordProfile"],
  lifecycle: { create: true, update: true, delete: true },
  ownershipRule: "its department is one of holofleet's client segments, <namingPrefix>-Client-<client id>",
  readStage: 1,
  blueprintPath: () => ["clients"],
};

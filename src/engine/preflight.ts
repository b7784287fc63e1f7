/**
 * Preflight (pure): before holofleet reads or writes anything it checks that the tenant is the one
 * the blueprint names (`tenant.id`, else `tenant.domain` among its domains) and that its token holds
 * the permissions the plan's operations need (the token's `roles` for an app, `scp` for a person; the
 * requirements are the providers' data), and that the tenant preconditions hold (judged by
 * src/preconditions/, read by the plan operation). Each failure is an error diagnostic with the blueprint key
 * it is about, what is wrong and what to do.
 */
import type { TenantPrecondition } from "../compile/types.ts";
import type { Diagnostic } from "../diag/diagnostic.ts";
import type { PreconditionEvaluation } from "../preconditions/evaluate.ts";
import type { PermissionRequirement } from "../resources/types.ts";

export interface OrganizationInfo {
  id: string;
  displayName?: string | null;
  verifiedDomains?: { name: string; isDefault?: boolean; isInitial?: boolean }[];
}

/** The tenant the blueprint names against the one the token is for. */
export function checkTenantIdentity(tenant: { id: string | null; domain: string }, org: OrganizationInfo): Diagnostic[] {
  const domains = (org.verifiedDomains ?? []).map((d) => d.name.toLowerCase());
  if (tenant.id !== null) {
    if (tenant.id.toLowerCase() === org.id.toLowerCase()) return [];
    return [
      {
        severity: "error",
        code: "HF5401",
        message: `the blueprint is for tenant ${tenant.id}, but the credentials reach tenant ${org.id}${org.displayName ? ` (${org.displayName})` : ""}`,
        why: "applying a program to the wrong tenant would create accounts and policies there",
        fix: "Check --tenant and the AZURE_* variables, or correct tenant.id.",
        path: ["tenant", "id"],
      },
    ];
  }
  if (domains.includes(tenant.domain.toLowerCase())) return [];
  return [
    {
      severity: "error",
      code: "HF5401",
      message: `tenant.domain ${tenant.domain} is not a verified domain of tenant ${org.id}${org.displayName ? ` (${org.displayName})` : ""} (its domains: ${domains.join(", ") || "none"})`,
      why: "the blueprint names another tenant, or the domain is not verified yet",
      fix: `Set tenant.id to ${org.id} if this is the right tenant and verify ${tenant.domain} in it, or point --tenant at the tenant that holds ${tenant.domain}.`,
      path: ["tenant", "domain"],
    },
  ];
}

/** What a token says its holder may do (claims read without verification: Graph verifies them). */
export interface TokenGrants {
  kind: "application" | "delegated";
  permissions: string[];
}

/** The `roles` (app) or `scp` (person) claim of a JWT access token; undefined when it is not a readable JWT. */
export function grantsOfToken(token: string): TokenGrants | undefined {
  const payload = token.split(".")[1];
  if (!payload) return undefined;
  let claims: { roles?: unknown; scp?: unknown };
  try {
    claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as typeof claims;
  } catch {
    return undefined;
  }
  if (typeof claims.scp === "string") return { kind: "delegated", permissions: claims.scp.split(" ").filter(Boolean) };
  if (Array.isArray(claims.roles)) return { kind: "application", permissions: claims.roles.filter((r): r is string => typeof r === "string") };
  return undefined;
}

export interface NeededPermission {
  requirement: PermissionRequirement;
  /** Why the plan needs it ("read group", "create user.a@x"), and the blueprint key behind it. */
  purpose: string;
  path: (string | number)[];
}

/**
 * The permissions a token's grants amount to: Graph's `X.ReadWrite.Y` includes `X.Read.Y` (Microsoft's
 * map lists the ReadWrite one among the "higher privileged" choices of every read), so an app holding
 * only the least set (`docs/permissions.md`, no separate read permissions) passes the read checks.
 */
export function impliedPermissions(granted: readonly string[]): Set<string> {
  const held = new Set(granted);
  for (const p of granted) if (p.includes(".ReadWrite.")) held.add(p.replace(".ReadWrite.", ".Read."));
  return held;
}

/** One diagnostic per unmet requirement (the first purpose that needs it is named). */
export function checkPermissions(grants: TokenGrants | undefined, needed: readonly NeededPermission[]): Diagnostic[] {
  if (!grants)
    return [
      {
        severity: "warning",
        code: "HF5404",
        message: "the access token is not a JWT holofleet can read, so its permissions were not checked before planning",
        fix: "If a request is refused with 403, give holofleet's app the permissions in docs/permissions.md.",
      },
    ];
  const held = impliedPermissions(grants.permissions);
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const n of needed) {
    const options = grants.kind === "application" ? n.requirement.application : n.requirement.delegated;
    if (options.some((p) => held.has(p)) || seen.has(n.requirement.request)) continue;
    seen.add(n.requirement.request);
    out.push({
      severity: "error",
      code: "HF5402",
      message:
        options.length === 0
          ? `${n.purpose} needs ${n.requirement.request}, which Graph does not allow with ${grants.kind} permissions`
          : `${n.purpose} needs ${n.requirement.request}, which takes the ${grants.kind} permission ${options[0]}${options.length > 1 ? ` (or ${options.slice(1).join(", ")})` : ""}; the token has none of them`,
      fix:
        grants.kind === "application"
          ? `Grant holofleet's app ${options[0] ?? "a permission that allows it"} (admin consent) and run again; docs/permissions.md lists what holofleet needs.`
          : `Sign in with an account and app that hold ${options[0] ?? "it"} (holofleet login), or use an app registration.`,
      path: n.path,
    });
  }
  return out;
}

/** One tenant precondition as judged (`evaluatePrecondition`), with what planning needs besides. */
export interface JudgedPrecondition {
  precondition: TenantPrecondition;
  evaluation: PreconditionEvaluation;
  /** Whether a resource the condition names is still to be created by this plan (it cannot hold yet). */
  waitsForCreate: boolean;
}

/**
 * Each precondition that does not hold is an error that stops the plan, located at the blueprint's
 * `clients` (every condition is about the client accounts), with the remedy an admin applies by hand:
 * holofleet never writes tenant-wide settings. It is a warning instead when it names a group this plan
 * creates (the admin can add the group only once it exists) or when holofleet could not read it.
 */
export function checkPreconditions(judged: readonly JudgedPrecondition[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const { precondition: p, evaluation: e, waitsForCreate } of judged) {
    if (e.status === "satisfied") continue;
    const why = `holofleet never changes this tenant-wide setting (${p.source}); without it the program's devices cannot enroll`;
    if (e.status === "unknown") {
      out.push({ severity: "warning", code: "HF5405", message: `${p.address}: not checked: ${e.reason}`, why, fix: `Check it by hand: ${p.remedy}`, path: ["clients"] });
      continue;
    }
    out.push({
      severity: waitsForCreate ? "warning" : "error",
      code: "HF5403",
      message: `${p.address}: ${e.reason}${waitsForCreate ? " (the group is created by this plan; after apply, change the setting)" : ""}`,
      why,
      fix: p.remedy,
      path: ["clients"],
    });
  }
  return out;
}

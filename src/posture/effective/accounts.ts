/**
 * A client account's effective licences and password. Service plans: every licence assignment Entra reports
 * (`licenseAssignmentStates`: direct, or by group with `assignedByGroup`) that is active, minus its disabled
 * plans, resolved through the tenant's `subscribedSkus` (the catalog when a SKU is not there). Password: when
 * it was last set, how long the domain and the user's policy keep it valid, and whether it outlives the loan.
 */
import { skus as catalogSkus } from "../../catalog/index.ts";
import { passwordExpiryDuringLoan, passwordValidityDays } from "../../guide/password-expiry.ts";
import type { SnapshotDomain, SnapshotSubscribedSku, SnapshotUser } from "../snapshot/schema.ts";
import type { Directory } from "./directory.ts";

export interface LivePlan {
  name: string;
  id: string;
  skuPartNumber: string;
  /** How the plan arrives: `direct`, or the group that assigns it. */
  via: { kind: "direct" } | { kind: "group"; id: string; displayName: string };
}

export interface LicenceAssignment {
  skuId: string;
  skuPartNumber: string;
  via: LivePlan["via"];
  state: string;
  error: string | null;
  disabledPlans: string[];
}

export interface PasswordPosture {
  lastChangedAt: number | null;
  domain: string;
  domainValidityDays: number | null;
  /** The user's passwordPolicies include DisablePasswordExpiration. */
  userNeverExpires: boolean;
  validityDays: number | null;
  expiresAt: number | null;
  expectedReturnAt: number | null;
  /** Where the return date comes from. */
  loanSource: "fleet" | "blueprint" | "none";
  expiresDuringLoan: boolean;
}

/** Entra's states in which a licence's plans are live (`licenseAssignmentState.state`). */
const LIVE_STATES = new Set(["active", "activewitherror"]);

export interface SkuIndex {
  byId: Map<string, { skuPartNumber: string; plans: { id: string; name: string }[] }>;
}

export function skuIndex(subscribed: readonly SnapshotSubscribedSku[]): SkuIndex {
  const byId = new Map<string, { skuPartNumber: string; plans: { id: string; name: string }[] }>();
  for (const sku of catalogSkus) byId.set(sku.skuId.toLowerCase(), { skuPartNumber: sku.skuPartNumber, plans: sku.servicePlans.map((p) => ({ id: p.id, name: p.name })) });
  // The tenant's own list wins: it is what the service really grants.
  for (const sku of subscribed) byId.set(sku.skuId.toLowerCase(), { skuPartNumber: sku.skuPartNumber, plans: sku.servicePlans.map((p) => ({ id: p.servicePlanId, name: p.servicePlanName })) });
  return { byId };
}

export function licenceAssignments(user: SnapshotUser, skus: SkuIndex, dir: Directory): LicenceAssignment[] {
  // Without licenseAssignmentStates (older reads), assignedLicenses is the aggregate, taken as direct.
  const states = user.licenseAssignmentStates ?? user.assignedLicenses.map((l) => ({ skuId: l.skuId, disabledPlans: l.disabledPlans, assignedByGroup: null, state: "Active", error: null }));
  return states.map((s) => {
    const group = s.assignedByGroup ? dir.groupsById.get(s.assignedByGroup) : undefined;
    return {
      skuId: s.skuId,
      skuPartNumber: skus.byId.get(s.skuId.toLowerCase())?.skuPartNumber ?? s.skuId,
      via: s.assignedByGroup ? { kind: "group" as const, id: s.assignedByGroup, displayName: group?.displayName ?? s.assignedByGroup } : { kind: "direct" as const },
      state: s.state ?? "Active",
      error: s.error && s.error !== "None" ? s.error : null,
      disabledPlans: s.disabledPlans ?? [],
    };
  });
}

export function livePlans(assignments: readonly LicenceAssignment[], skus: SkuIndex): LivePlan[] {
  const plans: LivePlan[] = [];
  for (const a of assignments) {
    if (!LIVE_STATES.has(a.state.toLowerCase())) continue;
    const disabled = new Set(a.disabledPlans.map((p) => p.toLowerCase()));
    for (const plan of skus.byId.get(a.skuId.toLowerCase())?.plans ?? []) {
      if (!disabled.has(plan.id.toLowerCase())) plans.push({ name: plan.name, id: plan.id, skuPartNumber: a.skuPartNumber, via: a.via });
    }
  }
  return plans;
}

export function passwordPosture(user: SnapshotUser, domains: ReadonlyMap<string, SnapshotDomain>, expectedReturnAt: number | null, loanSource: PasswordPosture["loanSource"]): PasswordPosture {
  const domain = user.userPrincipalName.split("@")[1]?.toLowerCase() ?? "";
  const domainValidityDays = domains.get(domain)?.passwordValidityPeriodInDays ?? null;
  const validityDays = passwordValidityDays(domainValidityDays, user.passwordPolicies);
  const lastChangedAt = user.lastPasswordChangeDateTime ? Date.parse(user.lastPasswordChangeDateTime) : null;
  const expiry =
    lastChangedAt === null ? { expiresAt: null, expiresDuringLoan: validityDays !== null } : passwordExpiryDuringLoan({ changedAt: lastChangedAt, validityDays, returnAt: expectedReturnAt, day: 86_400_000 });
  return {
    lastChangedAt,
    domain,
    domainValidityDays,
    userNeverExpires: /disablepasswordexpiration/i.test(user.passwordPolicies ?? ""),
    validityDays,
    expiresAt: expiry.expiresAt,
    expectedReturnAt,
    loanSource,
    expiresDuringLoan: loanSource === "none" ? false : expiry.expiresDuringLoan,
  };
}

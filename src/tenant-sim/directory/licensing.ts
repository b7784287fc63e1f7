/**
 * Licence assignment as Entra does it (graph-facts §3): a user's `licenseAssignmentStates` are the
 * truth — one per (SKU, source), the source being a direct assignment or a group — and
 * `assignedLicenses`, `assignedPlans` and each SKU's `consumedUnits` follow from them. A user
 * consumes one unit of a SKU however many sources grant it; a grant that would exceed
 * `prepaidUnits.enabled` fails with `CountViolation` (learn.microsoft.com licenseAssignmentState).
 */
import type { SimStore, SimTicker } from "../framework.ts";
import { GraphHttpError } from "../framework.ts";
import { ORGANIZATION_KIND } from "../seed/organization.ts";
import { sqliteStoreOf } from "../store.ts";
import { saveDirectoryObject } from "./change-log.ts";
import { queueGroupLicensing } from "./membership.ts";
import type { AssignedLicense, GroupDoc, LicenseAssignmentState, SkuDoc, UserDoc } from "./types.ts";

/** Default time group-based licensing takes to reach members (real time, not the tenant clock). */
export const DEFAULT_LICENSING_DELAY_MS = 300;

function isActive(s: LicenseAssignmentState): boolean {
  return s.state === "Active" || s.state === "ActiveWithError";
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/** Normalises an `assignLicense` body: both arrays are non-nullable in the CSDL action. */
export function parseAssignLicenseBody(body: unknown): { add: AssignedLicense[]; remove: string[] } {
  const b = (body ?? {}) as { addLicenses?: unknown; removeLicenses?: unknown };
  if (!Array.isArray(b.addLicenses) || !Array.isArray(b.removeLicenses)) {
    throw new GraphHttpError(400, "Request_BadRequest", "Both addLicenses and removeLicenses are required (use [] for none).");
  }
  const add = b.addLicenses.map((l: unknown) => {
    const lic = (l ?? {}) as { skuId?: unknown; disabledPlans?: unknown };
    if (typeof lic.skuId !== "string") throw new GraphHttpError(400, "Request_BadRequest", "Every addLicenses entry needs a skuId.");
    const disabled = lic.disabledPlans ?? [];
    if (!Array.isArray(disabled) || disabled.some((p) => typeof p !== "string")) {
      throw new GraphHttpError(400, "Request_BadRequest", "disabledPlans must be a collection of service plan ids.");
    }
    return { skuId: lic.skuId.toLowerCase(), disabledPlans: (disabled as string[]).map((p) => p.toLowerCase()) };
  });
  if (b.removeLicenses.some((s) => typeof s !== "string")) throw new GraphHttpError(400, "Request_BadRequest", "removeLicenses must be a collection of skuIds.");
  return { add, remove: (b.removeLicenses as string[]).map((s) => s.toLowerCase()) };
}

/** Checks SKUs and service plans against the tenant's subscriptions. */
export function validateLicenses(skus: readonly SkuDoc[], add: readonly AssignedLicense[], remove: readonly string[]): void {
  for (const lic of add) {
    const sku = skus.find((s) => s.skuId === lic.skuId);
    if (!sku) throw new GraphHttpError(400, "Request_BadRequest", `License ${lic.skuId} does not correspond to a valid company License.`);
    for (const plan of lic.disabledPlans) {
      if (!sku.servicePlans.some((p) => p.servicePlanId === plan)) {
        throw new GraphHttpError(400, "Request_BadRequest", `Service plan ${plan} is not part of ${sku.skuPartNumber} (${sku.skuId}).`);
      }
    }
  }
  for (const skuId of remove) {
    if (!skus.some((s) => s.skuId === skuId)) throw new GraphHttpError(400, "Request_BadRequest", `License ${skuId} does not correspond to a valid company License.`);
  }
}

/** Recomputes `assignedLicenses` and `assignedPlans` from the user's assignment states. */
export function deriveUserLicenses(user: UserDoc, skus: readonly SkuDoc[], nowIso: string): void {
  const states = user.licenseAssignmentStates ?? [];
  const bySku = new Map<string, LicenseAssignmentState[]>();
  for (const s of states.filter(isActive)) bySku.set(s.skuId, [...(bySku.get(s.skuId) ?? []), s]);
  const assigned: AssignedLicense[] = [];
  for (const [skuId, list] of bySku) {
    // A plan stays enabled when any source enables it: the disabled set is the intersection.
    const disabled = list.map((s) => s.disabledPlans).reduce((acc, d) => acc.filter((p) => d.includes(p)));
    assigned.push({ skuId, disabledPlans: disabled });
  }
  const previousPlans = new Map((user.assignedPlans ?? []).map((p) => [p.servicePlanId, p]));
  const plans: UserDoc["assignedPlans"] = [];
  for (const lic of assigned) {
    const sku = skus.find((s) => s.skuId === lic.skuId);
    for (const plan of sku?.servicePlans ?? []) {
      if (lic.disabledPlans.includes(plan.servicePlanId) || plans.some((p) => p.servicePlanId === plan.servicePlanId)) continue;
      const previous = previousPlans.get(plan.servicePlanId);
      // `service` names a workload (e.g. "exchange"); the licensing CSV does not carry it, so it stays null.
      plans.push({ assignedDateTime: previous?.assignedDateTime ?? nowIso, capabilityStatus: "Enabled", service: null, servicePlanId: plan.servicePlanId });
    }
  }
  user.assignedLicenses = assigned;
  user.assignedPlans = plans;
}

/**
 * The directory's location, which group-based licensing uses for members without `usageLocation`
 * ("any users without a usage location specified inherit the location of the directory",
 * hololens-facts §4): the organization's `countryLetterCode`. Group licensing never writes it onto
 * the user ("will never modify an existing usage location value", graph-facts §2).
 */
export function directoryUsageLocation(store: SimStore): string | null {
  const org = store.list<{ id: string; countryLetterCode?: unknown }>(ORGANIZATION_KIND)[0];
  return typeof org?.countryLetterCode === "string" && org.countryLetterCode !== "" ? org.countryLetterCode : null;
}

/** Units of one SKU consumed now: users with an active assignment of it (only holders of the SKU are read). */
export function consumedUnitsOf(store: SimStore, skuId: string): number {
  const holders = sqliteStoreOf(store).findWithArrayElement<UserDoc>("users", "licenseAssignmentStates", skuId, "skuId");
  return holders.filter((u) => u.licenseAssignmentStates.some((s) => s.skuId === skuId && isActive(s))).length;
}

/** Writes `consumedUnits` on every SKU whose count changed. */
export function refreshConsumedUnits(store: SimStore): void {
  for (const sku of store.list<SkuDoc>("subscribedSkus")) {
    const consumed = consumedUnitsOf(store, sku.skuId);
    if (sku.consumedUnits !== consumed) store.put("subscribedSkus", { ...sku, consumedUnits: consumed });
  }
}

/**
 * Direct assignment (`POST /users/{id}/assignLicense`): synchronous, and it fails as a whole.
 * A direct assignment needs a usage location (graph-facts §2).
 */
export function assignUserLicenses(store: SimStore, user: UserDoc, add: readonly AssignedLicense[], remove: readonly string[], now: Date): UserDoc {
  const skus = store.list<SkuDoc>("subscribedSkus");
  validateLicenses(skus, add, remove);
  if (add.length && !user.usageLocation) {
    throw new GraphHttpError(400, "Request_BadRequest", "License assignment cannot be done for user with invalid usage location.");
  }
  const nowIso = now.toISOString();
  let states = (user.licenseAssignmentStates ?? []).filter((s) => !(s.assignedByGroup === null && remove.includes(s.skuId)));
  for (const lic of add) {
    const alreadyConsumes = states.some((s) => s.skuId === lic.skuId && isActive(s));
    const sku = skus.find((s) => s.skuId === lic.skuId) as SkuDoc;
    // The stored user is one of the holders only if it already consumes a unit, which then needs no new one.
    if (!alreadyConsumes && consumedUnitsOf(store, lic.skuId) >= sku.prepaidUnits.enabled) {
      throw new GraphHttpError(400, "Request_BadRequest", `Subscription with SKU ${lic.skuId} does not have any available licenses.`);
    }
    states = states.filter((s) => !(s.assignedByGroup === null && s.skuId === lic.skuId));
    states.push({ skuId: lic.skuId, disabledPlans: [...lic.disabledPlans], assignedByGroup: null, state: "Active", error: "None", lastUpdatedDateTime: nowIso });
  }
  user.licenseAssignmentStates = states;
  deriveUserLicenses(user, skus, nowIso);
  return user;
}

/**
 * Group assignment (`POST /groups/{id}/assignLicense`): checks the SKUs, sets the group's
 * `assignedLicenses` (in memory; the caller saves the group) and queues the members' licensing,
 * which happens later (graph-facts §3.1).
 */
export function assignGroupLicenses(store: SimStore, group: GroupDoc, add: readonly AssignedLicense[], remove: readonly string[], nowMs: number): void {
  validateLicenses(store.list<SkuDoc>("subscribedSkus"), add, remove);
  const kept = (group.assignedLicenses ?? []).filter((l) => !remove.includes(l.skuId) && !add.some((a) => a.skuId === l.skuId));
  group.assignedLicenses = [...kept, ...add];
  queueGroupLicensing(group, nowMs);
}

/** Takes a (deleted) group's licences off the users it licensed; returns whether any user changed. */
export function withdrawGroupLicenses(store: SimStore, groupId: string, now: Date): boolean {
  const users = sqliteStoreOf(store).findWithArrayElement<UserDoc>("users", "licenseAssignmentStates", groupId, "assignedByGroup");
  if (users.length === 0) return false;
  const skus = store.list<SkuDoc>("subscribedSkus");
  for (const user of users) {
    user.licenseAssignmentStates = user.licenseAssignmentStates.filter((s) => s.assignedByGroup !== groupId);
    deriveUserLicenses(user, skus, now.toISOString());
    saveDirectoryObject(store, "users", user);
  }
  return true;
}

/**
 * The users a group's licensing pass can change: users it licensed before who have left the group
 * first, so the units they free are there for the members, then its direct user members.
 */
function usersTouchedBy(store: SimStore, group: GroupDoc): UserDoc[] {
  const members = (group._members ?? []).flatMap((id) => store.get<UserDoc>("users", id) ?? []);
  const memberIds = new Set(members.map((u) => u.id));
  const leavers = sqliteStoreOf(store)
    .findWithArrayElement<UserDoc>("users", "licenseAssignmentStates", group.id, "assignedByGroup")
    .filter((u) => !memberIds.has(u.id));
  return [...leavers, ...members];
}

/**
 * Applies one group's licences to its direct user members (Entra does not license through nested
 * groups) and withdraws them from users that left. Users the group cannot license for lack of
 * units get an `Error`/`CountViolation` state and show in `membersWithLicenseErrors`.
 */
export function processGroupLicensing(store: SimStore, group: GroupDoc, now: Date): void {
  const nowIso = now.toISOString();
  const skus = store.list<SkuDoc>("subscribedSkus");
  const users = usersTouchedBy(store, group);
  const tenantLocation = directoryUsageLocation(store);
  // Units in use of every SKU this pass can grant or take back, counted before it changes anyone.
  const involved = new Set([
    ...(group.assignedLicenses ?? []).map((l) => l.skuId),
    ...users.flatMap((u) => (u.licenseAssignmentStates ?? []).filter((s) => s.assignedByGroup === group.id).map((s) => s.skuId)),
  ]);
  const counts = new Map([...involved].map((skuId) => [skuId, consumedUnitsOf(store, skuId)]));
  const members = new Set(group._members ?? []);
  const errors: string[] = [];
  for (const user of users) {
    const original = JSON.stringify(user.licenseAssignmentStates ?? []);
    const states = structuredClone(user.licenseAssignmentStates ?? []);
    const fromGroup = states.filter((s) => s.assignedByGroup === group.id);
    if (!members.has(user.id) && fromGroup.length === 0) continue;
    const desired = members.has(user.id) ? group.assignedLicenses ?? [] : [];
    let next = states.filter((s) => s.assignedByGroup !== group.id || desired.some((d) => d.skuId === s.skuId));
    for (const lic of desired) {
      const existing = next.find((s) => s.assignedByGroup === group.id && s.skuId === lic.skuId);
      if (existing && isActive(existing)) {
        if (!sameSet(existing.disabledPlans, lic.disabledPlans)) {
          existing.disabledPlans = [...lic.disabledPlans];
          existing.lastUpdatedDateTime = nowIso;
        }
        continue;
      }
      const alreadyConsumes = next.some((s) => s.skuId === lic.skuId && isActive(s));
      const sku = skus.find((s) => s.skuId === lic.skuId);
      const fits = sku !== undefined && (alreadyConsumes || (counts.get(lic.skuId) ?? 0) < sku.prepaidUnits.enabled);
      // Members without a usage location are licensed for the directory's location (graph-facts §2);
      // with neither, Entra's "usage location isn't allowed" error applies (licensing-groups-resolve-problems.md).
      const located = Boolean(user.usageLocation || tenantLocation);
      const error: LicenseAssignmentState["error"] = !located ? "ProhibitedInUsageLocationViolation" : fits ? "None" : "CountViolation";
      const state: LicenseAssignmentState = {
        skuId: lic.skuId,
        disabledPlans: [...lic.disabledPlans],
        assignedByGroup: group.id,
        state: error === "None" ? "Active" : "Error",
        error,
        lastUpdatedDateTime: nowIso,
      };
      if (error === "None" && !alreadyConsumes) counts.set(lic.skuId, (counts.get(lic.skuId) ?? 0) + 1);
      if (existing && existing.state === state.state && existing.error === state.error && sameSet(existing.disabledPlans, state.disabledPlans)) continue;
      next = next.filter((s) => s !== existing);
      next.push(state);
    }
    // Units a withdrawn licence frees are available to the next user in this pass.
    for (const s of states) {
      if (isActive(s) && !next.includes(s) && !next.some((n) => n.skuId === s.skuId && isActive(n))) {
        counts.set(s.skuId, Math.max(0, (counts.get(s.skuId) ?? 0) - 1));
      }
    }
    if (next.some((s) => s.assignedByGroup === group.id && s.state === "Error")) errors.push(user.id);
    if (JSON.stringify(next) !== original) {
      user.licenseAssignmentStates = next;
      deriveUserLicenses(user, skus, nowIso);
      saveDirectoryObject(store, "users", user);
    }
  }
  group._licenseErrorMembers = errors;
  group.hasMembersWithLicenseErrors = errors.length > 0;
  group.licenseProcessingState = { state: "ProcessingComplete" };
  group._licensingQueuedAtMs = null;
  saveDirectoryObject(store, "groups", group);
  refreshConsumedUnits(store);
}

/** What the licensing ticker knows about one store between runs. */
interface QueueState {
  /** Store generation up to which group changes were taken in. */
  seen: number;
  /** Groups waiting for processing: id → real-time ms when queued. */
  queued: Map<string, number>;
}

/**
 * The background worker that applies group licences `delayMs` of real time after a group's
 * licences or members change (Entra processes them asynchronously; graph-facts §3.1). Real time,
 * not the tenant clock, so moving the clock by days does not skip the wait a client must poll through.
 * It keeps the queue from the groups written since its last run, so a request that queued nothing
 * costs one indexed read, not a pass over every group.
 */
export function createGroupLicensingTicker(options: { delayMs?: number | (() => number); nowMs?: () => number } = {}): SimTicker {
  const delay = () => {
    const d = options.delayMs;
    if (typeof d === "function") return d();
    if (typeof d === "number") return d;
    const env = Number(process.env.HOLOFLEET_SIM_LICENSING_DELAY_MS);
    return Number.isFinite(env) && env >= 0 ? env : DEFAULT_LICENSING_DELAY_MS;
  };
  const nowMs = options.nowMs ?? Date.now;
  const states = new WeakMap<SimStore, QueueState>();
  return {
    name: "group-licensing",
    tick(store, now) {
      const sqlite = sqliteStoreOf(store);
      let state = states.get(store);
      if (!state) states.set(store, (state = { seen: -1, queued: new Map() }));
      for (const group of sqlite.changedSince<GroupDoc>("groups", state.seen)) {
        const queued = group._licensingQueuedAtMs;
        if (typeof queued === "number") state.queued.set(group.id, queued);
        else state.queued.delete(group.id);
      }
      state.seen = sqlite.generation();
      const due = nowMs() - delay();
      for (const [id, queuedAt] of state.queued) {
        if (queuedAt > due) continue;
        // Read again: the group may have been deleted, or processed by someone else, since it was queued.
        const group = store.get<GroupDoc>("groups", id);
        if (group && typeof group._licensingQueuedAtMs === "number") store.tx(() => processGroupLicensing(store, group, now));
        state.queued.delete(id);
      }
    },
  };
}

export const groupLicensingTicker: SimTicker = createGroupLicensingTicker();

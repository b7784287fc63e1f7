import { describe, expect, it } from "vitest";
import { GraphHttpError } from "../framework.ts";
import { openSimStore } from "../store.ts";
import {
  assignGroupLicenses,
  assignUserLicenses,
  consumedUnitsOf,
  createGroupLicensingTicker,
  directoryUsageLocation,
  parseAssignLicenseBody,
  processGroupLicensing,
  withdrawGroupLicenses,
} from "./licensing.ts";
import { setGroupMembers } from "./membership.ts";
import { countingLists, INTUNE_PLAN, INTUNE_SKU, RA_SKU, RA_TEAMS_PLAN, putGroup, putSku, putUser } from "./test-fixtures.ts";
import type { GroupDoc, SkuDoc, UserDoc } from "./types.ts";

const now = new Date("2026-01-02T03:04:05Z");

function setup(intuneUnits = 2) {
  const store = openSimStore(":memory:");
  putSku(store, INTUNE_SKU, "INTUNE_A", intuneUnits, [[INTUNE_PLAN, "INTUNE_A"]]);
  putSku(store, RA_SKU, "MICROSOFT_REMOTE_ASSIST", 10, [
    ["0850ebb5-64ee-4d3a-a3e1-5a97213653b5", "CDS_REMOTE_ASSIST"],
    ["4f4c7800-298a-4e22-8867-96b17850d4dd", "MICROSOFT_REMOTE_ASSIST"],
    [RA_TEAMS_PLAN, "TEAMS1"],
  ]);
  return store;
}

const sku = (store: ReturnType<typeof setup>, id: string) => store.list<SkuDoc>("subscribedSkus").find((s) => s.skuId === id) as SkuDoc;
const user = (store: ReturnType<typeof setup>, id: string) => store.get<UserDoc>("users", id) as UserDoc;

function expectGraphError(fn: () => unknown, status: number, message: RegExp) {
  try {
    fn();
    expect.unreachable();
  } catch (e) {
    expect(e).toBeInstanceOf(GraphHttpError);
    expect((e as GraphHttpError).status).toBe(status);
    expect((e as GraphHttpError).code).toBe("Request_BadRequest");
    expect((e as GraphHttpError).message).toMatch(message);
  }
}

describe("parseAssignLicenseBody", () => {
  it("lower-cases ids and defaults disabledPlans", () => {
    expect(parseAssignLicenseBody({ addLicenses: [{ skuId: INTUNE_SKU.toUpperCase() }], removeLicenses: [] })).toEqual({
      add: [{ skuId: INTUNE_SKU, disabledPlans: [] }],
      remove: [],
    });
  });
  it("a missing removeLicenses → 400 (both parameters are non-nullable)", () => {
    expectGraphError(() => parseAssignLicenseBody({ addLicenses: [] }), 400, /removeLicenses/);
  });
});

describe("assignUserLicenses (direct)", () => {
  it("assigns, derives assignedLicenses/assignedPlans and counts units", () => {
    const store = setup();
    const u = putUser(store, "a@x");
    assignUserLicenses(store, u, [{ skuId: RA_SKU, disabledPlans: [RA_TEAMS_PLAN] }], [], now);
    expect(u.assignedLicenses).toEqual([{ skuId: RA_SKU, disabledPlans: [RA_TEAMS_PLAN] }]);
    expect(u.assignedPlans.map((p) => p.servicePlanId).sort()).toEqual(["0850ebb5-64ee-4d3a-a3e1-5a97213653b5", "4f4c7800-298a-4e22-8867-96b17850d4dd"]);
    expect(u.licenseAssignmentStates).toEqual([
      { skuId: RA_SKU, disabledPlans: [RA_TEAMS_PLAN], assignedByGroup: null, state: "Active", error: "None", lastUpdatedDateTime: now.toISOString() },
    ]);
  });

  it("no usage location → 400", () => {
    const store = setup();
    const u = putUser(store, "a@x", { usageLocation: null });
    expectGraphError(() => assignUserLicenses(store, u, [{ skuId: INTUNE_SKU, disabledPlans: [] }], [], now), 400, /usage location/);
  });

  it("unknown SKU or foreign service plan → 400", () => {
    const store = setup();
    const u = putUser(store, "a@x");
    expectGraphError(() => assignUserLicenses(store, u, [{ skuId: "00000000-0000-0000-0000-000000000000", disabledPlans: [] }], [], now), 400, /valid company License/);
    expectGraphError(() => assignUserLicenses(store, u, [{ skuId: INTUNE_SKU, disabledPlans: [RA_TEAMS_PLAN] }], [], now), 400, /not part of INTUNE_A/);
  });

  it("out of units → 400, and re-assigning a held SKU does not need a unit", () => {
    const store = setup(1);
    const a = putUser(store, "a@x");
    assignUserLicenses(store, a, [{ skuId: INTUNE_SKU, disabledPlans: [] }], [], now);
    store.put("users", a);
    const b = putUser(store, "b@x");
    expectGraphError(() => assignUserLicenses(store, b, [{ skuId: INTUNE_SKU, disabledPlans: [] }], [], now), 400, /does not have any available licenses/);
    expect(() => assignUserLicenses(store, a, [{ skuId: INTUNE_SKU, disabledPlans: [] }], [], now)).not.toThrow();
  });

  it("removeLicenses withdraws the direct assignment only", () => {
    const store = setup();
    const u = putUser(store, "a@x");
    assignUserLicenses(store, u, [{ skuId: INTUNE_SKU, disabledPlans: [] }], [], now);
    assignUserLicenses(store, u, [], [INTUNE_SKU], now);
    expect(u.assignedLicenses).toEqual([]);
    expect(u.licenseAssignmentStates).toEqual([]);
  });
});

describe("processGroupLicensing", () => {
  it("licenses members with disabledPlans, records assignedByGroup and consumedUnits", () => {
    const store = setup();
    const a = putUser(store, "a@x");
    const group = putGroup(store, "g", { _members: [a.id], assignedLicenses: [{ skuId: RA_SKU, disabledPlans: [RA_TEAMS_PLAN] }] });
    processGroupLicensing(store, group, now);
    const after = user(store, a.id);
    expect(after.assignedLicenses).toEqual([{ skuId: RA_SKU, disabledPlans: [RA_TEAMS_PLAN] }]);
    expect(after.licenseAssignmentStates[0]).toMatchObject({ assignedByGroup: group.id, state: "Active", error: "None" });
    expect(sku(store, RA_SKU).consumedUnits).toBe(1);
    expect(store.get<GroupDoc>("groups", group.id)?.licenseProcessingState).toEqual({ state: "ProcessingComplete" });
  });

  it("more members than units → CountViolation on the extra users and errors on the group", () => {
    const store = setup(2);
    const users = [putUser(store, "a@x"), putUser(store, "b@x"), putUser(store, "c@x")];
    const group = putGroup(store, "g", { _members: users.map((u) => u.id), assignedLicenses: [{ skuId: INTUNE_SKU, disabledPlans: [] }] });
    processGroupLicensing(store, group, now);
    const states = users.map((u) => user(store, u.id).licenseAssignmentStates[0]);
    expect(states.map((s) => s?.state)).toEqual(["Active", "Active", "Error"]);
    expect(states[2]).toMatchObject({ error: "CountViolation", assignedByGroup: group.id });
    expect(user(store, users[2]!.id).assignedLicenses).toEqual([]);
    const g = store.get<GroupDoc>("groups", group.id) as GroupDoc;
    expect(g.hasMembersWithLicenseErrors).toBe(true);
    expect(g._licenseErrorMembers).toEqual([users[2]!.id]);
    expect(sku(store, INTUNE_SKU).consumedUnits).toBe(2);
  });

  it("a member leaving frees the unit; the next run clears the other's error", () => {
    const store = setup(1);
    const a = putUser(store, "a@x");
    const b = putUser(store, "b@x");
    const group = putGroup(store, "g", { _members: [a.id, b.id], assignedLicenses: [{ skuId: INTUNE_SKU, disabledPlans: [] }] });
    processGroupLicensing(store, group, now);
    const g = store.get<GroupDoc>("groups", group.id) as GroupDoc;
    setGroupMembers(store, g, [b.id], 0);
    processGroupLicensing(store, g, now);
    expect(user(store, a.id).licenseAssignmentStates).toEqual([]);
    expect(user(store, b.id).licenseAssignmentStates[0]).toMatchObject({ state: "Active" });
    expect(store.get<GroupDoc>("groups", group.id)?.hasMembersWithLicenseErrors).toBe(false);
    expect(sku(store, INTUNE_SKU).consumedUnits).toBe(1);
  });

  it("a unit freed by a leaver goes to a joining member in the same pass, whatever their order in the directory", () => {
    const store = setup(1);
    const joiner = putUser(store, "joiner@x");
    const leaver = putUser(store, "leaver@x");
    const group = putGroup(store, "g", { _members: [leaver.id], assignedLicenses: [{ skuId: INTUNE_SKU, disabledPlans: [] }] });
    processGroupLicensing(store, group, now);
    const g = store.get<GroupDoc>("groups", group.id) as GroupDoc;
    setGroupMembers(store, g, [joiner.id], 0);
    processGroupLicensing(store, g, now);
    expect(user(store, leaver.id).licenseAssignmentStates).toEqual([]);
    expect(user(store, joiner.id).licenseAssignmentStates[0]).toMatchObject({ state: "Active" });
    expect(store.get<GroupDoc>("groups", group.id)?.hasMembersWithLicenseErrors).toBe(false);
  });

  it("reads only the group's members and former holders, not every user", () => {
    const store = setup();
    for (let i = 0; i < 10; i++) putUser(store, `bystander${i}@x`);
    const a = putUser(store, "a@x");
    const group = putGroup(store, "g", { _members: [a.id], assignedLicenses: [{ skuId: INTUNE_SKU, disabledPlans: [] }] });
    const { store: counting, listed } = countingLists(store);
    processGroupLicensing(counting, group, now);
    expect(user(store, a.id).assignedLicenses).toEqual([{ skuId: INTUNE_SKU, disabledPlans: [] }]);
    expect(listed).not.toContain("users");
  });

  it("a user with the SKU directly and from a group consumes one unit; plans enabled by either stay enabled", () => {
    const store = setup(1);
    const a = putUser(store, "a@x");
    assignUserLicenses(store, a, [{ skuId: RA_SKU, disabledPlans: [RA_TEAMS_PLAN] }], [], now);
    store.put("users", a);
    const group = putGroup(store, "g", { _members: [a.id], assignedLicenses: [{ skuId: RA_SKU, disabledPlans: [] }] });
    processGroupLicensing(store, group, now);
    const after = user(store, a.id);
    expect(after.licenseAssignmentStates).toHaveLength(2);
    expect(after.assignedLicenses).toEqual([{ skuId: RA_SKU, disabledPlans: [] }]);
    expect(sku(store, RA_SKU).consumedUnits).toBe(1);
  });
});

describe("group licensing and usage location", () => {
  const withOrganization = (store: ReturnType<typeof setup>, countryLetterCode: string | null) => {
    store.put("organization", { id: "tenant", countryLetterCode });
    return store;
  };

  it("a member without usageLocation is licensed for the directory's location, which is not written onto the user", () => {
    const store = withOrganization(setup(), "US");
    const a = putUser(store, "a@x", { usageLocation: null });
    const group = putGroup(store, "g", { _members: [a.id], assignedLicenses: [{ skuId: INTUNE_SKU, disabledPlans: [] }] });
    processGroupLicensing(store, group, now);
    expect(user(store, a.id).licenseAssignmentStates[0]).toMatchObject({ state: "Active", error: "None" });
    expect(user(store, a.id).usageLocation).toBeNull();
    expect(directoryUsageLocation(store)).toBe("US");
  });

  it("with no location on the user nor the directory → Error/ProhibitedInUsageLocationViolation, no unit consumed", () => {
    const store = withOrganization(setup(), null);
    const a = putUser(store, "a@x", { usageLocation: null });
    const b = putUser(store, "b@x", { usageLocation: "DE" });
    const group = putGroup(store, "g", { _members: [a.id, b.id], assignedLicenses: [{ skuId: INTUNE_SKU, disabledPlans: [] }] });
    processGroupLicensing(store, group, now);
    expect(user(store, a.id).licenseAssignmentStates[0]).toMatchObject({ assignedByGroup: group.id, state: "Error", error: "ProhibitedInUsageLocationViolation" });
    expect(user(store, a.id).assignedLicenses).toEqual([]);
    expect(user(store, b.id).licenseAssignmentStates[0]).toMatchObject({ state: "Active" });
    expect(store.get<GroupDoc>("groups", group.id)?._licenseErrorMembers).toEqual([a.id]);
    expect(sku(store, INTUNE_SKU).consumedUnits).toBe(1);
  });

  it("direct assignment ignores the directory's location: without usageLocation it fails (graph-facts §2)", () => {
    const store = withOrganization(setup(), "US");
    const u = putUser(store, "a@x", { usageLocation: null });
    expectGraphError(() => assignUserLicenses(store, u, [{ skuId: INTUNE_SKU, disabledPlans: [] }], [], now), 400, /invalid usage location/);
    // Removing needs no location.
    expect(() => assignUserLicenses(store, u, [], [INTUNE_SKU], now)).not.toThrow();
  });
});

describe("consumedUnitsOf", () => {
  it("counts each user with an active assignment once, whatever the sources; errors and other SKUs do not count", () => {
    const store = setup();
    const state = (skuId: string, assignedByGroup: string | null, st: "Active" | "Error") => ({
      skuId,
      disabledPlans: [],
      assignedByGroup,
      state: st,
      error: st === "Active" ? ("None" as const) : ("CountViolation" as const),
      lastUpdatedDateTime: now.toISOString(),
    });
    putUser(store, "a@x", { licenseAssignmentStates: [state(INTUNE_SKU, null, "Active"), state(INTUNE_SKU, "g1", "Active")] });
    putUser(store, "b@x", { licenseAssignmentStates: [state(INTUNE_SKU, "g1", "Error")] });
    putUser(store, "c@x", { licenseAssignmentStates: [state(RA_SKU, null, "Active")] });
    putUser(store, "d@x");
    expect(consumedUnitsOf(store, INTUNE_SKU)).toBe(1);
    expect(consumedUnitsOf(store, RA_SKU)).toBe(1);
  });
});

describe("assignGroupLicenses / withdrawGroupLicenses", () => {
  it("replaces a SKU's disabled plans, removes, and queues the group", () => {
    const store = setup();
    const group = putGroup(store, "g", { assignedLicenses: [{ skuId: INTUNE_SKU, disabledPlans: [] }] });
    assignGroupLicenses(store, group, [{ skuId: RA_SKU, disabledPlans: [RA_TEAMS_PLAN] }], [INTUNE_SKU], 1234);
    expect(group.assignedLicenses).toEqual([{ skuId: RA_SKU, disabledPlans: [RA_TEAMS_PLAN] }]);
    expect(group._licensingQueuedAtMs).toBe(1234);
    expect(group.licenseProcessingState).toEqual({ state: "QueuedForProcessing" });
    expectGraphError(() => assignGroupLicenses(store, group, [{ skuId: "00000000-0000-0000-0000-000000000000", disabledPlans: [] }], [], 0), 400, /valid company License/);
  });

  it("withdraws only the deleted group's states and reports whether anyone changed", () => {
    const store = setup();
    const a = putUser(store, "a@x");
    assignUserLicenses(store, a, [{ skuId: RA_SKU, disabledPlans: [] }], [], now);
    store.put("users", a);
    const group = putGroup(store, "g", { _members: [a.id], assignedLicenses: [{ skuId: INTUNE_SKU, disabledPlans: [] }] });
    processGroupLicensing(store, group, now);
    expect(user(store, a.id).assignedLicenses.map((l) => l.skuId).sort()).toEqual([INTUNE_SKU, RA_SKU].sort());
    expect(withdrawGroupLicenses(store, group.id, now)).toBe(true);
    expect(user(store, a.id).assignedLicenses).toEqual([{ skuId: RA_SKU, disabledPlans: [] }]);
    expect(user(store, a.id).licenseAssignmentStates).toHaveLength(1);
    expect(withdrawGroupLicenses(store, group.id, now)).toBe(false);
  });
});

describe("createGroupLicensingTicker", () => {
  it("processes a queued group only after the delay of real time", () => {
    const store = setup();
    const a = putUser(store, "a@x");
    const group = putGroup(store, "g", { _members: [a.id], assignedLicenses: [{ skuId: INTUNE_SKU, disabledPlans: [] }], _licensingQueuedAtMs: 1000 });
    let clock = 1100;
    const ticker = createGroupLicensingTicker({ delayMs: 300, nowMs: () => clock });
    ticker.tick(store, now);
    expect(user(store, a.id).assignedLicenses).toEqual([]);
    clock = 1300;
    ticker.tick(store, now);
    expect(user(store, a.id).assignedLicenses).toEqual([{ skuId: INTUNE_SKU, disabledPlans: [] }]);
    expect(store.get<GroupDoc>("groups", group.id)?._licensingQueuedAtMs).toBeNull();
  });

  it("reads only the groups written since its last run: no pass over every group when nothing is queued", () => {
    const store = setup();
    const a = putUser(store, "a@x");
    for (let i = 0; i < 20; i++) putGroup(store, `quiet ${i}`);
    let clock = 5000;
    const ticker = createGroupLicensingTicker({ delayMs: 100, nowMs: () => clock });
    const listed: string[] = [];
    let groupsRead = 0;
    const counting = new Proxy(store, {
      get(target, prop, receiver) {
        if (prop === "list") return (kind: string) => (listed.push(kind), target.list(kind));
        if (prop === "changedSince")
          return (kind: string, after: number) => {
            const docs = target.changedSince(kind, after);
            if (kind === "groups") groupsRead += docs.length;
            return docs;
          };
        return Reflect.get(target, prop, receiver) as unknown;
      },
    });
    ticker.tick(counting, now);
    expect(groupsRead).toBe(20);
    groupsRead = 0;
    putGroup(store, "another quiet one");
    ticker.tick(counting, now);
    expect(groupsRead).toBe(1);
    expect(listed).toEqual([]);
    // A queued group is picked up from the change and processed once due.
    const group = putGroup(store, "licensed", { _members: [a.id], assignedLicenses: [{ skuId: INTUNE_SKU, disabledPlans: [] }], _licensingQueuedAtMs: clock });
    ticker.tick(counting, now);
    expect(user(store, a.id).assignedLicenses).toEqual([]);
    clock += 100;
    ticker.tick(counting, now);
    expect(user(store, a.id).assignedLicenses).toEqual([{ skuId: INTUNE_SKU, disabledPlans: [] }]);
    expect(listed).not.toContain("groups");
    expect(store.get<GroupDoc>("groups", group.id)?.licenseProcessingState).toEqual({ state: "ProcessingComplete" });
  });

  it("a group deleted while queued is dropped from the queue", () => {
    const store = setup();
    const group = putGroup(store, "g", { assignedLicenses: [{ skuId: INTUNE_SKU, disabledPlans: [] }], _licensingQueuedAtMs: 0 });
    let clock = 0;
    const ticker = createGroupLicensingTicker({ delayMs: 10, nowMs: () => clock });
    ticker.tick(store, now);
    store.delete("groups", group.id);
    clock = 100;
    expect(() => ticker.tick(store, now)).not.toThrow();
    expect(store.get("groups", group.id)).toBeUndefined();
  });
});

import { describe, expect, it } from "vitest";
import { openSimStore, type SqliteSimStore } from "../store.ts";
import { dynamicMembershipTicker, recomputeDynamicGroups } from "./dynamic-membership.ts";
import { countingLists, putDevice, putGroup, putUser } from "./test-fixtures.ts";
import type { GroupDoc } from "./types.ts";

const dynamic = (rule: string, state = "On") => ({ groupTypes: ["DynamicMembership"], membershipRule: rule, membershipRuleProcessingState: state });

describe("recomputeDynamicGroups", () => {
  it("a device with the matching [OrderID] joins; others do not", () => {
    const store = openSimStore(":memory:");
    const group = putGroup(store, "HL2 ClientA", dynamic('(device.devicePhysicalIds -any _ -eq "[OrderID]:ClientA")'));
    const hl = putDevice(store, "HL-1", ["[ZTDId]:abc", "[OrderID]:ClientA"]);
    putDevice(store, "HL-2", ["[ZTDId]:def", "[OrderID]:ClientB"]);
    expect(recomputeDynamicGroups(store)).toEqual([group.id]);
    expect(store.get<GroupDoc>("groups", group.id)?._members).toEqual([hl.id]);
    expect(recomputeDynamicGroups(store)).toEqual([]);
  });

  it("a device whose tag changes leaves the group on the next tick", () => {
    const store = openSimStore(":memory:");
    const group = putGroup(store, "g", dynamic('(device.devicePhysicalIds -any (_ -startsWith "[OrderID]:ClientA"))'));
    const hl = putDevice(store, "HL-1", ["[OrderID]:ClientA"]);
    dynamicMembershipTicker.tick(store, new Date());
    expect(store.get<GroupDoc>("groups", group.id)?._members).toEqual([hl.id]);
    store.put("devices", { ...hl, physicalIds: ["[OrderID]:Other"] });
    dynamicMembershipTicker.tick(store, new Date());
    expect(store.get<GroupDoc>("groups", group.id)?._members).toEqual([]);
  });

  it("a changed rule re-evaluates; a paused group keeps its members", () => {
    const store = openSimStore(":memory:");
    const group = putGroup(store, "g", dynamic('device.displayName -startsWith "HL"'));
    const hl = putDevice(store, "HL-1", []);
    const lt = putDevice(store, "LT-1", []);
    recomputeDynamicGroups(store);
    const g = store.get<GroupDoc>("groups", group.id) as GroupDoc;
    store.put("groups", { ...g, membershipRule: 'device.displayName -startsWith "LT"' });
    recomputeDynamicGroups(store);
    expect(store.get<GroupDoc>("groups", group.id)?._members).toEqual([lt.id]);
    store.put("groups", { ...(store.get<GroupDoc>("groups", group.id) as GroupDoc), membershipRuleProcessingState: "Paused", membershipRule: 'device.displayName -startsWith "HL"' });
    recomputeDynamicGroups(store);
    expect(store.get<GroupDoc>("groups", group.id)?._members).toEqual([lt.id]);
    expect(hl.id).toBeTruthy();
  });

  it("user rules select users", () => {
    const store = openSimStore(":memory:");
    const group = putGroup(store, "ops", dynamic('user.userPrincipalName -startsWith "ops-"'));
    const ops = putUser(store, "ops-1@contoso.onmicrosoft.com");
    putUser(store, "dev-1@contoso.onmicrosoft.com");
    recomputeDynamicGroups(store);
    expect(store.get<GroupDoc>("groups", group.id)?._members).toEqual([ops.id]);
  });

  it("assigned groups are never touched", () => {
    const store = openSimStore(":memory:");
    const group = putGroup(store, "static", { _members: ["x"] });
    putDevice(store, "HL", []);
    recomputeDynamicGroups(store);
    expect(store.get<GroupDoc>("groups", group.id)?._members).toEqual(["x"]);
  });
});

describe("dynamicMembershipTicker (incremental)", () => {
  const members = (store: SqliteSimStore, id: string) => store.get<GroupDoc>("groups", id)?._members;

  it("a write to an assigned group reads no collection; a changed device joins and leaves without a full pass", () => {
    const store = openSimStore(":memory:");
    const group = putGroup(store, "g", dynamic('(device.devicePhysicalIds -any (_ -eq "[OrderID]:ClientA"))'));
    for (let i = 0; i < 10; i++) putGroup(store, `assigned ${i}`);
    const a = putDevice(store, "HL-A", ["[OrderID]:ClientA"]);
    const { store: proxy, listed } = countingLists(store);
    dynamicMembershipTicker.tick(proxy, new Date());
    expect(members(store, group.id)).toEqual([a.id]);
    expect(listed).toEqual(["devices"]);
    listed.length = 0;
    putGroup(store, "one more assigned group");
    dynamicMembershipTicker.tick(proxy, new Date());
    const b = putDevice(store, "HL-B", ["[OrderID]:ClientA"]);
    dynamicMembershipTicker.tick(proxy, new Date());
    expect(members(store, group.id)).toEqual([a.id, b.id]);
    store.put("devices", { ...a, physicalIds: ["[OrderID]:ClientB"] });
    dynamicMembershipTicker.tick(proxy, new Date());
    expect(members(store, group.id)).toEqual([b.id]);
    expect(listed).toEqual([]);
  });

  it("a new dynamic group and a changed rule are evaluated against every device", () => {
    const store = openSimStore(":memory:");
    const hl = putDevice(store, "HL-1", []);
    const lt = putDevice(store, "LT-1", []);
    dynamicMembershipTicker.tick(store, new Date());
    const group = putGroup(store, "g", dynamic('device.displayName -startsWith "HL"'));
    dynamicMembershipTicker.tick(store, new Date());
    expect(members(store, group.id)).toEqual([hl.id]);
    store.put("groups", { ...(store.get<GroupDoc>("groups", group.id) as GroupDoc), membershipRule: 'device.displayName -startsWith "LT"' });
    dynamicMembershipTicker.tick(store, new Date());
    expect(members(store, group.id)).toEqual([lt.id]);
  });

  it("a paused group keeps its members until it is switched on again", () => {
    const store = openSimStore(":memory:");
    const group = putGroup(store, "g", dynamic('device.displayName -startsWith "HL"'));
    const hl = putDevice(store, "HL-1", []);
    dynamicMembershipTicker.tick(store, new Date());
    store.put("groups", { ...(store.get<GroupDoc>("groups", group.id) as GroupDoc), membershipRuleProcessingState: "Paused" });
    dynamicMembershipTicker.tick(store, new Date());
    const late = putDevice(store, "HL-2", []);
    dynamicMembershipTicker.tick(store, new Date());
    expect(members(store, group.id)).toEqual([hl.id]);
    store.put("groups", { ...(store.get<GroupDoc>("groups", group.id) as GroupDoc), membershipRuleProcessingState: "On" });
    dynamicMembershipTicker.tick(store, new Date());
    expect(members(store, group.id)).toEqual([hl.id, late.id]);
  });

  it("a deleted device leaves the group (a deletion triggers a full evaluation of that kind)", () => {
    const store = openSimStore(":memory:");
    const group = putGroup(store, "g", dynamic('device.displayName -startsWith "HL"'));
    const gone = putDevice(store, "HL-1", []);
    const stays = putDevice(store, "HL-2", []);
    dynamicMembershipTicker.tick(store, new Date());
    store.delete("devices", gone.id);
    dynamicMembershipTicker.tick(store, new Date());
    expect(members(store, group.id)).toEqual([stays.id]);
  });

  it("user rules follow changed users; device changes leave them alone", () => {
    const store = openSimStore(":memory:");
    const group = putGroup(store, "ops", dynamic('user.userPrincipalName -startsWith "ops-"'));
    dynamicMembershipTicker.tick(store, new Date());
    const ops = putUser(store, "ops-1@contoso.onmicrosoft.com");
    putUser(store, "dev-1@contoso.onmicrosoft.com");
    putDevice(store, "ops-device", []);
    dynamicMembershipTicker.tick(store, new Date());
    expect(members(store, group.id)).toEqual([ops.id]);
  });

  it("agrees with a full recompute after a mixed run of changes", () => {
    const store = openSimStore(":memory:");
    const byTag = putGroup(store, "tag", dynamic('(device.devicePhysicalIds -any (_ -eq "[OrderID]:A"))'));
    const byName = putGroup(store, "name", dynamic('device.displayName -contains "7"'));
    const devices = Array.from({ length: 12 }, (_, i) => putDevice(store, `HL-${i}`, [`[OrderID]:${i % 2 ? "A" : "B"}`]));
    dynamicMembershipTicker.tick(store, new Date());
    store.put("devices", { ...devices[1]!, physicalIds: ["[OrderID]:B"] });
    store.put("devices", { ...devices[2]!, physicalIds: ["[OrderID]:A"], displayName: "HL-77" });
    store.delete("devices", devices[3]!.id);
    dynamicMembershipTicker.tick(store, new Date());
    const incremental = [byTag, byName].map((g) => [...(members(store, g.id) ?? [])].sort());
    recomputeDynamicGroups(store);
    expect([byTag, byName].map((g) => [...(members(store, g.id) ?? [])].sort())).toEqual(incremental);
    expect(incremental[0]).toContain(devices[2]!.id);
    expect(incremental[0]).not.toContain(devices[1]!.id);
  });
});


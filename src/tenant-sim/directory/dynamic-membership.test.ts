import { describe, expect, it } from "vitest";
import { openSimStore } from "../store.ts";
import { dynamicMembershipTicker, recomputeDynamicGroups } from "./dynamic-membership.ts";
import { putDevice, putGroup, putUser } from "./test-fixtures.ts";
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

import { describe, expect, it } from "vitest";
import { openSimStore } from "../store.ts";
import { directGroupsOf, findDirectoryObject, findDirectoryObjects, setGroupMembers, transitiveGroupIds } from "./membership.ts";
import { putDevice, putGroup, putUser } from "./test-fixtures.ts";
import type { GroupDoc } from "./types.ts";

describe("transitiveGroupIds", () => {
  it("direct and nested groups → nearest first; unrelated groups excluded", () => {
    const store = openSimStore(":memory:");
    const user = putUser(store, "a@contoso.onmicrosoft.com");
    const inner = putGroup(store, "inner", { _members: [user.id] });
    const outer = putGroup(store, "outer", { _members: [inner.id] });
    const top = putGroup(store, "top", { _members: [outer.id] });
    putGroup(store, "other", { _members: [] });
    expect(transitiveGroupIds(store, user.id)).toEqual([inner.id, outer.id, top.id]);
    expect(transitiveGroupIds(store, inner.id)).toEqual([outer.id, top.id]);
    expect(directGroupsOf(store, user.id).map((g) => g.id)).toEqual([inner.id]);
  });

  it("membership cycles terminate", () => {
    const store = openSimStore(":memory:");
    const a = putGroup(store, "a");
    const b = putGroup(store, "b", { _members: [a.id] });
    store.put("groups", { ...a, _members: [b.id] });
    expect(transitiveGroupIds(store, a.id)).toEqual([b.id]);
  });

  it("an object in no group → []", () => {
    const store = openSimStore(":memory:");
    expect(transitiveGroupIds(store, "nobody")).toEqual([]);
  });
});

describe("setGroupMembers", () => {
  it("records additions and removals and queues licensing for licensed groups", () => {
    const store = openSimStore(":memory:");
    const group = putGroup(store, "g", { assignedLicenses: [{ skuId: "s", disabledPlans: [] }] });
    expect(setGroupMembers(store, group, ["u1", "u2"], 1000)).toBe(true);
    expect(setGroupMembers(store, group, ["u2", "u1"], 1001)).toBe(false);
    expect(setGroupMembers(store, group, ["u2"], 1002)).toBe(true);
    expect(group._members).toEqual(["u2"]);
    expect((group._memberLog ?? []).map((e) => [e.id, e.removed])).toEqual([
      ["u1", false],
      ["u2", false],
      ["u1", true],
    ]);
    expect(group._licensingQueuedAtMs).toBe(1002);
    expect(group.licenseProcessingState).toEqual({ state: "QueuedForProcessing" });
  });

  it("an unlicensed group is not queued", () => {
    const store = openSimStore(":memory:");
    const group: GroupDoc = putGroup(store, "g");
    setGroupMembers(store, group, ["u1"], 5);
    expect(group._licensingQueuedAtMs).toBeUndefined();
  });
});

describe("findDirectoryObject", () => {
  it("finds users, groups and devices by id", () => {
    const store = openSimStore(":memory:");
    const u = putUser(store, "u@x");
    const d = putDevice(store, "HL", []);
    expect(findDirectoryObject(store, u.id)?.kind).toBe("users");
    expect(findDirectoryObject(store, d.id)?.kind).toBe("devices");
    expect(findDirectoryObject(store, "missing")).toBeUndefined();
  });
});

describe("findDirectoryObjects", () => {
  it("ids of users, groups, devices and none → each found object once per id, in the order asked, the missing left out", () => {
    const store = openSimStore(":memory:");
    const u = putUser(store, "u@x");
    const g = putGroup(store, "g");
    const d = putDevice(store, "HL", []);
    const found = findDirectoryObjects(store, [d.id, "missing", u.id, g.id]);
    expect(found.map((f) => [f.kind, f.doc.id])).toEqual([
      ["devices", d.id],
      ["users", u.id],
      ["groups", g.id],
    ]);
    expect(found.map((f) => f.doc)).toEqual([d.id, u.id, g.id].map((id) => findDirectoryObject(store, id)?.doc));
    expect(findDirectoryObjects(store, [])).toEqual([]);
  });
});

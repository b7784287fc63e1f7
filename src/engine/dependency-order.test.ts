import { describe, expect, it } from "vitest";
import type { DesiredResource } from "../compile/types.ts";
import { dependencyOrder, prerequisitesOf } from "./dependency-order.ts";

function res(address: string, extra: Partial<DesiredResource> = {}): DesiredResource {
  return { kind: "group", address, api: "v1.0", collection: "/groups", body: {}, dependsOn: [], ...extra };
}

describe("dependencyOrder", () => {
  it("puts every resource after its dependsOn, its parent and the addresses it $refs", () => {
    const order = dependencyOrder([
      res("configurationAssignment.p", { parent: "customConfiguration.p", body: { target: { groupId: { $ref: "group.devices" } } } }),
      res("group.clients", { body: { "members@odata.bind": [{ $ref: "user.b" }, { $ref: "user.a" }] } }),
      res("customConfiguration.p"),
      res("user.b"),
      res("groupLicense.clients", { dependsOn: ["group.clients"] }),
      res("group.devices"),
      res("user.a"),
    ]).map((r) => r.address);
    const before = (a: string, b: string) => expect(order.indexOf(a), `${a} before ${b}`).toBeLessThan(order.indexOf(b));
    before("customConfiguration.p", "configurationAssignment.p");
    before("group.devices", "configurationAssignment.p");
    before("user.a", "group.clients");
    before("user.b", "group.clients");
    before("group.clients", "groupLicense.clients");
    expect(order).toHaveLength(7);
  });

  it("is deterministic: ties go by address", () => {
    expect(dependencyOrder([res("c"), res("a"), res("b")]).map((r) => r.address)).toEqual(["a", "b", "c"]);
  });

  it("refuses cycles, unknown dependencies and duplicate addresses (compiler bugs)", () => {
    expect(() => dependencyOrder([res("a", { dependsOn: ["b"] }), res("b", { dependsOn: ["a"] })])).toThrow(/cycle among a, b/);
    expect(() => dependencyOrder([res("a", { dependsOn: ["missing"] })])).toThrow(/unknown address missing/);
    expect(() => dependencyOrder([res("a"), res("a")])).toThrow(/share an address/);
  });
});

describe("prerequisitesOf", () => {
  it("merges the three sources without duplicates", () => {
    expect(prerequisitesOf(res("x", { dependsOn: ["p", "g"], parent: "p", body: { g: { $ref: "g" } } })).sort()).toEqual(["g", "p"]);
  });
});

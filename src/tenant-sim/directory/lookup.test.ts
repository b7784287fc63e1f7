import { describe, expect, it } from "vitest";
import { GraphHttpError } from "../framework.ts";
import { openSimStore } from "../store.ts";
import { findAllByAlternateKey, findById, findGroupByUniqueName, findUser, requireDevice, requireDeviceByDeviceId, requireGroup, requireUser } from "./lookup.ts";
import { putDevice, putGroup, putUser } from "./test-fixtures.ts";

describe("directory lookups", () => {
  it("users by id (any case) or by UPN ignoring case; unknown → 404 Request_ResourceNotFound", () => {
    const store = openSimStore(":memory:");
    const ada = putUser(store, "Ada@Contoso.onmicrosoft.com");
    expect(findUser(store, ada.id.toUpperCase())?.id).toBe(ada.id);
    expect(findUser(store, "ada@contoso.ONMICROSOFT.com")?.id).toBe(ada.id);
    expect(findUser(store, "grace@contoso.onmicrosoft.com")).toBeUndefined();
    // Without an @ it is an object id only.
    expect(findUser(store, "Ada")).toBeUndefined();
    try {
      requireUser(store, "nobody@contoso.onmicrosoft.com");
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(GraphHttpError);
      expect(e).toMatchObject({ status: 404, code: "Request_ResourceNotFound" });
      expect((e as Error).message).toBe("Resource 'nobody@contoso.onmicrosoft.com' does not exist or one of its queried reference-property objects are not present.");
    }
  });

  it("groups by id and by uniqueName; devices by id and by deviceId", () => {
    const store = openSimStore(":memory:");
    const g = putGroup(store, "HL2 ClientA", { uniqueName: "HL2-ClientA" });
    putGroup(store, "no unique name", { uniqueName: null });
    expect(requireGroup(store, g.id).displayName).toBe("HL2 ClientA");
    expect(findGroupByUniqueName(store, "hl2-clienta")?.id).toBe(g.id);
    expect(findGroupByUniqueName(store, "hl2-clientb")).toBeUndefined();
    const d = putDevice(store, "HL-1", []);
    expect(requireDevice(store, d.id).displayName).toBe("HL-1");
    expect(requireDeviceByDeviceId(store, d.deviceId.toUpperCase()).id).toBe(d.id);
    expect(() => requireDeviceByDeviceId(store, "00000000-0000-0000-0000-000000000000")).toThrow(GraphHttpError);
    expect(findById(store, "devices", "missing")).toBeUndefined();
  });

  it("alternate keys outside ASCII still compare ignoring case (the index folds ASCII only)", () => {
    const store = openSimStore(":memory:");
    const g = putGroup(store, "Équipe", { uniqueName: "ÉQUIPE-Zürich" });
    expect(findGroupByUniqueName(store, "équipe-zürich")?.id).toBe(g.id);
    expect(findAllByAlternateKey(store, "groups", "uniqueName", "ÉQUIPE-ZÜRICH").map((d) => (d as { id: string }).id)).toEqual([g.id]);
    expect(findAllByAlternateKey(store, "groups", "uniqueName", "equipe-zurich")).toEqual([]);
  });
});


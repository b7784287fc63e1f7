/**
 * Single-entity directory writes stay cheap as the tenant grows: they look conflicts and members up
 * through the store's indexes and never read a whole users or groups collection.
 */
import { describe, expect, it } from "vitest";
import type { HttpMethod, RouteDef } from "../framework.ts";
import { openSimStore } from "../store.ts";
import { countingLists, putDevice, putGroup, putUser, routeContextFor } from "../directory/test-fixtures.ts";
import { deviceRoutes } from "./devices.ts";
import { groupRoutes } from "./groups.ts";
import { userRoutes } from "./users.ts";

function route(routes: RouteDef[], method: HttpMethod, path: string): RouteDef {
  const found = routes.find((r) => r.method === method && r.path === path);
  if (!found) throw new Error(`no route ${method} ${path}`);
  return found;
}

function tenantWithManyObjects() {
  const store = openSimStore(":memory:");
  store.put("domains", { id: "contoso.onmicrosoft.com", isDefault: true, isInitial: true, isVerified: true });
  const users = Array.from({ length: 30 }, (_, i) => putUser(store, `user${i}@contoso.onmicrosoft.com`));
  const groups = Array.from({ length: 30 }, (_, i) => putGroup(store, `group ${i}`, { mailEnabled: false, securityEnabled: true, mailNickname: `group${i}`, uniqueName: `group-${i}`, _members: [users[i]!.id] }));
  return { store, users, groups };
}

describe("single-entity directory writes", () => {
  it("POST /groups, PATCH /groups/{id}, the uniqueName upsert and members/$ref read no users or groups collection", async () => {
    const { store: raw, users, groups } = tenantWithManyObjects();
    const { store, listed } = countingLists(raw);
    const created = await route(groupRoutes, "POST", "/groups").handler(
      routeContextFor(store, "POST", {}, { displayName: "new", mailEnabled: false, mailNickname: "new", securityEnabled: true, uniqueName: "new-group" }),
    );
    expect(created.status).toBe(201);
    const conflict = Promise.resolve().then(() =>
      route(groupRoutes, "POST", "/groups").handler(
        routeContextFor(store, "POST", {}, { displayName: "dup", mailEnabled: false, mailNickname: "dup", securityEnabled: true, uniqueName: "GROUP-3" }),
      ),
    );
    await expect(conflict).rejects.toMatchObject({ status: 400, details: [{ code: "ObjectConflict", target: "uniqueName" }] });
    expect((await route(groupRoutes, "PATCH", "/groups/{id}").handler(routeContextFor(store, "PATCH", { id: groups[0]!.id }, { description: "d" }))).status).toBe(204);
    const upsert = route(groupRoutes, "PATCH", "/groups(uniqueName='{uniqueName}')");
    expect((await upsert.handler(routeContextFor(store, "PATCH", { uniqueName: "group-5" }, { description: "d" }))).status).toBe(204);
    const ref = { "@odata.id": `https://graph.microsoft.com/v1.0/directoryObjects/${users[1]!.id}` };
    expect((await route(groupRoutes, "POST", "/groups/{id}/members/$ref").handler(routeContextFor(store, "POST", { id: groups[2]!.id }, ref))).status).toBe(204);
    expect(listed.filter((k) => k === "users" || k === "groups")).toEqual([]);
  });

  it("POST and PATCH /users, DELETE /users and /devices read no users or groups collection", async () => {
    const { store: raw, users } = tenantWithManyObjects();
    const device = putDevice(raw, "HL-1", []);
    const { store, listed } = countingLists(raw);
    const body = { accountEnabled: true, displayName: "Op", mailNickname: "op", userPrincipalName: "op@contoso.onmicrosoft.com", passwordProfile: { password: "Str0ng!Passw0rd" } };
    expect((await route(userRoutes, "POST", "/users").handler(routeContextFor(store, "POST", {}, body))).status).toBe(201);
    await expect(Promise.resolve().then(() => route(userRoutes, "POST", "/users").handler(routeContextFor(store, "POST", {}, body)))).rejects.toMatchObject({ status: 400 });
    expect((await route(userRoutes, "PATCH", "/users/{id}").handler(routeContextFor(store, "PATCH", { id: "USER3@contoso.onmicrosoft.com" }, { jobTitle: "x" }))).status).toBe(204);
    expect((await route(userRoutes, "DELETE", "/users/{id}").handler(routeContextFor(store, "DELETE", { id: users[4]!.id }))).status).toBe(204);
    expect((await route(deviceRoutes, "DELETE", "/devices/{id}").handler(routeContextFor(store, "DELETE", { id: device.id }))).status).toBe(204);
    expect(listed.filter((k) => k === "users" || k === "groups")).toEqual([]);
  });
});

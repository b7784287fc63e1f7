/**
 * Test-only routes for the core's own tests ("widgets" under the directory limits, "gadgets" under
 * Intune's), so paging, batching, faults, throttling and concurrency are tested without depending on
 * the directory and Intune areas. Never registered in `routes/index.ts`.
 */
import { randomUUID } from "node:crypto";
import { GraphHttpError, type CollectionOptions, type RouteDef } from "./framework.ts";
import type { PermissionsMap } from "./auth/permissions.ts";

export const WIDGETS = "widgets";
export const GADGETS = "gadgets";

export const widgetCollection: CollectionOptions = {
  contextPath: "widgets",
  maxTop: 999,
  defaultTop: 100,
  defaultSelect: ["id", "displayName", "counter"],
  basicFilterProperties: ["displayName", "id", "tags"],
  advancedQueryNeedsEventual: true,
};

interface Widget {
  id: string;
  displayName: string;
  counter: number;
  tags: string[];
  color: string | null;
}

function find(store: Parameters<RouteDef["handler"]>[0]["store"], id: string): Widget {
  const w = store.get<Widget>(WIDGETS, id);
  if (!w) throw new GraphHttpError(404, "Request_ResourceNotFound", `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);
  return w;
}

export const fixtureRoutes: RouteDef[] = [
  {
    method: "GET",
    path: "/widgets",
    versions: ["v1.0", "beta"],
    throttle: "directory",
    write: false,
    handler: (ctx) => ctx.collection(ctx.store.list(WIDGETS), widgetCollection),
  },
  {
    method: "POST",
    path: "/widgets",
    versions: ["v1.0", "beta"],
    throttle: "directory",
    write: true,
    handler: (ctx) => {
      const body = (ctx.body ?? {}) as Partial<Widget>;
      const w: Widget = { id: randomUUID(), displayName: body.displayName ?? "widget", counter: 0, tags: body.tags ?? [], color: body.color ?? null };
      ctx.store.put(WIDGETS, { ...w, _createdBy: ctx.appId });
      const r = ctx.entity(w, "widgets/$entity");
      return { ...r, status: 201 };
    },
  },
  {
    method: "GET",
    path: "/widgets/{id}",
    versions: ["v1.0", "beta"],
    throttle: "directory",
    write: false,
    handler: (ctx) => ctx.entity(find(ctx.store, ctx.params.id!), "widgets/$entity", widgetCollection.defaultSelect),
  },
  {
    // Increments `counter` with an await between read and write: lost updates would show here.
    method: "PATCH",
    path: "/widgets/{id}",
    versions: ["v1.0", "beta"],
    throttle: "directory",
    write: true,
    handler: async (ctx) => {
      const w = find(ctx.store, ctx.params.id!);
      await new Promise((r) => setTimeout(r, 1));
      ctx.store.put(WIDGETS, { ...w, counter: w.counter + 1 });
      return { status: 204 };
    },
  },
  {
    method: "DELETE",
    path: "/widgets/{id}",
    versions: ["v1.0", "beta"],
    throttle: "directory",
    write: true,
    handler: (ctx) => {
      find(ctx.store, ctx.params.id!);
      ctx.store.delete(WIDGETS, ctx.params.id!);
      return { status: 204 };
    },
  },
  {
    method: "GET",
    path: "/deviceManagement/gadgets",
    versions: ["v1.0", "beta"],
    throttle: "intune",
    write: false,
    handler: (ctx) => ctx.collection(ctx.store.list(GADGETS), { contextPath: "deviceManagement/gadgets", maxTop: 1000, defaultTop: 1000 }),
  },
  {
    method: "POST",
    path: "/deviceManagement/gadgets",
    versions: ["v1.0", "beta"],
    throttle: "intune",
    write: true,
    handler: (ctx) => {
      const g = { "@odata.type": "#microsoft.graph.gadget", id: randomUUID(), displayName: String((ctx.body as { displayName?: string })?.displayName ?? "") };
      ctx.store.put(GADGETS, g);
      return { status: 201, body: g };
    },
  },
];

/** Permissions of the fixture routes, borrowed from real permissions holofleet's app holds. */
export const fixturePermissions: PermissionsMap = {
  paths: {
    "/widgets": { GET: ["Directory.Read.All"], POST: ["Group.Create"] },
    "/widgets/{id}": { GET: ["Directory.Read.All"], PATCH: ["Group.ReadWrite.All"], DELETE: ["Group.ReadWrite.All"] },
    "/devicemanagement/gadgets": { GET: ["DeviceManagementConfiguration.ReadWrite.All"], POST: ["DeviceManagementConfiguration.ReadWrite.All"] },
  },
};

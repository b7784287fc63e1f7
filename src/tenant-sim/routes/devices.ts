/**
 * `/devices` (v1.0 and beta): Entra device objects with their Autopilot `physicalIds`, as the
 * Intune side registers them; list (with `$filter`), get, update and delete by object id or by the
 * `deviceId` alternate key (device-get.md, device-update.md, device-delete.md), `memberOf` and
 * `registeredOwners` (the account that joined the device; device-list-registeredowners.md).
 */
import { GraphHttpError, type GraphVersion, type RouteContext, type RouteDef } from "../framework.ts";
import { deleteDirectoryObject, saveDirectoryObject } from "../directory/change-log.ts";
import { directoryCollection } from "../directory/collection-options.ts";
import { directoryRoute } from "../directory/directory-route.ts";
import { directoryObjectView } from "../directory/directory-object-view.ts";
import { requireDevice, requireDeviceByDeviceId } from "../directory/lookup.ts";
import { answerMemberOf } from "../directory/member-of.ts";
import { findDirectoryObject, removeFromAllGroups } from "../directory/membership.ts";
import { rejectUndeclaredProperties, requireObjectBody } from "../directory/request-body.ts";
import type { DeviceDoc } from "../directory/types.ts";

const DEVICE = "microsoft.graph.device";
const DEVICES = directoryCollection("devices", { entityType: DEVICE, advancedQueryNeedsEventual: true });

type PropertyType = "boolean" | "string" | "extensionAttributes";

/** The properties device-update.md lists, with their types. */
const WRITABLE: Record<string, PropertyType> = {
  accountEnabled: "boolean",
  displayName: "string",
  isCompliant: "boolean",
  isManaged: "boolean",
  operatingSystem: "string",
  operatingSystemVersion: "string",
};

/**
 * `extensionAttributes` is a beta property of device: the v1.0 CSDL does not declare it (the v1.0
 * device-update.md example writes it anyway; the schema wins), so v1.0 neither takes nor returns it.
 */
const BETA_ONLY = "extensionAttributes";
const WRITABLE_BY_VERSION: Record<GraphVersion, Record<string, PropertyType>> = {
  "v1.0": WRITABLE,
  beta: { ...WRITABLE, [BETA_ONLY]: "extensionAttributes" },
};

/** A device as the request's version declares it. */
function forVersion(version: GraphVersion, device: object): object {
  if (version === "beta" || !(BETA_ONLY in device)) return device;
  const { [BETA_ONLY]: _betaOnly, ...rest } = device as Record<string, unknown>;
  return rest;
}

/** `onPremisesExtensionAttributes`: extensionAttribute1 … extensionAttribute15, strings or null (CSDL). */
const EXTENSION_ATTRIBUTE = /^extensionAttribute([1-9]|1[0-5])$/;

function invalidValue(property: string): GraphHttpError {
  return new GraphHttpError(400, "Request_BadRequest", `Invalid value specified for property '${property}' of resource 'Device'.`);
}

function checkDevicePatch(version: GraphVersion, device: DeviceDoc, body: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(body)) {
    if (key.startsWith("@")) continue;
    const type = WRITABLE_BY_VERSION[version][key];
    if (!type) throw new GraphHttpError(400, "Request_BadRequest", `Property '${key}' is read-only or not supported on device.`);
    if (type === "extensionAttributes") {
      if (!value || typeof value !== "object" || Array.isArray(value)) throw invalidValue(key);
      for (const [name, v] of Object.entries(value)) if (!EXTENSION_ATTRIBUTE.test(name) || (v !== null && typeof v !== "string")) throw invalidValue(`${key}.${name}`);
    } else if (typeof value !== type) {
      throw invalidValue(key);
    }
  }
  // "In application-only scenarios and for non-Windows devices … the app can update only the
  // extensionAttributes property" (device-update.md); every local tenant token is app-only.
  const windows = String(device.operatingSystem ?? "").toLowerCase() === "windows";
  if (!windows && Object.keys(body).some((k) => !k.startsWith("@") && k !== "extensionAttributes")) {
    throw new GraphHttpError(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
  }
}

function patchDevice(ctx: RouteContext, load: (ctx: RouteContext) => DeviceDoc) {
  const body = requireObjectBody(ctx.body);
  rejectUndeclaredProperties(body, DEVICE, ctx.version);
  ctx.store.tx(() => {
    const device = load(ctx);
    checkDevicePatch(ctx.version, device, body);
    const { extensionAttributes, ...rest } = body;
    Object.assign(device, Object.fromEntries(Object.entries(rest).filter(([k]) => !k.startsWith("@"))));
    // Attributes not in the body keep their values (device-update.md, "Request body").
    if (extensionAttributes) device.extensionAttributes = { ...(device.extensionAttributes as object | undefined), ...(extensionAttributes as object) };
    saveDirectoryObject(ctx.store, "devices", device);
  });
  return { status: 204 };
}

function deleteDevice(ctx: RouteContext, load: (ctx: RouteContext) => DeviceDoc) {
  ctx.store.tx(() => {
    const device = load(ctx);
    removeFromAllGroups(ctx.store, device.id, Date.now());
    // Device objects are not restorable from deleted items, so they are gone for good.
    deleteDirectoryObject(ctx.store, "devices", device.id, "deleted");
  });
  return { status: 204 };
}

const byObjectId = (ctx: RouteContext) => requireDevice(ctx.store, ctx.params.id ?? "");
const byDeviceId = (ctx: RouteContext) => requireDeviceByDeviceId(ctx.store, ctx.params.deviceId ?? "");
const BY_DEVICE_ID = "/devices(deviceId='{deviceId}')";

/** The device's registered owners that still exist, as a `directoryObject` collection. */
function answerRegisteredOwners(ctx: RouteContext) {
  const device = byObjectId(ctx) as DeviceDoc & { _registeredOwners?: string[] };
  const selected = ctx.query.has("$select");
  const owners = (device._registeredOwners ?? []).flatMap((id) => {
    const found = findDirectoryObject(ctx.store, id);
    return found ? [directoryObjectView(found.kind, found.doc, selected)] : [];
  });
  return ctx.collection(owners, directoryCollection("directoryObjects", { entityType: "microsoft.graph.directoryObject", advancedQueryNeedsEventual: true }));
}

export const deviceRoutes: RouteDef[] = [
  directoryRoute("GET", "/devices", (ctx) => ctx.collection(ctx.store.list("devices").map((d) => forVersion(ctx.version, d)), DEVICES)),
  directoryRoute("GET", "/devices/{id}", (ctx) => ctx.entity(forVersion(ctx.version, byObjectId(ctx)), "devices/$entity", null, DEVICE)),
  directoryRoute("PATCH", "/devices/{id}", (ctx) => patchDevice(ctx, byObjectId)),
  directoryRoute("DELETE", "/devices/{id}", (ctx) => deleteDevice(ctx, byObjectId)),
  directoryRoute("GET", BY_DEVICE_ID, (ctx) => ctx.entity(forVersion(ctx.version, byDeviceId(ctx)), "devices/$entity", null, DEVICE)),
  directoryRoute("PATCH", BY_DEVICE_ID, (ctx) => patchDevice(ctx, byDeviceId)),
  directoryRoute("DELETE", BY_DEVICE_ID, (ctx) => deleteDevice(ctx, byDeviceId)),
  directoryRoute("GET", "/devices/{id}/memberOf", (ctx) => answerMemberOf(ctx, byObjectId(ctx).id)),
  directoryRoute("GET", "/devices/{id}/registeredOwners", answerRegisteredOwners),
];

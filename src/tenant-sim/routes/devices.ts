/**
 * `/devices` (v1.0 and beta): Entra device objects with their Autopilot `physicalIds`, as the
 * Intune side registers them; list (with `$filter`), get by object id or `deviceId`, and `memberOf`.
 */
import type { CollectionOptions, RouteDef, SimStore } from "../framework.ts";
import { asDirectoryObject, notFound } from "../directory/lookup.ts";
import { directGroupsOf } from "../directory/membership.ts";
import type { DeviceDoc } from "../directory/types.ts";

const DEVICES: CollectionOptions = {
  contextPath: "devices",
  maxTop: 999,
  defaultTop: 100,
  defaultSelect: null,
  basicFilterProperties: null,
  advancedQueryNeedsEventual: true,
};

function requireDevice(store: SimStore, id: string): DeviceDoc {
  const device = store.get<DeviceDoc>("devices", id) ?? store.get<DeviceDoc>("devices", id.toLowerCase());
  if (!device) throw notFound(id);
  return device;
}

function byDeviceId(store: SimStore, deviceId: string): DeviceDoc {
  const device = store.list<DeviceDoc>("devices").find((d) => d.deviceId.toLowerCase() === deviceId.toLowerCase());
  if (!device) throw notFound(deviceId);
  return device;
}

export const deviceRoutes: RouteDef[] = [
  {
    method: "GET",
    path: "/devices",
    versions: ["v1.0", "beta"],
    throttle: "directory",
    write: false,
    handler: (ctx) => ctx.collection(ctx.store.list("devices"), DEVICES),
  },
  {
    method: "GET",
    path: "/devices/{id}",
    versions: ["v1.0", "beta"],
    throttle: "directory",
    write: false,
    handler: (ctx) => ctx.entity(requireDevice(ctx.store, ctx.params.id ?? ""), "devices/$entity"),
  },
  {
    // Alternate key (device-get.md): `/devices(deviceId='{deviceId}')`.
    method: "GET",
    path: "/devices(deviceId='{deviceId}')",
    versions: ["v1.0", "beta"],
    throttle: "directory",
    write: false,
    handler: (ctx) => ctx.entity(byDeviceId(ctx.store, ctx.params.deviceId ?? ""), "devices/$entity"),
  },
  {
    method: "GET",
    path: "/devices/{id}/memberOf",
    versions: ["v1.0", "beta"],
    throttle: "directory",
    write: false,
    handler: (ctx) => {
      const device = requireDevice(ctx.store, ctx.params.id ?? "");
      const groups = directGroupsOf(ctx.store, device.id).map((g) => {
        const { hasMembersWithLicenseErrors: _hidden, ...rest } = g;
        return asDirectoryObject("groups", rest);
      });
      return ctx.collection(groups, { ...DEVICES, contextPath: "directoryObjects" });
    },
  },
];

/**
 * `/_sim/devices` (not Graph; documented in docs/local-tenant.md): simulated HoloLens 2 devices.
 * `POST /devices` registers one with Autopilot and, with `enroll: true`, enrolls it;
 * `POST /devices/{id}/enroll` enrolls a registered or wiped one; `POST /devices/{id}/sync` makes
 * it check in and report per-profile states; `GET /devices[/{id}]` lists them.
 */
import { GraphHttpError, type SimControlRoute } from "../framework.ts";
import { SIM_DEVICES_KIND } from "../intune/managed-device.ts";
import { enrollSimDevice, registerSimDevice, SimDeviceError, syncSimDevice, type SimDeviceDoc } from "../intune/simulated-device.ts";

function asGraphError(err: unknown): never {
  if (err instanceof SimDeviceError) throw new GraphHttpError(err.status, err.code, err.message);
  throw err;
}

function load(store: Parameters<SimControlRoute["handler"]>[0]["store"], id: string): SimDeviceDoc {
  const doc = store.get<SimDeviceDoc>(SIM_DEVICES_KIND, id);
  if (!doc) throw new GraphHttpError(404, "notFound", `no simulated device ${id}`);
  return doc;
}

export const simDeviceRoutes: SimControlRoute[] = [
  {
    method: "GET",
    path: "/devices",
    handler: (ctx) => ({ status: 200, body: { value: ctx.store.list<SimDeviceDoc>(SIM_DEVICES_KIND) } }),
  },
  {
    method: "POST",
    path: "/devices",
    handler: (ctx) => {
      try {
        return { status: 201, body: registerSimDevice(ctx.store, (ctx.body ?? {}) as Record<string, unknown>, ctx.now()) };
      } catch (err) {
        return asGraphError(err);
      }
    },
  },
  {
    method: "GET",
    path: "/devices/{id}",
    handler: (ctx) => ({ status: 200, body: load(ctx.store, ctx.params.id ?? "") }),
  },
  {
    method: "POST",
    path: "/devices/{id}/enroll",
    handler: (ctx) => {
      try {
        return { status: 200, body: enrollSimDevice(ctx.store, load(ctx.store, ctx.params.id ?? ""), ctx.now()) };
      } catch (err) {
        return asGraphError(err);
      }
    },
  },
  {
    method: "POST",
    path: "/devices/{id}/sync",
    handler: (ctx) => {
      try {
        return { status: 200, body: syncSimDevice(ctx.store, ctx.params.id ?? "", ctx.now()) };
      } catch (err) {
        return asGraphError(err);
      }
    },
  },
];

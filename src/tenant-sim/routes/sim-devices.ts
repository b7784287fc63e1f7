/**
 * `/_sim/devices` (not Graph; documented in docs/local-tenant.md): simulated HoloLens 2 devices.
 * `POST /devices` registers one with Autopilot and, with `enroll: true`, enrolls it;
 * `POST /devices/{id}/enroll` enrolls a registered or wiped one; `POST /devices/{id}/sync` makes
 * it check in and report per-profile states; `GET /devices[/{id}]` lists them.
 */
import { GraphHttpError, type HttpMethod, type SimControlContext, type SimControlRoute, type SimResult, type SimStore } from "../framework.ts";
import { SIM_DEVICES_KIND } from "../intune/managed-device.ts";
import { enrollSimDevice, registerSimDevice, SimDeviceError, syncSimDevice, type SimDeviceDoc } from "../intune/simulated-device.ts";

function load(store: SimStore, id: string): SimDeviceDoc {
  const doc = store.get<SimDeviceDoc>(SIM_DEVICES_KIND, id);
  if (!doc) throw new GraphHttpError(404, "notFound", `no simulated device ${id}`);
  return doc;
}

/** A control route whose input problems (`SimDeviceError`) answer `{ error: { code, message } }`. */
function simDeviceRoute(method: HttpMethod, path: string, handler: (ctx: SimControlContext) => SimResult): SimControlRoute {
  return {
    method,
    path,
    handler: (ctx) => {
      try {
        return handler(ctx);
      } catch (err) {
        if (err instanceof SimDeviceError) throw new GraphHttpError(err.status, err.code, err.message);
        throw err;
      }
    },
  };
}

/** The properties `POST /_sim/devices` reads (`RegisterSimDeviceInput`). */
const REGISTER_KEYS = ["serialNumber", "hardwareHash", "osVersion", "groupTag", "purchaseOrderId", "enroll", "primaryUserPrincipalName"];

export const simDeviceRoutes: SimControlRoute[] = [
  simDeviceRoute("GET", "/devices", (ctx) => ({ status: 200, body: { value: ctx.store.list<SimDeviceDoc>(SIM_DEVICES_KIND) } })),
  simDeviceRoute("POST", "/devices", (ctx) => {
    const body = (ctx.body ?? {}) as Record<string, unknown>;
    const unknown = Object.keys(body).find((k) => !REGISTER_KEYS.includes(k));
    if (unknown !== undefined) throw new GraphHttpError(400, "invalidRequest", `unknown property '${unknown}'; a simulated device takes ${REGISTER_KEYS.join(", ")}`);
    return { status: 201, body: registerSimDevice(ctx.store, body, ctx.now()) };
  }),
  simDeviceRoute("GET", "/devices/{id}", (ctx) => ({ status: 200, body: load(ctx.store, ctx.params.id ?? "") })),
  simDeviceRoute("POST", "/devices/{id}/enroll", (ctx) => ({ status: 200, body: enrollSimDevice(ctx.store, load(ctx.store, ctx.params.id ?? ""), ctx.now()) })),
  simDeviceRoute("POST", "/devices/{id}/sync", (ctx) => ({ status: 200, body: syncSimDevice(ctx.store, ctx.params.id ?? "", ctx.now()) })),
];

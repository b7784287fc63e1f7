/**
 * `/deviceManagement/managedDevices` (v1.0 and beta): the Intune inventory of enrolled devices,
 * with `$filter` (operatingSystem, model, serialNumber, userPrincipalName…), the per-device
 * configuration reports (`deviceConfigurationStates`) and `wipe` (queued: `wipePending`, then the
 * device resets and Intune drops the record — managed-device.ts). graph-facts §6.
 */
import { GraphHttpError, type GraphVersion, type HttpMethod, type RouteContext, type RouteDef, type SimResult, type SimTicker } from "../framework.ts";
import { unknownPropertyError } from "../intune/intune-error.ts";
import { intuneList, intuneRoute as anyIntuneRoute, loadOr404, type IntuneRouteOptions } from "../intune/intune-route.ts";
import { forgetDeviceStatuses, queueWipe, wipeTicker, type ManagedDeviceDoc } from "../intune/managed-device.ts";

const KIND = "managedDevices";
const BASE = "/deviceManagement/managedDevices";
const CONTEXT = "deviceManagement/managedDevices";
const MANAGED_DEVICE = "microsoft.graph.managedDevice";

/** Managed devices are Intune's devices service, with twice the configuration service's limits (graph-facts §9.5). */
function intuneRoute(method: HttpMethod, path: string, handler: (ctx: RouteContext) => SimResult, options: IntuneRouteOptions = {}): RouteDef {
  return anyIntuneRoute(method, path, handler, { ...options, throttle: "intune-devices" });
}

/** Beta enum `obliterationBehavior` (BETA-MAP `beta-enum-types.json`). */
export const OBLITERATION_BEHAVIORS = ["default", "doNotObliterate", "obliterateWithWarning", "always", "unknownFutureValue"] as const;

/** Parameters of the v1.0 `wipe` action (CSDL); beta adds two (graph-facts §6). */
const WIPE_PARAMETERS: Record<GraphVersion, Record<string, "boolean" | "string" | readonly string[]>> = {
  "v1.0": { keepEnrollmentData: "boolean", keepUserData: "boolean", macOsUnlockCode: "string", persistEsimDataPlan: "boolean" },
  beta: { keepEnrollmentData: "boolean", keepUserData: "boolean", macOsUnlockCode: "string", persistEsimDataPlan: "boolean", useProtectedWipe: "boolean", obliterationBehavior: OBLITERATION_BEHAVIORS },
};

function checkWipeParameter(key: string, type: "boolean" | "string" | readonly string[], value: unknown): void {
  if (value === null) return;
  if (typeof type !== "string") {
    if (typeof value !== "string" || !type.includes(value)) throw new GraphHttpError(400, "BadRequest", `Parameter '${key}' must be one of ${type.join(", ")}.`);
  } else if (typeof value !== type) {
    throw new GraphHttpError(400, "BadRequest", `Parameter '${key}' must be Edm.${type === "boolean" ? "Boolean" : "String"}.`);
  }
}

/**
 * The device as `version` answers it. Beta's `roleScopeTagIds` comes back empty in list responses
 * and filled only on `GET /managedDevices/{id}` (graph-facts §6, powershell-intune-samples #82).
 */
function render(doc: ManagedDeviceDoc, version: GraphVersion, single: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = { "@odata.type": "#microsoft.graph.managedDevice", ...doc };
  if (version === "beta") out.roleScopeTagIds = single ? ["0"] : [];
  return out;
}

function load(ctx: RouteContext): ManagedDeviceDoc {
  const id = ctx.params.id ?? "";
  return loadOr404<ManagedDeviceDoc>(ctx, KIND, id, "ManagedDevice", `${BASE}/${id}`);
}

export const managedDeviceRoutes: RouteDef[] = [
  intuneRoute("GET", BASE, (ctx) => intuneList(ctx, ctx.store.list<ManagedDeviceDoc>(KIND).map((d) => render(d, ctx.version, false)), CONTEXT, MANAGED_DEVICE)),
  intuneRoute("GET", `${BASE}/{id}`, (ctx) => ctx.entity(render(load(ctx), ctx.version, true), `${CONTEXT}/$entity`, null, MANAGED_DEVICE)),
  intuneRoute("DELETE", `${BASE}/{id}`, (ctx) => {
    const id = load(ctx).id;
    ctx.store.delete(KIND, id);
    forgetDeviceStatuses(ctx.store, id);
    return { status: 204 };
  }),
  intuneRoute("POST", `${BASE}/{id}/wipe`, (ctx) => {
    const device = load(ctx);
    const body = (ctx.body ?? {}) as Record<string, unknown>;
    if (typeof body !== "object" || Array.isArray(body)) throw new GraphHttpError(400, "BadRequest", "The request body must be a JSON object.");
    const allowed = WIPE_PARAMETERS[ctx.version];
    for (const [key, value] of Object.entries(body)) {
      const type = allowed[key];
      if (!type) throw unknownPropertyError(key, "microsoft.graph.wipe");
      checkWipeParameter(key, type, value);
    }
    ctx.store.put(KIND, queueWipe(device, ctx.now()));
    return { status: 204 };
  }),
  intuneRoute(
    "GET",
    `${BASE}/{id}/deviceConfigurationStates`,
    (ctx) => {
      const device = load(ctx);
      const states = (device._configurationStates as Record<string, unknown>[]).map((s) => ({ "@odata.type": "#microsoft.graph.deviceConfigurationState", ...s }));
      return intuneList(ctx, states, `${CONTEXT}('${device.id}')/deviceConfigurationStates`, "microsoft.graph.deviceConfigurationState");
    },
    // Absent from the permissions map; Intune serves it with the managed device's own read permission.
    { permissionPath: `${BASE}/{id}` },
  ),
];

export const managedDeviceTickers: SimTicker[] = [wipeTicker];

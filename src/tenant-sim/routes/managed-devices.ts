/**
 * `/deviceManagement/managedDevices` (v1.0 and beta): the Intune inventory of enrolled devices,
 * with `$filter` (operatingSystem, model, serialNumber, userPrincipalName…), the per-device
 * configuration reports (`deviceConfigurationStates`) and `wipe` (queued: `wipePending`, then the
 * device resets and Intune drops the record — managed-device.ts). graph-facts §6.
 */
import { GraphHttpError, type CollectionOptions, type GraphVersion, type RouteContext, type RouteDef, type SimTicker } from "../framework.ts";
import { intuneNotFound, unknownPropertyError } from "../intune/intune-error.ts";
import { forgetDeviceStatuses, queueWipe, wipeTicker, type ManagedDeviceDoc } from "../intune/managed-device.ts";

const KIND = "managedDevices";
const BASE = "/deviceManagement/managedDevices";
const VERSIONS: GraphVersion[] = ["v1.0", "beta"];
const INTUNE_LIST: Omit<CollectionOptions, "contextPath"> = { maxTop: 1000, defaultTop: 1000, defaultSelect: null, basicFilterProperties: null, advancedQueryNeedsEventual: false };

/** Parameters of the v1.0 `wipe` action (CSDL); beta adds two. */
const WIPE_PARAMETERS: Record<GraphVersion, Record<string, "boolean" | "string">> = {
  "v1.0": { keepEnrollmentData: "boolean", keepUserData: "boolean", macOsUnlockCode: "string", persistEsimDataPlan: "boolean" },
  beta: { keepEnrollmentData: "boolean", keepUserData: "boolean", macOsUnlockCode: "string", persistEsimDataPlan: "boolean", useProtectedWipe: "boolean", obliterationBehavior: "string" },
};

function load(ctx: RouteContext): ManagedDeviceDoc {
  const id = ctx.params.id ?? "";
  const doc = ctx.store.get<ManagedDeviceDoc>(KIND, id);
  if (!doc) throw intuneNotFound("ManagedDevice", id, { baseUrl: ctx.baseUrl, version: ctx.version, path: `${BASE}/${id}` });
  return doc;
}

function render(doc: ManagedDeviceDoc): Record<string, unknown> {
  return { "@odata.type": "#microsoft.graph.managedDevice", ...doc };
}

export const managedDeviceRoutes: RouteDef[] = [
  {
    method: "GET",
    path: BASE,
    versions: VERSIONS,
    throttle: "intune",
    write: false,
    handler: (ctx) => ctx.collection(ctx.store.list<ManagedDeviceDoc>(KIND).map(render), { contextPath: "deviceManagement/managedDevices", ...INTUNE_LIST }),
  },
  {
    method: "GET",
    path: `${BASE}/{id}`,
    versions: VERSIONS,
    throttle: "intune",
    write: false,
    handler: (ctx) => ctx.entity(render(load(ctx)), "deviceManagement/managedDevices/$entity"),
  },
  {
    method: "DELETE",
    path: `${BASE}/{id}`,
    versions: VERSIONS,
    throttle: "intune",
    write: true,
    handler: (ctx) => {
      const id = load(ctx).id;
      ctx.store.delete(KIND, id);
      forgetDeviceStatuses(ctx.store, id);
      return { status: 204 };
    },
  },
  {
    method: "POST",
    path: `${BASE}/{id}/wipe`,
    versions: VERSIONS,
    throttle: "intune",
    write: true,
    handler: (ctx) =>
      ctx.store.tx(() => {
        const device = load(ctx);
        const body = (ctx.body ?? {}) as Record<string, unknown>;
        if (typeof body !== "object" || Array.isArray(body)) throw new GraphHttpError(400, "BadRequest", "The request body must be a JSON object.");
        const allowed = WIPE_PARAMETERS[ctx.version];
        for (const [key, value] of Object.entries(body)) {
          const type = allowed[key];
          if (!type) throw unknownPropertyError(key, "microsoft.graph.wipe");
          if (value !== null && typeof value !== type) throw new GraphHttpError(400, "BadRequest", `Parameter '${key}' must be Edm.${type === "boolean" ? "Boolean" : "String"}.`);
        }
        ctx.store.put(KIND, queueWipe(device, ctx.now()));
        return { status: 204 };
      }),
  },
  {
    method: "GET",
    path: `${BASE}/{id}/deviceConfigurationStates`,
    // Absent from the permissions map; Intune serves it with the managed device's own read permission.
    permissionPath: `${BASE}/{id}`,
    versions: VERSIONS,
    throttle: "intune",
    write: false,
    handler: (ctx) => {
      const device = load(ctx);
      const states = (device._configurationStates as Record<string, unknown>[]).map((s) => ({ "@odata.type": "#microsoft.graph.deviceConfigurationState", ...s }));
      return ctx.collection(states, { contextPath: `deviceManagement/managedDevices('${device.id}')/deviceConfigurationStates`, ...INTUNE_LIST });
    },
  },
];

export const managedDeviceTickers: SimTicker[] = [wipeTicker];

/**
 * `/deviceAppManagement/mobileApps` (v1.0 and beta): the apps Intune deploys — here the program's
 * Store apps (store-apps.ts), listed, filtered and paged like Intune's other collections (admin
 * tools filter on a type cast, `(microsoft.graph.managedApp/appAvailability) eq null`, and on beta's
 * `isAssigned`), and their assignments with an install `intent`, `assign` (a full replace that
 * answers 204, docs intune-apps-mobileapp-assign) and `assignments`. Adding, changing or deleting
 * apps is not modelled (501): holofleet deploys the Store apps a tenant already holds.
 */
import { GraphHttpError, type GraphVersion, type RouteContext, type RouteDef } from "../framework.ts";
import { intuneList, intuneRoute, loadOr404 } from "../intune/intune-route.ts";
import { notModelledWrite } from "../intune/not-modelled.ts";
import { assignmentRoutes, assignmentsOf, type AssignmentFamily } from "../intune/policy-assignments.ts";
import { MOBILE_APPS_KIND, type MobileAppDoc } from "../intune/store-apps.ts";

const BASE = "/deviceAppManagement/mobileApps";
const CONTEXT = "deviceAppManagement/mobileApps";
const TYPE = "microsoft.graph.mobileApp";

/** v1.0 CSDL `installIntent`. */
const INSTALL_INTENTS = ["available", "required", "uninstall", "availableWithoutEnrollment"];

export const MOBILE_APP_ASSIGNMENTS: AssignmentFamily = {
  kind: "mobileAppAssignments",
  entityType: "microsoft.graph.mobileAppAssignment",
  entityName: "MobileAppAssignment",
  targets: ["group", "exclusionGroup", "allDevices", "allLicensedUsers"],
  extraProperties: { "v1.0": ["intent", "settings"], beta: ["intent", "settings"] },
  parseExtra: (body) => {
    if (typeof body.intent !== "string" || !INSTALL_INTENTS.includes(body.intent)) throw new GraphHttpError(400, "BadRequest", `'intent' is required and must be one of ${INSTALL_INTENTS.join(", ")}.`);
    const settings = body.settings ?? null;
    // mobileAppAssignmentSettings is abstract: a settings object names its type.
    if (settings !== null && (typeof settings !== "object" || Array.isArray(settings) || typeof (settings as Record<string, unknown>)["@odata.type"] !== "string"))
      throw new GraphHttpError(400, "BadRequest", "'settings' must be null or an object with an @odata.type naming a mobileAppAssignmentSettings type.");
    return { intent: body.intent, settings };
  },
  renderExtra: (doc) => ({ intent: doc._extra?.intent ?? "required", settings: doc._extra?.settings ?? null }),
  betaSource: true,
  assignParameter: "mobileAppAssignments",
  assignAnswers: "noContent",
};

function load(ctx: RouteContext): MobileAppDoc {
  const id = ctx.params.id ?? "";
  return loadOr404<MobileAppDoc>(ctx, MOBILE_APPS_KIND, id, "MobileApp", `${BASE}/${id}`);
}

/** v1.0 `microsoftStoreForBusinessApp`; beta adds scope tags, `isAssigned` and the dependency counters. */
function render(ctx: RouteContext, doc: MobileAppDoc, version: GraphVersion): Record<string, unknown> {
  const { _roleScopeTagIds, ...out } = doc;
  if (version !== "beta") return out;
  return {
    ...out,
    roleScopeTagIds: _roleScopeTagIds,
    isAssigned: assignmentsOf(ctx.store, MOBILE_APP_ASSIGNMENTS, doc.id).length > 0,
    dependentAppCount: 0,
    supersedingAppCount: 0,
    supersededAppCount: 0,
    uploadState: 1,
    licensingType: null,
  };
}

export const mobileAppRoutes: RouteDef[] = [
  intuneRoute("GET", BASE, (ctx) => intuneList(ctx, ctx.store.list<MobileAppDoc>(MOBILE_APPS_KIND).map((d) => render(ctx, d, ctx.version)), CONTEXT, TYPE)),
  intuneRoute("GET", `${BASE}/{id}`, (ctx) => ctx.entity(render(ctx, load(ctx), ctx.version), `${CONTEXT}/$entity`, null, TYPE)),
  notModelledWrite("POST", BASE, "adding apps"),
  notModelledWrite("PATCH", `${BASE}/{id}`, "changing apps"),
  notModelledWrite("DELETE", `${BASE}/{id}`, "deleting apps"),
  ...assignmentRoutes({
    family: MOBILE_APP_ASSIGNMENTS,
    base: BASE,
    contextPath: CONTEXT,
    loadParent: load,
    onChange: (ctx, id) => {
      const doc = ctx.store.get<MobileAppDoc>(MOBILE_APPS_KIND, id);
      if (doc) ctx.store.put(MOBILE_APPS_KIND, { ...doc, lastModifiedDateTime: ctx.now().toISOString() });
    },
  }),
];

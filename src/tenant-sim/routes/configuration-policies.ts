/**
 * The settings catalog, `/deviceManagement/configurationPolicies` (beta only): policies with their
 * `settings` (a navigation, read as `…/{id}/settings` or `$expand=settings`) and `assignments`
 * (`assign`, a full replace; `$expand=assignments`). Both lists page at 25 items unless `$top` (or
 * `top`, beta's optional `$`) asks for up to 1,000 — the page size tools tripped over (IntuneCD
 * #125, jseerden/IntuneBackupAndRestore #88, ugurkocde/IntuneAssignmentChecker #28). Adding, changing
 * or removing single settings is not modelled (501). configuration-policy-body.ts checks bodies.
 */
import { randomUUID } from "node:crypto";
import type { CollectionOptions, RouteContext, RouteDef } from "../framework.ts";
import { createConfigurationPolicyDoc, patchConfigurationPolicyDoc, type ConfigurationPolicyDoc, type ConfigurationSettingDoc } from "../intune/configuration-policy-body.ts";
import { createdEntity, intuneRoute, loadOr404, notFoundAt, INTUNE_PAGING } from "../intune/intune-route.ts";
import { notModelledWrite } from "../intune/not-modelled.ts";
import { assignmentRoutes, assignmentsOf, clearAssignments, renderAssignment, type AssignmentFamily } from "../intune/policy-assignments.ts";
import { checkExpand, expansionsOf, parseExpand, type Expander, type ExpandItem } from "../odata/expand.ts";

export const CONFIGURATION_POLICIES_KIND = "configurationPolicies";
const BASE = "/deviceManagement/configurationPolicies";
const CONTEXT = "deviceManagement/configurationPolicies";
const TYPE = "microsoft.graph.deviceManagementConfigurationPolicy";
const SETTING_TYPE = "microsoft.graph.deviceManagementConfigurationSetting";
const BETA = { versions: ["beta" as const] };

/** The settings catalog's page: 25 items by default, up to 1,000 with `$top`. */
const CATALOG_PAGING: Omit<CollectionOptions, "contextPath"> = { ...INTUNE_PAGING, defaultTop: 25, maxTop: 1000 };

export const CONFIGURATION_POLICY_ASSIGNMENTS: AssignmentFamily = {
  kind: "configurationPolicyAssignments",
  entityType: "microsoft.graph.deviceManagementConfigurationPolicyAssignment",
  entityName: "DeviceManagementConfigurationPolicyAssignment",
  targets: ["group", "exclusionGroup", "allDevices", "allLicensedUsers"],
  extraProperties: { "v1.0": [], beta: [] },
  betaSource: true,
  assignParameter: "assignments",
  assignAnswers: "collection",
};

function load(ctx: RouteContext): ConfigurationPolicyDoc {
  const id = ctx.params.id ?? "";
  return loadOr404<ConfigurationPolicyDoc>(ctx, CONFIGURATION_POLICIES_KIND, id, "DeviceManagementConfigurationPolicy", `${BASE}/${id}`);
}

function render(ctx: RouteContext, doc: ConfigurationPolicyDoc): Record<string, unknown> {
  const { _settings, ...out } = doc;
  return {
    "@odata.type": `#${TYPE}`,
    ...out,
    creationSource: null,
    priorityMetaData: null,
    settingCount: _settings.length,
    isAssigned: assignmentsOf(ctx.store, CONFIGURATION_POLICY_ASSIGNMENTS, doc.id).length > 0,
  };
}

const renderSetting = (s: ConfigurationSettingDoc) => ({ "@odata.type": `#${SETTING_TYPE}`, ...s });

function expanders(ctx: RouteContext): Record<string, Expander> {
  return {
    settings: (parent) => ({
      value: (ctx.store.get<ConfigurationPolicyDoc>(CONFIGURATION_POLICIES_KIND, String(parent.id))?._settings ?? []).map(renderSetting),
      contextPath: `${CONTEXT}('${String(parent.id)}')/settings`,
    }),
    assignments: (parent) => ({
      value: assignmentsOf(ctx.store, CONFIGURATION_POLICY_ASSIGNMENTS, String(parent.id)).map((a) => renderAssignment(CONFIGURATION_POLICY_ASSIGNMENTS, a, ctx.version)),
      contextPath: `${CONTEXT}('${String(parent.id)}')/assignments`,
    }),
  };
}

function withExpansions(ctx: RouteContext, doc: ConfigurationPolicyDoc, items: ExpandItem[]): Record<string, unknown> {
  const rendered = render(ctx, doc);
  return items.length ? { ...rendered, ...expansionsOf(rendered, items, expanders(ctx), `${ctx.baseUrl}/${ctx.version}/$metadata`) } : rendered;
}

const expandOf = (ctx: RouteContext) => checkExpand(parseExpand(ctx.query), TYPE, ctx.version, expanders(ctx));

export const configurationPolicyRoutes: RouteDef[] = [
  intuneRoute(
    "GET",
    BASE,
    (ctx) => {
      const items = expandOf(ctx);
      return ctx.collection(ctx.store.list<ConfigurationPolicyDoc>(CONFIGURATION_POLICIES_KIND).map((d) => withExpansions(ctx, d, items)), { contextPath: CONTEXT, entityType: TYPE, ...CATALOG_PAGING });
    },
    BETA,
  ),
  intuneRoute(
    "POST",
    BASE,
    (ctx) => {
      const doc = createConfigurationPolicyDoc(ctx.body, { id: randomUUID(), now: ctx.now() });
      ctx.store.put(CONFIGURATION_POLICIES_KIND, doc);
      return createdEntity(ctx, render(ctx, doc), `${CONTEXT}/$entity`, TYPE);
    },
    BETA,
  ),
  intuneRoute("GET", `${BASE}/{id}`, (ctx) => ctx.entity(withExpansions(ctx, load(ctx), expandOf(ctx)), `${CONTEXT}/$entity`, null, TYPE), BETA),
  intuneRoute(
    "PATCH",
    `${BASE}/{id}`,
    (ctx) => {
      ctx.store.put(CONFIGURATION_POLICIES_KIND, patchConfigurationPolicyDoc(load(ctx), ctx.body, ctx.now()));
      return { status: 204 };
    },
    BETA,
  ),
  intuneRoute(
    "DELETE",
    `${BASE}/{id}`,
    (ctx) => {
      const doc = load(ctx);
      clearAssignments(ctx.store, CONFIGURATION_POLICY_ASSIGNMENTS, doc.id);
      ctx.store.delete(CONFIGURATION_POLICIES_KIND, doc.id);
      return { status: 204 };
    },
    BETA,
  ),
  intuneRoute(
    "GET",
    `${BASE}/{id}/settings`,
    (ctx) => {
      const doc = load(ctx);
      return ctx.collection(doc._settings.map(renderSetting), { contextPath: `${CONTEXT}('${doc.id}')/settings`, entityType: SETTING_TYPE, ...CATALOG_PAGING });
    },
    BETA,
  ),
  intuneRoute(
    "GET",
    `${BASE}/{id}/settings/{settingId}`,
    (ctx) => {
      const doc = load(ctx);
      const setting = doc._settings.find((s) => s.id === ctx.params.settingId);
      if (!setting) throw notFoundAt(ctx, "DeviceManagementConfigurationSetting", ctx.params.settingId ?? "", `${BASE}/${doc.id}/settings`);
      return ctx.entity(renderSetting(setting), `${CONTEXT}('${doc.id}')/settings/$entity`, null, SETTING_TYPE);
    },
    BETA,
  ),
  notModelledWrite("POST", `${BASE}/{id}/settings`, "adding single settings to a settings catalog policy", BETA),
  notModelledWrite("PATCH", `${BASE}/{id}/settings/{settingId}`, "changing single settings of a settings catalog policy", BETA),
  notModelledWrite("DELETE", `${BASE}/{id}/settings/{settingId}`, "removing single settings from a settings catalog policy", BETA),
  ...assignmentRoutes({
    family: CONFIGURATION_POLICY_ASSIGNMENTS,
    base: BASE,
    contextPath: CONTEXT,
    loadParent: load,
    onChange: (ctx, id) => {
      const doc = ctx.store.get<ConfigurationPolicyDoc>(CONFIGURATION_POLICIES_KIND, id);
      if (doc) ctx.store.put(CONFIGURATION_POLICIES_KIND, { ...doc, lastModifiedDateTime: ctx.now().toISOString() });
    },
    options: BETA,
  }),
];

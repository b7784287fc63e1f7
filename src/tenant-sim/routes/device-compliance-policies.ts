/**
 * `/deviceManagement/deviceCompliancePolicies` (v1.0 and beta): Windows compliance policies, which
 * HoloLens 2 evaluates and which Conditional Access and the kiosk's "device must be compliant"
 * depend on — CRUD with `version` counting writes, the scheduled actions a policy is created with
 * (read back only through `$expand=scheduledActionsForRule($expand=scheduledActionConfigurations)`,
 * as Intune answers them and IntuneCD reads them), `assign` (a full replace), `assignments` and
 * `$expand=assignments`. compliance-policy-body.ts checks the bodies.
 */
import { randomUUID } from "node:crypto";
import type { GraphVersion, RouteContext, RouteDef, SimResult } from "../framework.ts";
import { createCompliancePolicyDoc, patchCompliancePolicyDoc, type CompliancePolicyDoc, type ScheduledActionForRuleDoc } from "../intune/compliance-policy-body.ts";
import { createdEntity, intuneList, intuneRoute, loadOr404 } from "../intune/intune-route.ts";
import { assignmentRoutes, assignmentsOf, clearAssignments, renderAssignment, type AssignmentFamily } from "../intune/policy-assignments.ts";
import { checkExpand, expansionsOf, parseExpand, type Expander, type ExpandItem } from "../odata/expand.ts";

export const COMPLIANCE_POLICIES_KIND = "deviceCompliancePolicies";
const BASE = "/deviceManagement/deviceCompliancePolicies";
const CONTEXT = "deviceManagement/deviceCompliancePolicies";
const TYPE = "microsoft.graph.deviceCompliancePolicy";

export const COMPLIANCE_ASSIGNMENTS: AssignmentFamily = {
  kind: "deviceCompliancePolicyAssignments",
  entityType: "microsoft.graph.deviceCompliancePolicyAssignment",
  entityName: "DeviceCompliancePolicyAssignment",
  targets: ["group", "exclusionGroup", "allDevices", "allLicensedUsers"],
  extraProperties: { "v1.0": [], beta: [] },
  betaSource: true,
  assignParameter: "assignments",
  assignAnswers: "collection",
};

function load(ctx: RouteContext): CompliancePolicyDoc {
  const id = ctx.params.id ?? "";
  return loadOr404<CompliancePolicyDoc>(ctx, COMPLIANCE_POLICIES_KIND, id, "DeviceCompliancePolicy", `${BASE}/${id}`);
}

function render(doc: CompliancePolicyDoc, version: GraphVersion): Record<string, unknown> {
  const { _scheduledActionsForRule: _rules, _roleScopeTagIds, ...out } = doc;
  return version === "beta" ? { ...out, roleScopeTagIds: _roleScopeTagIds } : out;
}

function renderRule(rule: ScheduledActionForRuleDoc, policyId: string, item: ExpandItem, version: GraphVersion, metadataUrl: string): Record<string, unknown> {
  const out: Record<string, unknown> = { "@odata.type": "#microsoft.graph.deviceComplianceScheduledActionForRule", id: rule.id, ruleName: rule.ruleName };
  const nested = checkExpand(item.expand, "microsoft.graph.deviceComplianceScheduledActionForRule", version, { scheduledActionConfigurations: () => ({ value: null, contextPath: "" }) });
  if (nested.length) {
    out["scheduledActionConfigurations@odata.context"] = `${metadataUrl}#${CONTEXT}('${policyId}')/scheduledActionsForRule('${rule.id}')/scheduledActionConfigurations`;
    out.scheduledActionConfigurations = rule.scheduledActionConfigurations.map((a) => ({ "@odata.type": "#microsoft.graph.deviceComplianceActionItem", ...a }));
  }
  return out;
}

function expanders(ctx: RouteContext): Record<string, Expander> {
  const metadataUrl = `${ctx.baseUrl}/${ctx.version}/$metadata`;
  return {
    assignments: (parent) => ({
      value: assignmentsOf(ctx.store, COMPLIANCE_ASSIGNMENTS, String(parent.id)).map((a) => renderAssignment(COMPLIANCE_ASSIGNMENTS, a, ctx.version)),
      contextPath: `${CONTEXT}('${String(parent.id)}')/assignments`,
    }),
    scheduledActionsForRule: (parent, item) => {
      const doc = ctx.store.get<CompliancePolicyDoc>(COMPLIANCE_POLICIES_KIND, String(parent.id));
      return {
        value: (doc?._scheduledActionsForRule ?? []).map((r) => renderRule(r, String(parent.id), item, ctx.version, metadataUrl)),
        contextPath: `${CONTEXT}('${String(parent.id)}')/scheduledActionsForRule`,
      };
    },
  };
}

/** The rendered policy with the navigations `$expand` asks for. */
function withExpansions(ctx: RouteContext, doc: CompliancePolicyDoc, items: ExpandItem[]): Record<string, unknown> {
  const rendered = render(doc, ctx.version);
  return items.length ? { ...rendered, ...expansionsOf(rendered, items, expanders(ctx), `${ctx.baseUrl}/${ctx.version}/$metadata`) } : rendered;
}

function expandOf(ctx: RouteContext): ExpandItem[] {
  return checkExpand(parseExpand(ctx.query), TYPE, ctx.version, expanders(ctx));
}

export const deviceCompliancePolicyRoutes: RouteDef[] = [
  intuneRoute("GET", BASE, (ctx) => {
    const items = expandOf(ctx);
    return intuneList(ctx, ctx.store.list<CompliancePolicyDoc>(COMPLIANCE_POLICIES_KIND).map((d) => withExpansions(ctx, d, items)), CONTEXT, TYPE);
  }),
  intuneRoute("POST", BASE, (ctx) => {
    const doc = createCompliancePolicyDoc(ctx.body, { version: ctx.version, id: randomUUID(), now: ctx.now() });
    ctx.store.put(COMPLIANCE_POLICIES_KIND, doc);
    return createdEntity(ctx, render(doc, ctx.version), `${CONTEXT}/$entity`, TYPE);
  }),
  intuneRoute("GET", `${BASE}/{id}`, (ctx): SimResult => {
    const items = expandOf(ctx);
    return ctx.entity(withExpansions(ctx, load(ctx), items), `${CONTEXT}/$entity`, null, TYPE);
  }),
  intuneRoute("PATCH", `${BASE}/{id}`, (ctx) => {
    const doc = patchCompliancePolicyDoc(load(ctx), ctx.body, { version: ctx.version, now: ctx.now() });
    ctx.store.put(COMPLIANCE_POLICIES_KIND, doc);
    // Intune answers an update with the updated object (docs: intune-deviceconfig-windows10compliancepolicy-update.md).
    return ctx.entity(render(doc, ctx.version), `${CONTEXT}/$entity`, null, TYPE);
  }),
  intuneRoute("DELETE", `${BASE}/{id}`, (ctx) => {
    const doc = load(ctx);
    clearAssignments(ctx.store, COMPLIANCE_ASSIGNMENTS, doc.id);
    ctx.store.delete(COMPLIANCE_POLICIES_KIND, doc.id);
    return { status: 204 };
  }),
  ...assignmentRoutes({ family: COMPLIANCE_ASSIGNMENTS, base: BASE, contextPath: CONTEXT, loadParent: load }),
];

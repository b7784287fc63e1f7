/**
 * `/deviceManagement/auditEvents` (v1.0 and beta): Intune's audit log of this tenant — one event per
 * successful write to an Intune route, direct or in `$batch`, recorded when the write commits
 * (audit/tenant-write.ts, rendered by audit/audit-event.ts): who (the app, or the signed-in user of a
 * delegated token), what (activity, operation type, resource) and when (the tenant clock). Listed,
 * filtered (`componentName eq 'DeviceConfiguration' and activityDateTime gt …`, what IntuneCD's
 * `--audit` sends), ordered and paged like Intune's other collections, so drift can be attributed.
 * Writing audit events is not modelled (501).
 */
import type { RouteContext, RouteDef } from "../framework.ts";
import { renderAuditEvent } from "../audit/audit-event.ts";
import { TENANT_WRITES_KIND, type TenantWriteRecord } from "../audit/tenant-write.ts";
import { intuneList, intuneRoute, notFoundAt } from "../intune/intune-route.ts";
import { notModelledWrite } from "../intune/not-modelled.ts";

const BASE = "/deviceManagement/auditEvents";
const CONTEXT = "deviceManagement/auditEvents";
const TYPE = "microsoft.graph.auditEvent";

const intuneWrites = (ctx: RouteContext) => ctx.store.list<TenantWriteRecord>(TENANT_WRITES_KIND).filter((r) => r.log === "intune");

export const auditEventRoutes: RouteDef[] = [
  intuneRoute("GET", BASE, (ctx) => intuneList(ctx, intuneWrites(ctx).map(renderAuditEvent), CONTEXT, TYPE)),
  intuneRoute("GET", `${BASE}/{id}`, (ctx) => {
    const record = intuneWrites(ctx).find((r) => r.id === ctx.params.id);
    if (!record) throw notFoundAt(ctx, "AuditEvent", ctx.params.id ?? "", `${BASE}/${ctx.params.id ?? ""}`);
    return ctx.entity(renderAuditEvent(record), `${CONTEXT}/$entity`, null, TYPE);
  }),
  notModelledWrite("POST", BASE, "writing audit events (the tenant records its own)"),
  notModelledWrite("PATCH", `${BASE}/{id}`, "changing audit events"),
  notModelledWrite("DELETE", `${BASE}/{id}`, "deleting audit events"),
];

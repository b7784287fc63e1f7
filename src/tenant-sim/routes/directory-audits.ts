/**
 * `/auditLogs/directoryAudits` (v1.0 and beta): Entra ID's audit log of this tenant — one entry per
 * successful write to a directory route (users, groups, members, licences, devices, domains), direct
 * or in `$batch`, recorded when the write commits (audit/tenant-write.ts, rendered by
 * audit/directory-audit.ts). Intune's writes are in `deviceManagement/auditEvents` instead, as in
 * Microsoft 365. Listed, filtered and paged like the directory's other collections.
 */
import { GraphHttpError, type RouteContext, type RouteDef } from "../framework.ts";
import { directoryAuditId, renderDirectoryAudit } from "../audit/directory-audit.ts";
import { TENANT_WRITES_KIND, type TenantWriteRecord } from "../audit/tenant-write.ts";
import { directoryCollection } from "../directory/collection-options.ts";
import { directoryRoute } from "../directory/directory-route.ts";

const TYPE = "microsoft.graph.directoryAudit";

const directoryWrites = (ctx: RouteContext) => ctx.store.list<TenantWriteRecord>(TENANT_WRITES_KIND).filter((r) => r.log === "directory");

export const directoryAuditRoutes: RouteDef[] = [
  directoryRoute("GET", "/auditLogs/directoryAudits", (ctx) => ctx.collection(directoryWrites(ctx).map(renderDirectoryAudit), directoryCollection("auditLogs/directoryAudits", { entityType: TYPE }))),
  directoryRoute("GET", "/auditLogs/directoryAudits/{id}", (ctx) => {
    const record = directoryWrites(ctx).find((r) => directoryAuditId(r) === ctx.params.id);
    if (!record) throw new GraphHttpError(404, "Request_ResourceNotFound", `Resource '${ctx.params.id ?? ""}' does not exist or one of its queried reference-property objects are not present.`);
    return ctx.entity(renderDirectoryAudit(record), "auditLogs/directoryAudits/$entity", null, TYPE);
  }),
];

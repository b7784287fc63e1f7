/**
 * `groupLicense` (Graph I/O): read from the owning group's `assignedLicenses` (read with the group),
 * written with `POST /groups/{id}/assignLicense` — every wanted SKU in `addLicenses`, every other SKU
 * of the group in `removeLicenses` (both arrays always sent: the CSDL marks them not nullable,
 * graph-facts §3.1). The call is idempotent for the same sets. It answers 202: licences reach the
 * members later, so `settle` waits, boundedly, for the group's `licenseProcessingState` and
 * reports members Graph could not license.
 */
import { GraphRequestError } from "../../graph/errors.ts";
import { normaliseGuid } from "../normalise.ts";
import type { ProviderContext, RemoteObject, ResourceProvider } from "../types.ts";

/** How long licence processing may take before apply reports it as not finished. */
export const LICENCE_PROCESSING_TIMEOUT_MS = 120_000;

async function assign(ctx: ProviderContext, groupId: string, body: Record<string, unknown>, remote: RemoteObject | undefined): Promise<void> {
  const wanted = new Set(((body.addLicenses as { skuId: string }[] | undefined) ?? []).map((l) => String(normaliseGuid(l.skuId))));
  const current = ((remote?.data.assignedLicenses as { skuId: string }[] | undefined) ?? []).map((l) => String(normaliseGuid(l.skuId)));
  const removeLicenses = current.filter((s) => !wanted.has(s));
  await ctx.graph.request("POST", "/groups/{id}/assignLicense", {
    params: { id: groupId },
    body: { addLicenses: body.addLicenses ?? [], removeLicenses },
    // The same sets sent twice leave the same licences (graph-facts §9.9).
    idempotent: true,
  });
}

interface LicensingState {
  licenseProcessingState?: { state?: string } | null;
  hasMembersWithLicenseErrors?: boolean | null;
}

export const groupLicenseProvider: ResourceProvider = {
  kind: "groupLicense",
  permissions: {
    read: [{ request: "GET /groups/{id} (assignedLicenses)", application: ["Group.Read.All", "Directory.Read.All"], delegated: ["Group.Read.All", "Directory.Read.All"] }],
    create: [{ request: "POST /groups/{id}/assignLicense", application: ["LicenseAssignment.ReadWrite.All", "Group.ReadWrite.All", "Directory.ReadWrite.All"], delegated: ["LicenseAssignment.ReadWrite.All", "Group.ReadWrite.All", "Directory.ReadWrite.All"] }],
    update: [{ request: "POST /groups/{id}/assignLicense", application: ["LicenseAssignment.ReadWrite.All", "Group.ReadWrite.All", "Directory.ReadWrite.All"], delegated: ["LicenseAssignment.ReadWrite.All", "Group.ReadWrite.All", "Directory.ReadWrite.All"] }],
    delete: [{ request: "POST /groups/{id}/assignLicense", application: ["LicenseAssignment.ReadWrite.All", "Group.ReadWrite.All", "Directory.ReadWrite.All"], delegated: ["LicenseAssignment.ReadWrite.All", "Group.ReadWrite.All", "Directory.ReadWrite.All"] }],
  },

  async read({ desired, foundEarlier }) {
    const found = new Map<string, RemoteObject>();
    for (const r of desired) {
      const group = r.parent ? foundEarlier.get(r.parent) : undefined;
      if (!group) continue;
      found.set(r.address, { id: group.id, data: { assignedLicenses: group.data.assignedLicenses ?? [] }, owned: group.owned, ...(group.owned ? {} : { notOwnedBecause: "its group is not holofleet's" }) });
    }
    return { found, extras: [] };
  },

  create: async ({ ctx, body, parentId }) => {
    await assign(ctx, parentId!, body, undefined);
    return { id: parentId! };
  },
  update: ({ ctx, body, remote }) => assign(ctx, remote.id, body, remote),
  delete: ({ ctx, remote }) => assign(ctx, remote.id, { addLicenses: [] }, remote),

  async settle({ ctx, id }) {
    const deadline = ctx.clock.now() + LICENCE_PROCESSING_TIMEOUT_MS;
    let waitMs = 250;
    for (;;) {
      const g = (await ctx.graph.request<LicensingState>("GET", "/groups/{id}", { params: { id }, query: { $select: "licenseProcessingState,hasMembersWithLicenseErrors" } })).body;
      const state = g.licenseProcessingState?.state ?? "ProcessingComplete";
      if (state === "ProcessingComplete") {
        if (!g.hasMembersWithLicenseErrors) return;
        const members = await ctx.graph.collect<{ userPrincipalName?: string; id: string }>("/groups/{id}/membersWithLicenseErrors", { params: { id }, query: { $select: "id,userPrincipalName" } });
        const who = members.map((m) => m.userPrincipalName ?? m.id).sort();
        throw new Error(
          `Entra could not license ${who.length} member${who.length === 1 ? "" : "s"} of the group (${who.slice(0, 5).join(", ")}${who.length > 5 ? ", …" : ""}); their licenseAssignmentStates say why (often too few seats: CountViolation)`,
        );
      }
      if (ctx.clock.now() >= deadline) throw new GraphRequestError(`licence processing did not finish within ${LICENCE_PROCESSING_TIMEOUT_MS / 1000} s (state ${state})`, { status: 0, code: "Timeout", request: { method: "GET", url: `/groups/${id}`, headers: {} } });
      ctx.onWait?.(`licences reaching the group's members (${state})`);
      await ctx.clock.sleep(waitMs, ctx.signal);
      waitMs = Math.min(waitMs * 2, 5000);
    }
  },
};

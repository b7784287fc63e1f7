/**
 * `guestInvitation` (Graph I/O). Reads guests by `mail` (`in` filters, batched). Creates with
 * `POST /invitations`, whose Graph id is the invited user's (`invitedUser.id`). Inviting an address
 * that already has a guest answers that same guest (invitation-post.md), so a retry after a lost
 * answer cannot make a second one; the POST is sent as idempotent for that reason.
 */
import { collectAllBatched, inFilters } from "../graph-reads.ts";
import type { RemoteObject, ResourceProvider } from "../types.ts";

const SELECT = "id,mail,userPrincipalName,userType,creationType,externalUserState";
const INVITE = ["User.Invite.All", "User.ReadWrite.All", "Directory.ReadWrite.All"];
const READ = ["User.Read.All", "Directory.Read.All"];

type GuestData = Record<string, unknown> & { id: string; mail?: string | null; userType?: string | null; creationType?: string | null };

const isGuest = (u: GuestData) => u.userType === "Guest" || u.creationType === "Invitation";

export const guestInvitationProvider: ResourceProvider = {
  kind: "guestInvitation",
  permissions: {
    read: [{ request: "GET /users", application: READ, delegated: READ }],
    create: [{ request: "POST /invitations", application: INVITE, delegated: INVITE }],
    update: [],
    delete: [],
  },

  async read({ ctx, desired }) {
    const addresses = desired.map((r) => String(r.body.invitedUserEmailAddress).toLowerCase());
    const users = await collectAllBatched<GuestData>(
      ctx.graph,
      inFilters("mail", addresses).map((f) => ({ url: `/users?$filter=${encodeURIComponent(f)}&$select=${SELECT}&$top=999` })),
    );
    const found = new Map<string, RemoteObject>();
    for (const r of desired) {
      const address = String(r.body.invitedUserEmailAddress).toLowerCase();
      const same = users.filter((u) => String(u.mail ?? "").toLowerCase() === address);
      const guest = same.find(isGuest);
      if (guest) found.set(r.address, { id: guest.id, data: guest, owned: true, label: address });
      // A member of the tenant with this mail: Graph refuses the invitation; the plan says why.
      else if (same[0]) found.set(r.address, { id: same[0].id, data: same[0], owned: false, label: address, notOwnedBecause: "it is a member of the tenant, not a guest, and Graph refuses to invite an address a member uses" });
    }
    return { found, extras: [] };
  },

  async create({ ctx, desired, body }) {
    const res = await ctx.graph.request<{ invitedUser?: { id?: string } }>("POST", "/invitations", { version: desired.api, body, idempotent: true });
    const id = res.body.invitedUser?.id;
    if (!id) throw new Error(`POST /invitations for ${String(body.invitedUserEmailAddress)} answered no invitedUser.id`);
    return { id };
  },
  // The lifecycle rules these out (the planner never asks); reaching one is a bug, not a no-op.
  update: () => Promise.reject(new Error("holofleet never changes a guest")),
  delete: () => Promise.reject(new Error("holofleet never deletes a guest")),
};

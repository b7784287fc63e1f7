/**
 * `POST /invitations` (v1.0 and beta): B2B invitations that add guest users (directory/invitations.ts),
 * answered 201 with the invitation, its redeem URL and the invited user's id. Permission from the map
 * (least: User.Invite.All). `/_sim/invitations/{id}/redeem` plays the invited person accepting it.
 */
import { GraphHttpError, type RouteDef, type SimControlRoute } from "../framework.ts";
import { saveDirectoryObject } from "../directory/change-log.ts";
import { directoryRoute } from "../directory/directory-route.ts";
import { createInvitation, INVITATIONS_KIND, redeemInvitation, type InvitationDoc } from "../directory/invitations.ts";
import { rejectUndeclaredProperties, requireObjectBody } from "../directory/request-body.ts";
import type { UserDoc } from "../directory/types.ts";

function initialDomainOf(store: Parameters<SimControlRoute["handler"]>[0]["store"]): string {
  const initial = store.list<{ id: string; isInitial?: boolean }>("domains").find((d) => d.isInitial);
  if (!initial) throw new Error("the tenant has no initial domain");
  return initial.id;
}

function render(invitation: InvitationDoc): Record<string, unknown> {
  const { _invitedUserId, ...rest } = invitation;
  return { ...rest, invitedUser: { id: _invitedUserId } };
}

export const invitationRoutes: RouteDef[] = [
  directoryRoute("POST", "/invitations", (ctx) => {
    const body = requireObjectBody(ctx.body);
    rejectUndeclaredProperties(body, "microsoft.graph.invitation", ctx.version);
    const invitation = ctx.store.tx(() => {
      const result = createInvitation(body, { store: ctx.store, tenantId: ctx.tenantId, initialDomain: initialDomainOf(ctx.store), authority: ctx.baseUrl, now: ctx.now() });
      saveDirectoryObject(ctx.store, "users", result.user);
      ctx.store.put(INVITATIONS_KIND, result.invitation);
      return result.invitation;
    });
    return { status: 201, body: { "@odata.context": `${ctx.baseUrl}/${ctx.version}/$metadata#invitations/$entity`, ...render(invitation) } };
  }),
];

export const invitationSimRoutes: SimControlRoute[] = [
  {
    method: "POST",
    path: "/invitations/{id}/redeem",
    description: "the invited person redeems the invitation: the guest's `externalUserState` becomes `Accepted`",
    handler: (ctx) => {
      const invitation = ctx.store.get<InvitationDoc>(INVITATIONS_KIND, ctx.params.id ?? "");
      if (!invitation) throw new GraphHttpError(404, "NotFound", `No invitation ${ctx.params.id ?? ""}`);
      const user = ctx.store.get<UserDoc>("users", invitation._invitedUserId);
      if (!user) throw new GraphHttpError(404, "NotFound", `The invited user ${invitation._invitedUserId} no longer exists`);
      ctx.store.tx(() => {
        saveDirectoryObject(ctx.store, "users", redeemInvitation(user, ctx.now()));
        ctx.store.put(INVITATIONS_KIND, { ...invitation, status: "Completed" });
      });
      return { status: 200, body: { id: invitation.id, invitedUser: { id: user.id, externalUserState: "Accepted" } } };
    },
  },
];

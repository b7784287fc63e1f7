import { fetch as undiciFetch } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkEntity, formatProblems, hasCsdlReference } from "../conformance/csdl.ts";
import { startTestTenant, type TestTenant } from "../testing.ts";

const conform = hasCsdlReference();

let t: TestTenant;
let initialDomain: string;
beforeAll(async () => {
  t = await startTestTenant();
  initialDomain = t.tenant.initialDomain;
});
afterAll(async () => {
  await t?.close();
});

describe("POST /invitations", () => {
  let invitedUserId = "";

  it("creates a guest user as Entra does (201 with the invitation and its redeem URL)", async () => {
    const res = await t.graph("POST", "/v1.0/invitations", { invitedUserEmailAddress: "Ada.Expert@fabrikam.com", inviteRedirectUrl: "https://myapplications.microsoft.com", invitedUserDisplayName: "Ada Expert" });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      "@odata.context": `${t.baseUrl}/v1.0/$metadata#invitations/$entity`,
      invitedUserEmailAddress: "Ada.Expert@fabrikam.com",
      invitedUserDisplayName: "Ada Expert",
      invitedUserType: "Guest",
      inviteRedirectUrl: "https://myapplications.microsoft.com",
      sendInvitationMessage: false,
      resetRedemption: false,
      status: "PendingAcceptance",
      invitedUser: { id: expect.any(String) },
    });
    const redeem = new URL(res.body.inviteRedeemUrl as string);
    expect(redeem.pathname).toBe("/redeem");
    expect(redeem.searchParams.get("rd")).toMatch(new RegExp(`^https://invitations\\.microsoft\\.com/redeem/\\?tenant=${t.tenantId}&user=${res.body.id}&ticket=[\\w-]+&ver=2\\.0$`));
    // invitedUser is the id only (invitation-post.md), so the answer is checked as a partial entity.
    if (conform) expect(formatProblems(checkEntity("invitation", res.body, "v1.0", { partial: true }))).toBe("");
    invitedUserId = res.body.invitedUser.id as string;

    const user = await t.graph("GET", `/v1.0/users/${invitedUserId}?$select=id,userPrincipalName,mail,userType,externalUserState,creationType,displayName,otherMails`);
    expect(user.status).toBe(200);
    expect(user.body).toMatchObject({
      userPrincipalName: `Ada.Expert_fabrikam.com#EXT#@${initialDomain}`,
      mail: "Ada.Expert@fabrikam.com",
      userType: "Guest",
      externalUserState: "PendingAcceptance",
      creationType: "Invitation",
      displayName: "Ada Expert",
      otherMails: ["Ada.Expert@fabrikam.com"],
    });
    if (conform) expect(formatProblems(checkEntity("user", user.body, "v1.0", { partial: true }))).toBe("");
    const guests = await t.graph("GET", `/v1.0/users?$filter=${encodeURIComponent("userType eq 'Guest'")}&$count=true`, undefined, { consistencylevel: "eventual" });
    expect(guests.body.value.map((u: { id: string }) => u.id)).toEqual([invitedUserId]);
  });

  it("inviting the same address again (any case) finds the same guest — no second user", async () => {
    const res = await t.graph("POST", "/v1.0/invitations", { invitedUserEmailAddress: "ada.expert@FABRIKAM.com", inviteRedirectUrl: "https://myapplications.microsoft.com" });
    expect(res.status).toBe(201);
    expect(res.body.invitedUser.id).toBe(invitedUserId);
    const all = await t.graph("GET", `/v1.0/users?$filter=${encodeURIComponent("userType eq 'Guest'")}&$count=true`, undefined, { consistencylevel: "eventual" });
    expect(all.body.value).toHaveLength(1);
  });

  it("after redemption the guest is Accepted and a new invitation reports Completed", async () => {
    const first = await t.graph("POST", "/beta/invitations", { invitedUserEmailAddress: "bob@fabrikam.com", inviteRedirectUrl: "https://myapplications.microsoft.com" });
    expect(first.status).toBe(201);
    // A control route like every /_sim route: without the tenant's X-Sim-Key nothing is redeemed.
    const keyless = await undiciFetch(`${t.baseUrl}/_sim/invitations/${first.body.id}/redeem`, { method: "POST", dispatcher: t.dispatcher });
    expect(keyless.status).toBe(401);
    expect((await t.graph("GET", `/v1.0/users/${first.body.invitedUser.id}?$select=externalUserState`)).body.externalUserState).toBe("PendingAcceptance");
    const redeemed = await t.sim("POST", `/invitations/${first.body.id}/redeem`);
    expect(redeemed.status).toBe(200);
    const user = await t.graph("GET", `/v1.0/users/${first.body.invitedUser.id}?$select=externalUserState`);
    expect(user.body.externalUserState).toBe("Accepted");
    const again = await t.graph("POST", "/v1.0/invitations", { invitedUserEmailAddress: "bob@fabrikam.com", inviteRedirectUrl: "https://myapplications.microsoft.com" });
    expect(again.body).toMatchObject({ status: "Completed", invitedUser: { id: first.body.invitedUser.id } });
  });

  it("refuses a missing or bad address or redirect URL, unknown properties, and an address a member uses (400)", async () => {
    const post = (body: unknown) => t.graph("POST", "/v1.0/invitations", body);
    expect((await post({ inviteRedirectUrl: "https://x.test" })).status).toBe(400);
    expect((await post({ invitedUserEmailAddress: "not-an-address", inviteRedirectUrl: "https://x.test" })).status).toBe(400);
    expect((await post({ invitedUserEmailAddress: "c@fabrikam.com" })).status).toBe(400);
    expect((await post({ invitedUserEmailAddress: "c@fabrikam.com", inviteRedirectUrl: "https://x.test", invitedUserType: "Owner" })).status).toBe(400);
    expect((await post({ invitedUserEmailAddress: "c@fabrikam.com", inviteRedirectUrl: "https://x.test", sendInvite: true })).status).toBe(400);
    const member = await t.graph("POST", "/v1.0/users", {
      accountEnabled: true,
      displayName: "Member",
      mailNickname: "member",
      userPrincipalName: `member@${initialDomain}`,
      passwordProfile: { password: "Xy7!aaaaaaaa" },
    });
    expect(member.status).toBe(201);
    const conflict = await post({ invitedUserEmailAddress: `member@${initialDomain}`, inviteRedirectUrl: "https://x.test" });
    expect(conflict.status).toBe(400);
    expect(conflict.body.error.message).toBe(`The invited user already exists in the directory as object ${member.body.id}.`);
  });

  it("each invitation is in Entra's audit log as the invitation service records it", async () => {
    const res = await t.graph("GET", `/v1.0/auditLogs/directoryAudits?$filter=${encodeURIComponent("activityDisplayName eq 'Invite external user'")}`);
    expect(res.status).toBe(200);
    expect(res.body.value.length).toBeGreaterThan(0);
    expect(res.body.value[0]).toMatchObject({ category: "UserManagement", loggedByService: "Invited Users", operationType: "Add", initiatedBy: { app: { appId: t.clientId } } });
  });

  it("needs User.Invite.All (or User.ReadWrite.All / Directory.ReadWrite.All): another app gets 403", async () => {
    const app = await t.createApp(["User.Read.All"]);
    const res = await t.graph("POST", "/v1.0/invitations", { invitedUserEmailAddress: "d@fabrikam.com", inviteRedirectUrl: "https://x.test" }, { authorization: `Bearer ${await t.tokenFor(app.clientId)}` });
    expect(res.status).toBe(403);
    const inviter = await t.createApp(["User.Invite.All"]);
    const ok = await t.graph("POST", "/v1.0/invitations", { invitedUserEmailAddress: "d@fabrikam.com", inviteRedirectUrl: "https://x.test" }, { authorization: `Bearer ${await t.tokenFor(inviter.clientId)}` });
    expect(ok.status).toBe(201);
  });
});

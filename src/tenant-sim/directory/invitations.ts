/**
 * B2B invitations (`POST /invitations`, v1.0 and beta; invitation-post.md): an invitation adds an
 * external user to the directory — a user of `userType` Guest (or Member when asked) whose UPN is the
 * address with `@` turned into `_`, then `#EXT#@` and the tenant's initial domain, `mail` the invited
 * address, `creationType` Invitation and `externalUserState` PendingAcceptance until redeemed. Inviting
 * an address that already has a guest finds that guest (no second user); an address a member already
 * uses is refused. No message is ever sent; the redeem URL has the shape Entra gives.
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { GraphHttpError, type SimStore } from "../framework.ts";
import { findAllByAlternateKey, findUser } from "./lookup.ts";
import type { UserDoc } from "./types.ts";

export const INVITATIONS_KIND = "invitations";

/** The stored invitation (there is no Graph read of it; `/_sim` redeems it). */
export interface InvitationDoc {
  id: string;
  invitedUserDisplayName: string | null;
  invitedUserEmailAddress: string;
  invitedUserMessageInfo: { messageLanguage: string | null; customizedMessageBody: string | null; ccRecipients: unknown[] };
  invitedUserType: string;
  inviteRedeemUrl: string;
  inviteRedirectUrl: string;
  resetRedemption: boolean;
  sendInvitationMessage: boolean;
  status: string;
  _invitedUserId: string;
}

/** An address as Entra takes it: one `@`, a dotted domain, no spaces. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function bad(message: string, target?: string): GraphHttpError {
  return new GraphHttpError(400, "BadRequest", message, {}, target ? [{ code: "InvalidValue", target }] : undefined);
}

/** `admin@fabrikam.com` → `admin_fabrikam.com#EXT#@contoso.onmicrosoft.com` (Entra's guest UPN). */
export function guestUserPrincipalName(email: string, initialDomain: string): string {
  return `${email.replace("@", "_")}#EXT#@${initialDomain}`;
}

/** The guest that already holds `email` (by `mail`, case-insensitively), if any. */
export function findGuestByEmail(store: SimStore, email: string): UserDoc | undefined {
  return findAllByAlternateKey<UserDoc>(store, "users", "mail", email).find((u) => u.userType === "Guest" || u.creationType === "Invitation");
}

/** A member (not an invited user) that already uses `email` as its mail or UPN. */
function memberUsing(store: SimStore, email: string): UserDoc | undefined {
  const byMail = findAllByAlternateKey<UserDoc>(store, "users", "mail", email).find((u) => u.creationType !== "Invitation");
  return byMail ?? findUser(store, email);
}

/** The redeem URL Entra hands back: its redeem endpoint wrapping invitations.microsoft.com's ticket URL. */
function redeemUrl(authority: string, tenantId: string, invitationId: string): string {
  const ticket = randomBytes(24).toString("base64url");
  const inner = `https://invitations.microsoft.com/redeem/?tenant=${tenantId}&user=${invitationId}&ticket=${ticket}&ver=2.0`;
  return `${authority}/redeem?rd=${encodeURIComponent(inner)}`;
}

function guestUser(email: string, displayName: string | null, userType: string, initialDomain: string, now: Date): UserDoc {
  const upn = guestUserPrincipalName(email, initialDomain);
  const stamp = now.toISOString().replace(/\.\d{3}Z$/, "Z");
  return {
    id: randomUUID(),
    deletedDateTime: null,
    accountEnabled: true,
    ageGroup: null,
    assignedLicenses: [],
    assignedPlans: [],
    businessPhones: [],
    city: null,
    companyName: null,
    consentProvidedForMinor: null,
    country: null,
    createdDateTime: stamp,
    creationType: "Invitation",
    department: null,
    // Entra names a guest after the local part of the address when the invitation gives no name.
    displayName: displayName ?? email.slice(0, email.indexOf("@")),
    employeeId: null,
    employeeType: null,
    externalUserState: "PendingAcceptance",
    externalUserStateChangeDateTime: stamp,
    faxNumber: null,
    givenName: null,
    identities: [{ signInType: "userPrincipalName", issuer: initialDomain, issuerAssignedId: upn }],
    imAddresses: [],
    isResourceAccount: null,
    jobTitle: null,
    lastPasswordChangeDateTime: null,
    legalAgeGroupClassification: null,
    licenseAssignmentStates: [],
    mail: email,
    mailNickname: `${email.replace("@", "_")}#EXT#`,
    mobilePhone: null,
    officeLocation: null,
    onPremisesDistinguishedName: null,
    onPremisesDomainName: null,
    onPremisesImmutableId: null,
    onPremisesLastSyncDateTime: null,
    onPremisesSamAccountName: null,
    onPremisesSecurityIdentifier: null,
    onPremisesSyncEnabled: null,
    onPremisesUserPrincipalName: null,
    otherMails: [email],
    passwordPolicies: null,
    passwordProfile: null,
    postalCode: null,
    preferredDataLocation: null,
    preferredLanguage: null,
    provisionedPlans: [],
    proxyAddresses: [`SMTP:${email}`],
    securityIdentifier: `S-1-12-1-${createHash("sha256").update(upn).digest().readUInt32BE(0)}`,
    showInAddressList: null,
    state: null,
    streetAddress: null,
    surname: null,
    usageLocation: null,
    userPrincipalName: upn,
    userType,
  };
}

export interface InvitationContext {
  store: SimStore;
  tenantId: string;
  initialDomain: string;
  /** The tenant's authority root (its redeem endpoint lives there). */
  authority: string;
  now: Date;
}

export interface InvitationResult {
  invitation: InvitationDoc;
  /** The user to store (new, or the existing guest updated); undefined when nothing about the user changed. */
  user: UserDoc;
  created: boolean;
}

/** Validates a POST /invitations body and decides the user it lands on. */
export function createInvitation(bodyIn: unknown, ctx: InvitationContext): InvitationResult {
  if (!bodyIn || typeof bodyIn !== "object" || Array.isArray(bodyIn)) throw bad("The request body must be a JSON object.");
  const body = bodyIn as Record<string, unknown>;
  const email = body.invitedUserEmailAddress;
  if (typeof email !== "string" || !EMAIL.test(email.trim())) throw bad("The invited user email address is invalid or missing.", "invitedUserEmailAddress");
  const redirect = body.inviteRedirectUrl;
  // inviteRedirectUrl is required (invitation-post.md; Nullable="false" in the CSDL).
  if (typeof redirect !== "string" || !/^https?:\/\/\S+$/i.test(redirect)) throw bad("The invite redirect URL is invalid or missing.", "inviteRedirectUrl");
  const userType = body.invitedUserType ?? "Guest";
  if (userType !== "Guest" && userType !== "Member") throw bad("'invitedUserType' must be Guest or Member.", "invitedUserType");
  const displayName = body.invitedUserDisplayName ?? null;
  if (displayName !== null && typeof displayName !== "string") throw bad("'invitedUserDisplayName' must be a string.", "invitedUserDisplayName");
  for (const flag of ["sendInvitationMessage", "resetRedemption"])
    if (body[flag] !== undefined && body[flag] !== null && typeof body[flag] !== "boolean") throw bad(`'${flag}' must be a boolean.`, flag);
  const info = body.invitedUserMessageInfo as Record<string, unknown> | null | undefined;
  if (info !== undefined && info !== null && (typeof info !== "object" || Array.isArray(info))) throw bad("'invitedUserMessageInfo' must be an object.", "invitedUserMessageInfo");

  const address = email.trim();
  let user = findGuestByEmail(ctx.store, address);
  let created = false;
  if (!user) {
    const member = memberUsing(ctx.store, address);
    if (member) throw bad(`The invited user already exists in the directory as object ${member.id}.`, "invitedUserEmailAddress");
    user = guestUser(address, displayName, userType, ctx.initialDomain, ctx.now);
    created = true;
  } else if (body.resetRedemption === true) {
    // Reset redemption: the same user must redeem again (invitation resource: resetRedemption).
    user = { ...user, externalUserState: "PendingAcceptance", externalUserStateChangeDateTime: ctx.now.toISOString().replace(/\.\d{3}Z$/, "Z") };
  }
  const id = randomUUID();
  const invitation: InvitationDoc = {
    id,
    invitedUserDisplayName: displayName,
    invitedUserEmailAddress: address,
    invitedUserMessageInfo: {
      messageLanguage: typeof info?.messageLanguage === "string" ? info.messageLanguage : null,
      customizedMessageBody: typeof info?.customizedMessageBody === "string" ? info.customizedMessageBody : null,
      ccRecipients: Array.isArray(info?.ccRecipients) ? info.ccRecipients : [],
    },
    invitedUserType: String(user.userType),
    inviteRedeemUrl: redeemUrl(ctx.authority, ctx.tenantId, id),
    inviteRedirectUrl: redirect,
    resetRedemption: body.resetRedemption === true,
    sendInvitationMessage: body.sendInvitationMessage === true,
    // An invited user who already redeemed is done; anyone else still has to accept.
    status: user.externalUserState === "Accepted" ? "Completed" : "PendingAcceptance",
    _invitedUserId: user.id,
  };
  return { invitation, user, created };
}

/** Redeeming an invitation (what the invited person does in a browser): the guest becomes Accepted. */
export function redeemInvitation(user: UserDoc, now: Date): UserDoc {
  return { ...user, externalUserState: "Accepted", externalUserStateChangeDateTime: now.toISOString().replace(/\.\d{3}Z$/, "Z") };
}

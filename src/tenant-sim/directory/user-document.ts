/**
 * A new user as the directory stores it: every property of Graph's `user` that the local tenant
 * serves, at the value Entra gives a fresh account, with what the caller knows laid over it. Members
 * created through `POST /users` and guests created through `POST /invitations` start from the same
 * document, so a property added here reaches both.
 */
import { createHash, randomUUID } from "node:crypto";
import type { UserDoc } from "./types.ts";

/** Graph's `DateTimeOffset` at second precision, as Entra writes it. */
export function graphTimestamp(now: Date): string {
  return now.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/**
 * A fresh user document for `userPrincipalName`, created at `now`, whose sign-in identity is issued by
 * the tenant's initial domain; `fields` set what differs from a fresh account (display name, type, …).
 */
export function userDocument(userPrincipalName: string, initialDomain: string, now: Date, fields: Partial<UserDoc>): UserDoc {
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
    createdDateTime: graphTimestamp(now),
    creationType: null,
    department: null,
    displayName: null,
    employeeId: null,
    employeeType: null,
    externalUserState: null,
    externalUserStateChangeDateTime: null,
    faxNumber: null,
    givenName: null,
    identities: [{ signInType: "userPrincipalName", issuer: initialDomain, issuerAssignedId: userPrincipalName }],
    imAddresses: [],
    isResourceAccount: null,
    jobTitle: null,
    lastPasswordChangeDateTime: null,
    legalAgeGroupClassification: null,
    licenseAssignmentStates: [],
    mail: null,
    mailNickname: null,
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
    otherMails: [],
    passwordPolicies: null,
    passwordProfile: null,
    postalCode: null,
    preferredDataLocation: null,
    preferredLanguage: null,
    provisionedPlans: [],
    proxyAddresses: [],
    securityIdentifier: `S-1-12-1-${createHash("sha256").update(userPrincipalName).digest().readUInt32BE(0)}`,
    showInAddressList: null,
    state: null,
    streetAddress: null,
    surname: null,
    usageLocation: null,
    userPrincipalName,
    userType: "Member",
    ...fields,
  };
}

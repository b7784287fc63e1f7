/**
 * Test-only: reads an applied resource back through Graph, the way an audit or a second plan would,
 * and asserts the tenant holds the values that were sent. Write-only and computed parts are read
 * where Graph exposes them: group members through `/members`, licences through `assignedLicenses`,
 * masked OMA strings through beta `getOmaSettingPlainTextValue` (graph-facts §4.1).
 */
import { expect } from "vitest";
import type { TestTenant } from "../../../src/tenant-sim/testing.ts";
import type { AppliedResource } from "./apply-desired.ts";

type Json = Record<string, unknown>;

const pick = (o: Json, keys: readonly string[]): Json => Object.fromEntries(keys.map((k) => [k, o[k]]));

async function get(t: TestTenant, path: string): Promise<Json> {
  const res = await t.graph("GET", path);
  expect(res.status, `GET ${path}: ${JSON.stringify(res.body)}`).toBe(200);
  return res.body as Json;
}

function normaliseLicences(list: unknown): { skuId: string; disabledPlans: string[] }[] {
  return (list as { skuId: string; disabledPlans: string[] }[])
    .map((l) => ({ skuId: l.skuId.toLowerCase(), disabledPlans: l.disabledPlans.map((p) => p.toLowerCase()).sort() }))
    .sort((a, b) => a.skuId.localeCompare(b.skuId));
}

interface SentOmaSetting {
  "@odata.type": string;
  omaUri: string;
  value: unknown;
}

async function expectConfigurationReadBack(t: TestTenant, a: AppliedResource): Promise<void> {
  const base = `/deviceManagement/deviceConfigurations/${a.id}`;
  const v1 = await get(t, `/v1.0${base}`);
  const scalarKeys = Object.keys(a.sent).filter((k) => k !== "omaSettings");
  expect(pick(v1, scalarKeys), a.resource.address).toEqual(pick(a.sent, scalarKeys));
  const sentSettings = (a.sent.omaSettings ?? []) as (SentOmaSetting & Json)[];
  if (sentSettings.length === 0) return;

  const beta = await get(t, `/beta${base}`);
  const readV1 = v1.omaSettings as Json[];
  const readBeta = beta.omaSettings as Json[];
  expect(readV1.map((s) => s.omaUri), a.resource.address).toEqual(sentSettings.map((s) => s.omaUri));
  for (const [i, sent] of sentSettings.entries()) {
    const keys = Object.keys(sent).filter((k) => k !== "value");
    expect(pick(readV1[i]!, keys), sent.omaUri).toEqual(pick(sent, keys));
    if (sent["@odata.type"] === "#microsoft.graph.omaSettingString") {
      // Intune masks string values on read; the plaintext comes from the secret reference.
      expect(readV1[i]!.value, `${sent.omaUri} is masked on v1.0`).toBe("****");
      expect(readBeta[i]!.value, `${sent.omaUri} is masked on beta`).toBe("****");
      expect(readBeta[i]!.isEncrypted, sent.omaUri).toBe(true);
      const ref = String(readBeta[i]!.secretReferenceValueId).replace(/'/g, "''");
      const plain = await get(t, `/beta${base}/getOmaSettingPlainTextValue(secretReferenceValueId='${encodeURIComponent(ref)}')`);
      expect(plain.value, `${sent.omaUri} plaintext`).toBe(sent.value);
    } else {
      expect(readV1[i]!.value, sent.omaUri).toEqual(sent.value);
    }
  }
}

/** The member a `groupMember` resource added (the id its `@odata.id` URL ends with). */
const addedMember = (a: AppliedResource) => String(a.sent["@odata.id"]).split("/").pop()!;

/**
 * Asserts that what `a` wrote reads back unchanged; `idOf` gives the Graph id of another address, and
 * `applied` (all that was applied) the members `groupMember` resources added to a group besides its binds.
 */
export async function expectReadBack(t: TestTenant, a: AppliedResource, idOf: (address: string) => string, applied: readonly AppliedResource[] = []): Promise<void> {
  const r = a.resource;
  switch (r.kind) {
    case "group": {
      const keys = Object.keys(a.sent).filter((k) => !k.endsWith("@odata.bind"));
      const group = await get(t, `/v1.0/groups/${a.id}?$select=${keys.join(",")}`);
      expect(pick(group, keys), r.address).toEqual(pick(a.sent, keys));
      const bound = (a.sent["members@odata.bind"] ?? []) as string[];
      const members = await get(t, `/v1.0/groups/${a.id}/members`);
      const memberIds = (members.value as Json[]).map((m) => String(m.id)).sort();
      const added = applied.filter((x) => x.resource.kind === "groupMember" && x.resource.parent === r.address).map(addedMember);
      expect(memberIds, `${r.address} members`).toEqual([...bound.map((url) => url.split("/").pop()!), ...added].sort());
      return;
    }
    case "user": {
      // The password is write-only (graph-facts §2); never put it into an assertion message.
      const keys = Object.keys(a.sent).filter((k) => k !== "passwordProfile");
      const user = await get(t, `/v1.0/users/${a.id}?$select=${keys.join(",")},passwordProfile`);
      expect(pick(user, keys), r.address).toEqual(pick(a.sent, keys));
      expect(JSON.stringify(user)).not.toContain(String((a.sent.passwordProfile as Json).password));
      return;
    }
    case "customConfiguration":
    case "updateRing":
      return expectConfigurationReadBack(t, a);
    case "autopilotProfile": {
      const profile = await get(t, `/beta/deviceManagement/windowsAutopilotDeploymentProfiles/${a.id}`);
      const keys = Object.keys(a.sent);
      expect(pick(profile, keys), r.address).toEqual(pick(a.sent, keys));
      return;
    }
    case "configurationAssignment": {
      const list = await get(t, `/${r.api}${r.collection.replace("{parent}", a.id).replace(/\/assign$/, "/assignments")}`);
      const sentSet = (a.sent.assignments ?? a.sent.enrollmentConfigurationAssignments) as Json[] | undefined;
      const sentTargets = (r.collection.endsWith("/assign") ? sentSet!.map((x) => x.target) : [a.sent.target]) as Json[];
      // Beta answers add the assignment-filter fields to targets (graph-facts §4.2): compare what was sent.
      const readTargets = (list.value as Json[]).map((x, i) => pick(x.target as Json, Object.keys(sentTargets[i] ?? {})));
      expect(readTargets, r.address).toEqual(sentTargets);
      // Every profile is assigned to the device group (src/compile/README.md).
      for (const target of sentTargets as Json[]) expect(target.groupId).toBe(idOf("group.devices"));
      return;
    }
    case "groupLicense": {
      const group = await get(t, `/v1.0/groups/${a.id}?$select=assignedLicenses`);
      expect(normaliseLicences(group.assignedLicenses), r.address).toEqual(normaliseLicences(a.sent.addLicenses));
      return;
    }
    case "enrollmentStatusPage": {
      const page = await get(t, `/beta/deviceManagement/deviceEnrollmentConfigurations/${a.id}`);
      const keys = Object.keys(a.sent);
      expect(pick(page, keys), r.address).toEqual(pick(a.sent, keys));
      return;
    }
    case "guestInvitation": {
      // The invitation itself cannot be read back; the guest it made can (invitation-post.md).
      const user = await get(t, `/v1.0/users/${a.id}?$select=mail,userType,creationType,userPrincipalName`);
      const address = String(a.sent.invitedUserEmailAddress);
      expect({ mail: String(user.mail).toLowerCase(), userType: user.userType, creationType: user.creationType }, r.address).toEqual({ mail: address, userType: "Guest", creationType: "Invitation" });
      expect(String(user.userPrincipalName).toLowerCase(), r.address).toMatch(new RegExp(`^${address.replace("@", "_").replace(/[.+]/g, "\\$&")}#ext#@`));
      return;
    }
    case "groupMember": {
      const members = await get(t, `/v1.0/groups/${a.id}/members`);
      expect((members.value as Json[]).map((m) => m.id), r.address).toContain(addedMember(a));
      return;
    }
    case "domain": {
      const domain = await get(t, `/v1.0/domains/${encodeURIComponent(a.id)}`);
      const keys = Object.keys(a.sent);
      expect(pick(domain, keys), r.address).toEqual(pick(a.sent, keys));
      return;
    }
  }
}

/**
 * End to end: every bundled example compiles to desired resources that a fresh local tenant accepts
 * as Graph documents them (the Enrollment Status Page and its assignment, and the service tenant's
 * expert invitations, included), reads back with the same values, and that make simulated HoloLens 2
 * devices report every assigned profile as succeeded, land in the dynamic device group, and give
 * client accounts exactly the compiled licences. The compiled tenant preconditions hold on the seeded
 * tenant and fail once an admin breaks them through Graph.
 */
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadBlueprintFile } from "../../src/blueprint/load.ts";
import { buildSupports } from "../../src/catalog/index.ts";
import type { Blueprint } from "../../src/blueprint/types.ts";
import { defaultCatalog } from "../../src/compile/catalog-port.ts";
import { compileChecked } from "../../src/compile/compile-checked.ts";
import { compileGroupLicense } from "../../src/compile/graph/group-license.ts";
import { evaluatePrecondition } from "../../src/preconditions/evaluate.ts";
import type { CompileResult, DesiredResource } from "../../src/compile/types.ts";
import { createTestUser, initialDomain } from "../../src/tenant-sim/directory/test-graph-fixtures.ts";
import { startTestTenant, type TestTenant } from "../../src/tenant-sim/testing.ts";
import { MAX_BINDS_PER_REQUEST } from "../../src/resources/group/member-binds.ts";
import { applyDesired, expectedStatus, readSubscribedSkus, type AppliedResource } from "./support/apply-desired.ts";
import { arrangeTenantFor } from "./support/arrange-tenant.ts";
import { observePrecondition } from "./support/observe-precondition.ts";
import { REQUIRED_APP_ROLES } from "../../src/auth/required-permissions.ts";
import { expectReadBack } from "./support/read-back.ts";
import { resolvePlaceholders } from "../../src/engine/resolve-placeholders.ts";
import { waitFor } from "./support/wait-for.ts";

const examplesDir = new URL("../../examples/", import.meta.url);
const examples = readdirSync(examplesDir).filter((f) => f.endsWith(".holofleet.yaml")).sort();
/**
 * The bundled examples, plus fixtures for the branches they leave out: real disabledPlans and a
 * scheduled-install ring; more accounts than one request may bind as members.
 */
const blueprintFiles = [
  ...examples.map((f) => ({ name: `examples/${f}`, url: new URL(f, examplesDir) })),
  { name: "test/e2e/fixtures/e3-company-resources-off.holofleet.yaml", url: new URL("./fixtures/e3-company-resources-off.holofleet.yaml", import.meta.url) },
  { name: "test/e2e/fixtures/many-accounts.holofleet.yaml", url: new URL("./fixtures/many-accounts.holofleet.yaml", import.meta.url) },
];

interface SimDevice {
  id: string;
  serialNumber: string;
  state: string;
  entraObjectId: string;
  managedDeviceId: string | null;
  primaryUserPrincipalName: string | null;
}

interface SyncAnswer {
  profiles: { id: string; displayName: string; state: string; settings: { omaUri: string; state: string; errorCode: number; errorDescription: string | null }[] }[];
}

/** Each serial the blueprint names, with the first account that signs in on it. */
function devicesOf(bp: Blueprint): { serialNumber: string; primaryUserPrincipalName: string }[] {
  const out = new Map<string, string>();
  for (const c of bp.clients) for (const a of c.accounts) for (const s of a.devices) if (!out.has(s)) out.set(s, a.userPrincipalName);
  // A blueprint may name no serials (they are optional): ship one device to the first account.
  if (out.size === 0) out.set("E2E-HL2-0001", bp.clients[0]!.accounts[0]!.userPrincipalName);
  return [...out].map(([serialNumber, primaryUserPrincipalName]) => ({ serialNumber, primaryUserPrincipalName }));
}

it("the examples folder has the three bundled examples", () => {
  expect(examples).toEqual(["minimal.holofleet.yaml", "same-tenant-three-clients.holofleet.yaml", "service-tenant.holofleet.yaml"]);
});

describe.each(blueprintFiles)("$name against a fresh local tenant", ({ url }) => {
  let t: TestTenant;
  let bp: Blueprint;
  let compiled: CompileResult;
  let applied: AppliedResource[] = [];
  const byAddress = (address: string) => applied.find((a) => a.resource.address === address);
  const idOf = (address: string) => {
    const a = byAddress(address);
    if (!a) throw new Error(`${address} was not applied`);
    return a.id;
  };

  beforeAll(async () => {
    const loaded = await loadBlueprintFile(fileURLToPath(url));
    expect(loaded.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    bp = loaded.blueprint!;
    compiled = await compileChecked(bp);
    t = await startTestTenant({ tenant: { appRoles: REQUIRED_APP_ROLES } });
    await arrangeTenantFor(t, bp);
    applied = (await applyDesired(t, compiled.desired)).applied;
  });

  afterAll(async () => {
    await t?.close();
  });

  it("compiles without errors", () => {
    expect(compiled.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(compiled.desired.length).toBeGreaterThan(0);
  });

  it("every create/update is answered as Graph documents it (member binds past 20 added with PATCH, 204)", () => {
    const answers = applied.map((a) => ({
      address: a.resource.address,
      status: a.status,
      followUps: a.followUpStatuses,
      error: a.status >= 400 ? a.response.body : undefined,
    }));
    const bindCount = (r: DesiredResource) => ((r.body["members@odata.bind"] as unknown[] | undefined) ?? []).length;
    const expected = compiled.desired.map((r) => ({
      address: r.address,
      status: expectedStatus(r),
      followUps: Array.from({ length: Math.max(0, Math.ceil(bindCount(r) / MAX_BINDS_PER_REQUEST) - 1) }, () => 204),
      error: undefined,
    }));
    expect(answers.sort((x, y) => x.address.localeCompare(y.address))).toEqual(expected.sort((x, y) => x.address.localeCompare(y.address)));
  });

  it("every SKU and service-plan id the compiler carries from the licensing catalog is the tenant's", async () => {
    const skus = await readSubscribedSkus(t);
    const lookups: { $resolve: string; catalog: string | string[]; keep?: string[] }[] = [];
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === "object") {
        const o = v as Record<string, unknown>;
        if (typeof o.$resolve === "string" && o.catalog !== undefined) lookups.push(o as (typeof lookups)[number]);
        else Object.values(o).forEach(walk);
      }
    };
    compiled.desired.forEach((r) => walk(r.body));
    // A skuId and a disabledPlans placeholder per SKU.
    expect(lookups.length).toBe(2 * bp.licensing.skus.length);
    const noRefs = { idOf: () => "", skus, generatePassword: () => "" };
    for (const l of lookups) {
      const resolved = resolvePlaceholders({ v: l }, noRefs).v;
      const sorted = (x: unknown) => (Array.isArray(x) ? [...(x as string[])].sort() : x);
      expect({ lookup: l.$resolve, id: sorted(resolved) }).toEqual({ lookup: l.$resolve, id: sorted(l.catalog) });
    }
  });

  it("reading every resource back gives the values that were sent", async () => {
    for (const a of applied) await expectReadBack(t, a, idOf, applied);
  });

  it("re-applying every group through the uniqueName upsert answers 204 and changes nothing", async () => {
    // graph-facts §1 and §9.9: PATCH /groups(uniqueName='…') with Prefer: create-if-missing is the
    // idempotent path; member binds are left out, as Graph refuses to add a member twice.
    for (const a of applied.filter((x) => x.resource.kind === "group")) {
      const { "members@odata.bind": _members, ...body } = a.sent;
      const uniqueName = String(body.uniqueName).replace(/'/g, "''");
      const res = await t.graph("PATCH", `/v1.0/groups(uniqueName='${encodeURIComponent(uniqueName)}')`, body, { prefer: "create-if-missing" });
      expect({ address: a.resource.address, status: res.status }).toEqual({ address: a.resource.address, status: 204 });
      await expectReadBack(t, a, idOf, applied);
    }
    const groups = await t.graph("GET", "/v1.0/groups?$select=id,uniqueName");
    const ours = (groups.body.value as { uniqueName: string | null }[]).filter((g) => g.uniqueName !== null);
    expect(ours).toHaveLength(applied.filter((x) => x.resource.kind === "group").length);
  });

  it("the Enrollment Status Page is the device group's: assigned to it alone, beside the tenant's default", async () => {
    const page = byAddress("enrollmentStatusPage.hololens");
    if (!bp.devices.enrollmentStatusPage.enabled) return expect(page).toBeUndefined();
    const list = await t.graph("GET", `/beta/deviceManagement/deviceEnrollmentConfigurations?$expand=assignments&$filter=${encodeURIComponent("deviceEnrollmentConfigurationType eq 'windows10EnrollmentCompletionPageConfiguration'")}`);
    expect(list.status).toBe(200);
    const pages = list.body.value as { id: string; priority: number; assignments: { target: { groupId?: string } }[] }[];
    expect(pages.map((p) => ({ id: p.id, priority: p.priority, groups: p.assignments.map((a) => a.target.groupId) })).sort((a, b) => a.priority - b.priority)).toEqual([
      { id: `${t.tenantId}_DefaultWindows10EnrollmentCompletionPageConfiguration`, priority: 0, groups: [] },
      { id: page!.id, priority: 1, groups: [idOf("group.devices")] },
    ]);
  });

  it("re-inviting every expert finds the same guest: one user per address, in the experts group", async () => {
    const invitations = applied.filter((a) => a.resource.kind === "guestInvitation");
    expect(invitations.length).toBe(bp.tenant.model === "service-tenant" && bp.experts.access === "guests" ? bp.experts.addresses.length : 0);
    for (const a of invitations) {
      const again = await t.graph("POST", a.path, a.sent);
      expect({ address: a.resource.address, status: again.status, user: again.body.invitedUser?.id }).toEqual({ address: a.resource.address, status: 201, user: a.id });
    }
    if (invitations.length === 0) return;
    const guests = await t.graph("GET", `/v1.0/users?$filter=${encodeURIComponent("userType eq 'Guest'")}&$count=true&$select=id,mail`, undefined, { consistencylevel: "eventual" });
    expect((guests.body.value as { mail: string }[]).map((g) => g.mail.toLowerCase()).sort()).toEqual([...bp.experts.addresses].sort());
    const members = await t.graph("GET", `/v1.0/groups/${idOf("group.experts")}/members`);
    expect((members.body.value as { id: string }[]).map((m) => m.id).sort()).toEqual(invitations.map((a) => a.id).sort());
  });

  describe("tenant preconditions (read, never written)", () => {
    const precondition = (address: string) => compiled.preconditions.find((p) => p.address === address)!;
    const ids = (address: string) => byAddress(address)?.id;
    let admin: Record<string, string>;
    let mdmReader: Record<string, string>;
    let mdmWriter: Record<string, string>;

    beforeAll(async () => {
      const app = await t.createApp(["Policy.ReadWrite.DeviceConfiguration", "DeviceManagementServiceConfig.ReadWrite.All"], { displayName: "tenant admin" });
      admin = { authorization: `Bearer ${await t.tokenFor(app.clientId)}` };
      // The MDM user scope is delegated only: an administrator signs in (device code flow) to holofleet's
      // app, whose consent reads it, and to an admin tool consented to change it.
      const domain = await initialDomain(t);
      await createTestUser(t, domain, "precondition-admin");
      mdmReader = { authorization: `Bearer ${await t.signedInToken(`precondition-admin@${domain}`)}` };
      const mdmTool = await t.createDelegatedApp(["Policy.ReadWrite.MobilityManagement"], { displayName: "MDM scope admin" });
      mdmWriter = { authorization: `Bearer ${await t.signedInToken(`precondition-admin@${domain}`, mdmTool.clientId)}` };
    });

    const evaluate = async (address: string, headers: Record<string, string> = {}) => {
      const p = precondition(address);
      return evaluatePrecondition(p, await observePrecondition(t, p, headers), ids);
    };

    it("holofleet's own credentials read Entra join and Windows enrollment (satisfied); the MDM scope needs an admin signed in to holofleet", async () => {
      expect((await evaluate("precondition.entra-join")).status).toBe("satisfied");
      expect((await evaluate("precondition.windows-enrollment")).status).toBe("satisfied");
      const appOnly = await evaluate("precondition.mdm-user-scope");
      expect(appOnly.status).toBe("unknown");
      expect(appOnly.reason).toContain("signed-in administrator");
      expect((await evaluate("precondition.mdm-user-scope", mdmReader)).status).toBe("satisfied");
    });

    it("Entra join limited to another group, then to none → unsatisfied; restored → satisfied", async () => {
      const current = (await t.graph("GET", "/v1.0/policies/deviceRegistrationPolicy")).body;
      const otherGroup = idOf("group.devices");
      const put = (allowedToJoin: unknown) => t.graph("PUT", "/v1.0/policies/deviceRegistrationPolicy", { ...current, azureADJoin: { ...current.azureADJoin, allowedToJoin } }, admin);
      expect((await put({ "@odata.type": "#microsoft.graph.enumeratedDeviceRegistrationMembership", users: [], groups: [otherGroup] })).status).toBe(200);
      expect((await evaluate("precondition.entra-join")).status).toBe("unsatisfied");
      expect((await put({ "@odata.type": "#microsoft.graph.enumeratedDeviceRegistrationMembership", users: [], groups: [idOf("group.clients")] })).status).toBe(200);
      expect((await evaluate("precondition.entra-join")).status).toBe("satisfied");
      expect((await put({ "@odata.type": "#microsoft.graph.noDeviceRegistrationMembership" })).status).toBe(200);
      expect((await evaluate("precondition.entra-join")).status).toBe("unsatisfied");
      expect((await t.graph("PUT", "/v1.0/policies/deviceRegistrationPolicy", current, admin)).status).toBe(200);
      expect((await evaluate("precondition.entra-join")).status).toBe("satisfied");
    });

    it("Windows blocked by a restriction on the clients' group → unsatisfied; unassigned → satisfied", async () => {
      const created = await t.graph(
        "POST",
        "/beta/deviceManagement/deviceEnrollmentConfigurations",
        { "@odata.type": "#microsoft.graph.deviceEnrollmentPlatformRestrictionConfiguration", displayName: "No Windows for clients", platformType: "windows", platformRestriction: { platformBlocked: true, personalDeviceEnrollmentBlocked: false } },
        admin,
      );
      expect(created.status).toBe(201);
      const target = { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId: idOf("group.clients") };
      expect((await t.graph("POST", `/beta/deviceManagement/deviceEnrollmentConfigurations/${created.body.id}/assign`, { enrollmentConfigurationAssignments: [{ target }] }, admin)).status).toBe(204);
      const blocked = await evaluate("precondition.windows-enrollment");
      expect(blocked).toMatchObject({ status: "unsatisfied", evidence: { configurationId: created.body.id } });
      expect((await t.graph("POST", `/beta/deviceManagement/deviceEnrollmentConfigurations/${created.body.id}/assign`, { enrollmentConfigurationAssignments: [] }, admin)).status).toBe(204);
      expect((await evaluate("precondition.windows-enrollment")).status).toBe("satisfied");
      expect((await t.graph("DELETE", `/beta/deviceManagement/deviceEnrollmentConfigurations/${created.body.id}`, undefined, admin)).status).toBe(204);
    });

    it("MDM user scope None → unsatisfied; Some with the clients' group → satisfied; back to All", async () => {
      const policy = "/beta/policies/mobileDeviceManagementPolicies/0000000a-0000-0000-c000-000000000000";
      expect((await t.graph("PATCH", policy, { appliesTo: "none" }, mdmWriter)).status).toBe(204);
      expect((await evaluate("precondition.mdm-user-scope", mdmReader)).status).toBe("unsatisfied");
      const add = await t.graph("POST", `${policy}/includedGroups/$ref`, { "@odata.id": `https://graph.microsoft.com/beta/groups/${idOf("group.clients")}` }, mdmWriter);
      expect(add.status).toBe(204);
      expect((await evaluate("precondition.mdm-user-scope", mdmReader)).status).toBe("satisfied");
      expect((await t.graph("PATCH", policy, { appliesTo: "all" }, mdmWriter)).status).toBe(204);
      expect((await evaluate("precondition.mdm-user-scope", mdmReader)).status).toBe("satisfied");
    });
  });

  describe("simulated HoloLens 2 devices", () => {
    let devices: SimDevice[] = [];
    let syncs: SyncAnswer[] = [];

    beforeAll(async () => {
      devices = [];
      syncs = [];
      for (const d of devicesOf(bp)) {
        const res = await t.sim("POST", "/devices", {
          serialNumber: d.serialNumber,
          osVersion: bp.devices.osBaseline.build,
          groupTag: bp.devices.autopilot.groupTag,
          enroll: true,
          primaryUserPrincipalName: d.primaryUserPrincipalName,
        });
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        devices.push(res.body as SimDevice);
      }
      for (const d of devices) {
        const res = await t.sim("POST", `/devices/${d.id}/sync`);
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        syncs.push(res.body as SyncAnswer);
      }
    });

    const profileAddresses = () =>
      compiled.desired.filter((r) => r.kind === "customConfiguration" || r.kind === "updateRing").map((r) => r.address);

    it("every device is enrolled with its primary user", () => {
      const wanted = devicesOf(bp);
      expect(devices.map((d) => ({ serialNumber: d.serialNumber, state: d.state, user: d.primaryUserPrincipalName?.toLowerCase() }))).toEqual(
        wanted.map((w) => ({ serialNumber: w.serialNumber, state: "enrolled", user: w.primaryUserPrincipalName.toLowerCase() })),
      );
    });

    it("the devices land in the dynamic device group", async () => {
      const groupId = idOf("group.devices");
      const members = await t.graph("GET", `/v1.0/groups/${groupId}/members`);
      expect(members.status).toBe(200);
      const ids = (members.body.value as { id: string; "@odata.type": string }[]).map((m) => m.id).sort();
      expect(ids).toEqual(devices.map((d) => d.entraObjectId).sort());
      for (const d of devices) {
        const memberOf = await t.graph("GET", `/v1.0/devices/${d.entraObjectId}/memberOf`);
        expect((memberOf.body.value as { id: string }[]).map((g) => g.id)).toContain(groupId);
      }
    });

    it("every assigned profile reaches every device and reports succeeded (no error, no conflict)", () => {
      const wantedIds = profileAddresses().map(idOf).sort();
      for (const sync of syncs) {
        expect(sync.profiles.map((p) => p.id).sort()).toEqual(wantedIds);
        for (const p of sync.profiles) {
          expect({ profile: p.displayName, state: p.state }).toEqual({ profile: p.displayName, state: "compliant" });
          for (const s of p.settings) expect({ omaUri: s.omaUri, state: s.state, errorCode: s.errorCode }).toEqual({ omaUri: s.omaUri, state: "compliant", errorCode: 0 });
        }
      }
    });

    it("Intune's Graph reports say the same: device configuration states and profile device statuses", async () => {
      const wantedIds = profileAddresses().map(idOf).sort();
      for (const d of devices) {
        const states = await t.graph("GET", `/v1.0/deviceManagement/managedDevices/${d.managedDeviceId}/deviceConfigurationStates`);
        expect(states.status).toBe(200);
        const value = states.body.value as { id: string; state: string; settingStates: { state: string; errorCode: number }[] }[];
        expect(value.map((s) => s.id).sort()).toEqual(wantedIds);
        for (const s of value) {
          expect(s.state).toBe("compliant");
          expect(s.settingStates.filter((x) => x.state !== "compliant" || x.errorCode !== 0)).toEqual([]);
        }
      }
      for (const address of profileAddresses()) {
        const statuses = await t.graph("GET", `/v1.0/deviceManagement/deviceConfigurations/${idOf(address)}/deviceStatuses`);
        expect(statuses.status).toBe(200);
        const value = statuses.body.value as { id: string; status: string }[];
        expect(value.map((s) => ({ id: s.id, status: s.status })).sort((a, b) => a.id.localeCompare(b.id))).toEqual(
          devices.map((d) => ({ id: d.managedDeviceId, status: "compliant" })).sort((a, b) => a.id!.localeCompare(b.id!)),
        );
      }
    });

    it("devices take their name from the assigned Autopilot profile's template", async () => {
      const template = bp.devices.autopilot.deviceNameTemplate;
      for (const d of devices) {
        const managed = await t.graph("GET", `/v1.0/deviceManagement/managedDevices/${d.managedDeviceId}`);
        expect(managed.status).toBe(200);
        const name = managed.body.deviceName as string;
        if (template) {
          const pattern = new RegExp(`^${template.replace(/%RAND:(\d+)%/g, "\\d{$1}").replace(/%SERIAL%/g, d.serialNumber)}$`);
          expect(name).toMatch(pattern);
        } else {
          expect(name).toMatch(/^HOLOLENS-[0-9A-F]{6}$/);
        }
      }
    });
  });

  describe("devices outside the blueprint's fleet (the checks above can fail)", () => {
    const register = async (serialNumber: string, osVersion: string, groupTag: string) => {
      const res = await t.sim("POST", "/devices", {
        serialNumber,
        osVersion,
        groupTag,
        enroll: true,
        primaryUserPrincipalName: bp.clients[0]!.accounts[0]!.userPrincipalName,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      const device = res.body as SimDevice;
      const sync = await t.sim("POST", `/devices/${device.id}/sync`);
      expect(sync.status).toBe(200);
      return { device, sync: sync.body as SyncAnswer };
    };

    it("a device with another group tag stays out of the device group and receives no profile", async () => {
      const { device, sync } = await register("E2E-STRANGER-1", bp.devices.osBaseline.build, `${bp.devices.autopilot.groupTag}-OTHER`);
      expect(sync.profiles).toEqual([]);
      const members = await t.graph("GET", `/v1.0/groups/${idOf("group.devices")}/members`);
      expect((members.body.value as { id: string }[]).map((m) => m.id)).not.toContain(device.entraObjectId);
    });

    it("a device below the OS baseline reports exactly the settings its build lacks as errors (the catalog is the oracle)", async () => {
      const oldBuild = "19041.1103"; // Windows Holographic 2004: before 20H2, where several compiled policies start
      const { sync } = await register("E2E-OLD-1", `10.0.${oldBuild}`, bp.devices.autopilot.groupTag);
      const lacks = (omaUri: string) => {
        const node = defaultCatalog.findCspNode(omaUri);
        return node === undefined || !node.hololens2.supported || !buildSupports(oldBuild, node.hololens2.minBuild);
      };
      const isPolicy = (omaUri: string) => /\/Vendor\/MSFT\/Policy\/Config\//.test(omaUri);
      const reported = sync.profiles.flatMap((p) => p.settings);
      const errored = reported.filter((x) => x.state === "error").map((x) => x.omaUri).sort();
      // Every compiled Policy CSP setting the old build lacks is among the errors…
      const compiledLacking = compiled.desired
        .filter((r) => r.kind === "customConfiguration")
        .flatMap((r) => (r.body.omaSettings as { omaUri: string }[]).map((s) => s.omaUri))
        .filter((u) => isPolicy(u) && lacks(u));
      expect(compiledLacking.length).toBeGreaterThan(0);
      expect(errored).toEqual(expect.arrayContaining(compiledLacking));
      // …every reported Policy CSP setting errs exactly when the catalog says the build lacks it
      // (the local tenant models build minimums for Policy CSP nodes, hololens-policies.ts)…
      const policy = reported.filter((x) => isPolicy(x.omaUri));
      expect(policy.filter((x) => x.state === "error").map((x) => x.omaUri).sort()).toEqual(policy.filter((x) => lacks(x.omaUri)).map((x) => x.omaUri).sort());
      // …and nothing errs that the catalog says the build has.
      expect(errored.filter((u) => !lacks(u))).toEqual([]);
      for (const p of sync.profiles) {
        const hasError = p.settings.some((x) => x.state === "error");
        expect({ profile: p.displayName, state: p.state }).toEqual({ profile: p.displayName, state: hasError ? "error" : "compliant" });
      }
      // SyncML 404 (no such node on this build), except the global kiosk: 2004 has the AssignedAccess
      // node but refuses a GlobalProfile, a 20H2 feature (SyncML 400; hololens-kiosk.md).
      const kioskNode = /\/Vendor\/MSFT\/AssignedAccess\/Configuration$/;
      for (const x of reported.filter((x) => x.state === "error")) expect([x.omaUri, x.errorCode]).toEqual([x.omaUri, kioskNode.test(x.omaUri) ? -2016345712 : -2016345708]);
    });
  });

  it("client accounts receive exactly the compiled licences after group licence processing", async () => {
    const license = compiled.desired.find((r) => r.kind === "groupLicense") as DesiredResource;
    const sent = byAddress(license.address)!.sent as { addLicenses: { skuId: string; disabledPlans: string[] }[] };
    const wanted = sent.addLicenses.map((l) => ({ skuId: l.skuId.toLowerCase(), disabledPlans: l.disabledPlans.map((p) => p.toLowerCase()).sort() }));
    wanted.sort((a, b) => a.skuId.localeCompare(b.skuId));
    const groupId = idOf(license.parent!);
    const compiledLicences = compileGroupLicense(bp, defaultCatalog).licenses.sort((a, b) => a.skuPartNumber.localeCompare(b.skuPartNumber));
    for (const account of bp.clients.flatMap((c) => c.accounts)) {
      const userId = idOf(`user.${account.userPrincipalName.toLowerCase()}`);
      const user = await waitFor(
        () => t.graph("GET", `/v1.0/users/${userId}?$select=assignedLicenses,licenseAssignmentStates`),
        (res) => (res.body.licenseAssignmentStates as unknown[] | undefined)?.length === wanted.length,
      );
      const got = (user.body.assignedLicenses as { skuId: string; disabledPlans: string[] }[])
        .map((l) => ({ skuId: l.skuId.toLowerCase(), disabledPlans: l.disabledPlans.map((p) => p.toLowerCase()).sort() }))
        .sort((a, b) => a.skuId.localeCompare(b.skuId));
      expect(got).toEqual(wanted);
      const states = user.body.licenseAssignmentStates as { skuId: string; assignedByGroup: string | null; state: string; error: string }[];
      expect(states.map((s) => ({ byGroup: s.assignedByGroup, state: s.state, error: s.error }))).toEqual(
        wanted.map(() => ({ byGroup: groupId, state: "Active", error: "None" })),
      );
      // Plan by plan: exactly the compiled plans are off, every other plan of each SKU is on.
      const details = await t.graph("GET", `/v1.0/users/${userId}/licenseDetails`);
      const plans = (details.body.value as { skuPartNumber: string; servicePlans: { servicePlanName: string; provisioningStatus: string }[] }[])
        .map((d) => ({ sku: d.skuPartNumber, off: d.servicePlans.filter((p) => p.provisioningStatus === "Disabled").map((p) => p.servicePlanName).sort() }))
        .sort((a, b) => a.sku.localeCompare(b.sku));
      expect(plans).toEqual(compiledLicences.map((l) => ({ sku: l.skuPartNumber, off: [...l.disabledPlanNames].sort() })));
    }
  });
});

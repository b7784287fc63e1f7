/**
 * End to end: hand-made misconfigurations of an applied example, each made through Graph as an admin would in
 * the portal (one on a fresh tenant each), then audited live. Each is caught by the right concern, names the
 * device or account it affects, and changes no other result than those of its concern.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditFinding } from "../../src/posture/rules/types.ts";
import { appliedExample, type AppliedExample } from "./support/applied-example.ts";
import type { TestTenant } from "../../src/tenant-sim/testing.ts";

const EXAMPLE = new URL("../../examples/same-tenant-three-clients.holofleet.yaml", import.meta.url);
const RESTRICTIONS = "CFS HoloLens 2 device restrictions";
const KIOSK = "CFS HoloLens 2 kiosk";
/** Devices are named `CFS-<random> (<serial>)` at enrolment; results are compared by serial. */
const ALL_DEVICES = ["HL2-000101", "HL2-000102", "HL2-000201", "HL2-000301"];

type Oma = Record<string, unknown> & { omaUri: string; value: unknown };

/** Reads a profile (beta: masked strings carry their secretReferenceValueId), changes its settings, writes them back. */
async function editProfile(e: AppliedExample, displayName: string, edit: (settings: Oma[]) => Oma[]): Promise<void> {
  const list = await e.t.graph("GET", `/beta/deviceManagement/deviceConfigurations?$filter=${encodeURIComponent(`displayName eq '${displayName}'`)}`);
  const profile = list.body.value[0] as { id: string; "@odata.type": string; omaSettings: Oma[] };
  const res = await e.t.graph("PATCH", `/beta/deviceManagement/deviceConfigurations/${profile.id}`, { "@odata.type": profile["@odata.type"], omaSettings: edit(profile.omaSettings) });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

async function plainValue(e: AppliedExample, displayName: string, suffix: string): Promise<string> {
  const list = await e.t.graph("GET", `/beta/deviceManagement/deviceConfigurations?$filter=${encodeURIComponent(`displayName eq '${displayName}'`)}`);
  const profile = list.body.value[0] as { id: string; omaSettings: Oma[] };
  const s = profile.omaSettings.find((x) => x.omaUri.endsWith(suffix))!;
  const res = await e.t.graph("GET", `/beta/deviceManagement/deviceConfigurations/${profile.id}/getOmaSettingPlainTextValue(secretReferenceValueId='${s.secretReferenceValueId as string}')`);
  return res.body.value as string;
}

const setValue = (suffix: string, value: unknown) => (settings: Oma[]) =>
  settings.map((s) => (s.omaUri.endsWith(suffix) ? (({ isEncrypted: _e, secretReferenceValueId: _r, ...rest }) => ({ ...rest, value }))(s) : s));

async function userId(e: AppliedExample, upn: string): Promise<string> {
  return (await e.t.graph("GET", `/v1.0/users/${encodeURIComponent(upn)}?$select=id`)).body.id as string;
}

interface Misconfiguration {
  name: string;
  /** The concerns whose results may change. */
  concerns: string[];
  /** The subjects (device or account names) that must get a `fail`. */
  failing: string[];
  make(e: AppliedExample): Promise<void>;
}

const misconfigurations: Misconfiguration[] = [
  { name: "USB data re-enabled in the restrictions profile", concerns: ["usb"], failing: ALL_DEVICES, make: (e) => editProfile(e, RESTRICTIONS, setValue("Connectivity/AllowUSBConnection", 1)) },
  { name: "developer mode allowed", concerns: ["developer-mode"], failing: ALL_DEVICES, make: (e) => editProfile(e, RESTRICTIONS, setValue("ApplicationManagement/AllowDeveloperUnlock", 1)) },
  { name: "tenant lockdown turned off", concerns: ["tenant-lock"], failing: ALL_DEVICES, make: (e) => editProfile(e, RESTRICTIONS, setValue("TenantLockdown/RequireNetworkInOOBE", false)) },
  {
    name: "Settings pages: the accounts page shown",
    concerns: ["settings-pages"],
    failing: ALL_DEVICES,
    make: async (e) => editProfile(e, RESTRICTIONS, setValue("Settings/PageVisibilityList", `${await plainValue(e, RESTRICTIONS, "Settings/PageVisibilityList")};workplace`)),
  },
  {
    name: "kiosk XML edited: the browser added to the kiosk",
    concerns: ["kiosk", "restricted-apps", "chat-history"],
    failing: ALL_DEVICES,
    make: async (e) => {
      const xml = await plainValue(e, KIOSK, "AssignedAccess/Configuration");
      const edited = xml.replace(/(<AllowedApps>)/, `$1<App AppUserModelId="Microsoft.MicrosoftEdge.Stable_8wekyb3d8bbwe!MSEDGE" />`);
      expect(edited).not.toBe(xml);
      await editProfile(e, KIOSK, setValue("AssignedAccess/Configuration", edited));
    },
  },
  {
    name: "a second profile sets USB the other way for the same devices",
    concerns: ["usb", "mdm-targeting"],
    failing: ALL_DEVICES,
    make: async (e) => {
      const created = await e.t.graph("POST", "/v1.0/deviceManagement/deviceConfigurations", {
        "@odata.type": "#microsoft.graph.windows10CustomConfiguration",
        displayName: "USB for support",
        omaSettings: [{ "@odata.type": "#microsoft.graph.omaSettingInteger", displayName: "USB", omaUri: "./Vendor/MSFT/Policy/Config/Connectivity/AllowUSBConnection", value: 1 }],
      });
      expect(created.status).toBe(201);
      const assigned = await e.t.graph("POST", `/v1.0/deviceManagement/deviceConfigurations/${created.body.id}/assign`, { assignments: [{ target: { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId: e.idOf("group.devices") } }] });
      expect(assigned.status).toBe(200);
    },
  },
  {
    name: "the update ring's assignment deleted",
    concerns: ["os-updates", "mdm-targeting"],
    failing: ALL_DEVICES,
    make: async (e) => {
      const ring = e.idOf("updateRing.hololens");
      const assignments = await e.t.graph("GET", `/v1.0/deviceManagement/deviceConfigurations/${ring}/assignments`);
      for (const a of assignments.body.value as { id: string }[]) expect((await e.t.graph("DELETE", `/v1.0/deviceManagement/deviceConfigurations/${ring}/assignments/${a.id}`)).status).toBe(204);
    },
  },
  {
    name: "an extra E3 licence (mailbox) on one account",
    concerns: ["company-resources", "licensing"],
    failing: ["northwind-op02@contoso.onmicrosoft.com"],
    make: async (e) => {
      const skus = (await e.t.graph("GET", "/v1.0/subscribedSkus")).body.value as { skuId: string; skuPartNumber: string }[];
      const e3 = skus.find((s) => s.skuPartNumber === "ENTERPRISEPACK")!;
      const id = await userId(e, "northwind-op02@contoso.onmicrosoft.com");
      expect((await e.t.graph("POST", `/v1.0/users/${id}/assignLicense`, { addLicenses: [{ skuId: e3.skuId, disabledPlans: [] }], removeLicenses: [] })).status).toBe(200);
    },
  },
  {
    name: "one account removed from the client accounts group (its licences go)",
    concerns: ["licensing", "company-resources", "mdm-targeting", "client-isolation"],
    failing: ["tailspin-op01@contoso.onmicrosoft.com"],
    make: async (e) => {
      const id = await userId(e, "tailspin-op01@contoso.onmicrosoft.com");
      expect((await e.t.graph("DELETE", `/v1.0/groups/${e.idOf("group.clients")}/members/${id}/$ref`)).status).toBe(204);
      await e.waitForLicences((upn) => (upn === "tailspin-op01@contoso.onmicrosoft.com" ? 0 : e.bp.licensing.skus.length));
    },
  },
  {
    name: "the client domain's password expiry shortened to 30 days",
    concerns: ["passwords"],
    // Fabrikam's loan (90 days) outlasts 30 days; the others' too, each named.
    failing: ["fabrikam-shift-a@contoso.onmicrosoft.com", "fabrikam-shift-b@contoso.onmicrosoft.com"],
    make: async (e) => {
      expect((await e.t.graph("PATCH", "/v1.0/domains/contoso.onmicrosoft.com", { passwordValidityPeriodInDays: 30 })).status).toBe(204);
    },
  },
  {
    name: "the Enrollment Status Page deleted",
    concerns: ["autopilot"],
    failing: ALL_DEVICES,
    make: async (e) => {
      expect((await e.t.graph("DELETE", `/beta/deviceManagement/deviceEnrollmentConfigurations/${e.idOf("enrollmentStatusPage.hololens")}`)).status).toBe(204);
    },
  },
  {
    name: "Microsoft Entra join allowed to nobody",
    concerns: ["autopilot"],
    failing: [],
    make: async (e) => {
      // holofleet only reads this policy; an admin tool consented to change it does.
      const admin = await e.t.createApp(["Policy.ReadWrite.DeviceConfiguration"], { displayName: "tenant admin" });
      const res = await e.t.graph("PATCH", "/v1.0/policies/deviceRegistrationPolicy", { azureADJoin: { allowedToJoin: { "@odata.type": "#microsoft.graph.noDeviceRegistrationMembership" } } }, { authorization: `Bearer ${await e.t.tokenFor(admin.clientId)}` });
      expect([200, 204], JSON.stringify(res.body)).toContain(res.status);
    },
  },
  {
    name: "one device's Autopilot registration deleted",
    concerns: ["autopilot"],
    failing: ["HL2-000201"],
    make: async (e) => {
      const list = await e.t.graph("GET", `/v1.0/deviceManagement/windowsAutopilotDeviceIdentities?$filter=${encodeURIComponent("contains(serialNumber,'HL2-000201')")}`);
      expect((await e.t.graph("DELETE", `/v1.0/deviceManagement/windowsAutopilotDeviceIdentities/${list.body.value[0].id}`)).status).toBe(204);
    },
  },
  {
    name: "app store auto-update turned off",
    concerns: ["app-updates"],
    failing: ALL_DEVICES,
    make: (e) => editProfile(e, RESTRICTIONS, setValue("ApplicationManagement/AllowAppStoreAutoUpdate", 0)),
  },
  {
    name: "the app control profile's assignment removed",
    concerns: ["app-control", "restricted-apps", "chat-history", "mdm-targeting", "kiosk"],
    failing: ALL_DEVICES,
    make: async (e) => {
      const id = e.idOf("customConfiguration.app-control");
      expect((await e.t.graph("POST", `/v1.0/deviceManagement/deviceConfigurations/${id}/assign`, { assignments: [] })).status).toBe(200);
    },
  },
];

/** A device's name carries a random part (`CFS-4012 (HL2-000101)`); its serial is stable across tenants. */
const subjectName = (r: AuditFinding) => r.subject.name.replace(/^\S+ \((.+)\)$/, "$1");
const key = (r: AuditFinding) => `${r.ruleId} | ${r.subject.type} ${subjectName(r)}`;

/** E3 subscribed too, so one misconfiguration can give an account a licence outside the program. */
async function subscribeE3(t: TestTenant): Promise<void> {
  const res = await t.sim("POST", "/_sim/subscribedSkus", { skuPartNumber: "ENTERPRISEPACK", units: 25 });
  if (res.status !== 201 && res.status !== 200) throw new Error(`subscribing E3 failed: ${res.status}`);
}

let baseline: Map<string, AuditFinding>;
beforeAll(async () => {
  const e = await appliedExample(EXAMPLE, subscribeE3);
  try {
    baseline = new Map((await e.liveAudit()).results.map((r) => [key(r), r]));
  } finally {
    await e.close();
  }
}, 120_000);

it("the applied example audits with no fail (the baseline)", () => {
  expect([...baseline.values()].filter((r) => r.status === "fail")).toEqual([]);
  expect(misconfigurations.length).toBeGreaterThanOrEqual(15);
});

describe.each(misconfigurations)("$name", (m) => {
  let e: AppliedExample;
  let results: AuditFinding[];
  beforeAll(async () => {
    e = await appliedExample(EXAMPLE, subscribeE3);
    await m.make(e);
    await e.syncDevices();
    results = (await e.liveAudit()).results;
  }, 120_000);
  afterAll(async () => {
    await e?.close();
  });

  it("caught by its concern, naming what it affects; no other result changes", () => {
    const changed = results.filter((r) => baseline.get(key(r))?.status !== r.status);
    const gone = [...baseline.keys()].filter((k) => !results.some((r) => key(r) === k));
    const report = changed.map((r) => `${r.concern} ${key(r)}: ${baseline.get(key(r))?.status ?? "new"} → ${r.status}: ${r.message}`);
    expect(changed.filter((r) => r.status === "fail").length, report.join("\n")).toBeGreaterThan(0);
    expect(changed.filter((r) => !m.concerns.includes(r.concern)).map((r) => report[changed.indexOf(r)]), "results outside the concerns").toEqual([]);
    expect(gone.filter((k) => !m.concerns.some((c) => baseline.get(k)!.concern === c))).toEqual([]);
    const failingNames = new Set(changed.filter((r) => r.status === "fail").map(subjectName));
    for (const name of m.failing) expect(failingNames.has(name), `${name} fails\n${report.join("\n")}`).toBe(true);
  });
});

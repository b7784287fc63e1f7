import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadBlueprintFile } from "../blueprint/load.ts";
import type { Blueprint } from "../blueprint/types.ts";
import { hasErrors } from "../diag/diagnostic.ts";
import { defaultCatalog, type CompileCatalog } from "./catalog-port.ts";
import { ARTIFACT_FILES, checkProfileSettings, compile } from "./compile.ts";
import { validateKioskXml } from "./kiosk-xml/validate-kiosk-xml.ts";
import { sha256Hex } from "./manifest.ts";
import { checkOmaSetting } from "./oma-settings/check-oma-setting.ts";
import { omaInteger } from "./oma-settings/oma-setting.ts";
import { secureBlueprint, type DeepPartial } from "./testing/blueprint-fixture.ts";
import { graphSchemas, typeProblems, unknownKeys } from "./testing/graph-schema.ts";
import { seededRandom } from "./testing/seeded-random.ts";
import type { CompileResult, OmaSetting } from "./types.ts";

const EXAMPLES_DIR = fileURLToPath(new URL("../../examples/", import.meta.url));

function bytesByFile(result: CompileResult): Map<string, string> {
  return new Map(result.artifacts.map((a) => [a.file, typeof a.content === "string" ? a.content : Buffer.from(a.content).toString("hex")]));
}

/** The same value with every object's keys in reverse insertion order. */
function reverseKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reverseKeys) as T;
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reverseKeys(v)])) as T;
  }
  return value;
}

function omaSettingsOf(result: CompileResult): OmaSetting[] {
  return result.desired.filter((r) => r.kind === "customConfiguration").flatMap((r) => r.body.omaSettings as OmaSetting[]);
}

const VARIANTS: [string, DeepPartial<Blueprint>][] = [
  ["secure defaults", {}],
  ["information barriers, owners excluded from the kiosk", { isolation: { mode: "information-barriers" }, devices: { kiosk: { exclusions: ["device-owners"] } } }],
  ["Guides as the calling app, USB with provisioning packages", { devices: { usb: "off-allow-provisioning-packages", kiosk: { apps: ["dynamics-365-guides", "settings"], autoLaunch: "dynamics-365-guides", callingApp: "dynamics-365-guides" } } }],
  [
    "20H2 baseline without the 22H2 captive-portal policy and the 21H1 airplane-mode page",
    {
      devices: {
        osBaseline: { build: "19041.1128", requested: "20H2" },
        restrictions: { captivePortalBeforeLogon: null },
        settingsPages: { mode: "showonly", pages: ["network-wifi", "network-wifisettings", "network-status", "wifi-provisioning", "network-vpn"] },
      },
    },
  ],
  ["never-expire passwords, service tenant, E3 licence", { tenant: { model: "service-tenant" }, passwords: { policy: "never-expire" }, licensing: { skus: ["SPE_E3", "MICROSOFT_REMOTE_ASSIST"] } }],
];

describe("compile", () => {
  it.each(VARIANTS)("%s → no diagnostics, and the kiosk XML validates", async (_name, overrides) => {
    const result = compile(secureBlueprint(overrides));
    expect(result.diagnostics).toEqual([]);
    const kiosk = result.artifacts.find((a) => a.kind === "kiosk-xml");
    expect(kiosk).toBeDefined();
    expect(await validateKioskXml(kiosk!.content as string)).toEqual({ valid: true, errors: [] });
  });

  it("compiling twice gives identical bytes", () => {
    const bp = secureBlueprint({ isolation: { mode: "information-barriers" } });
    expect(bytesByFile(compile(bp))).toEqual(bytesByFile(compile(structuredClone(bp))));
  });

  it("the order of keys in the blueprint does not change a byte", () => {
    const bp = secureBlueprint({ passwords: { policy: "extended", maxAgeDays: 120 }, tenant: { model: "service-tenant" } });
    const reversed = reverseKeys(bp);
    expect(Object.keys(reversed)[0]).not.toBe(Object.keys(bp)[0]);
    expect(bytesByFile(compile(reversed))).toEqual(bytesByFile(compile(bp)));
  });

  it("every emitted OMA-URI setting passes checkOmaSetting at the baseline", () => {
    for (const [, overrides] of VARIANTS) {
      const bp = secureBlueprint(overrides);
      const settings = omaSettingsOf(compile(bp));
      expect(settings.length).toBeGreaterThanOrEqual(13);
      for (const s of settings) expect(checkOmaSetting(s, bp.devices.osBaseline.build, defaultCatalog), s.omaUri).toEqual([]);
    }
  });

  it("the default posture sets the guide's values (spot checks across families)", () => {
    const byUri = new Map(omaSettingsOf(compile(secureBlueprint())).map((s) => [s.omaUri, s.value]));
    expect(byUri.get("./Vendor/MSFT/TenantLockdown/RequireNetworkInOOBE")).toBe(true);
    expect(byUri.get("./Device/Vendor/MSFT/Policy/Config/ApplicationManagement/AllowDeveloperUnlock")).toBe(0);
    expect(byUri.get("./Device/Vendor/MSFT/Policy/Config/Connectivity/AllowUSBConnection")).toBe(0);
    expect(byUri.get("./Device/Vendor/MSFT/Policy/Config/ApplicationManagement/AllowAppStoreAutoUpdate")).toBe(1);
    expect(byUri.get("./Device/Vendor/MSFT/Policy/Config/Connectivity/AllowBluetooth")).toBe(2);
    expect(byUri.get("./Device/Vendor/MSFT/Policy/Config/Settings/PageVisibilityList")).toMatch(/^showonly:network-/);
    expect(byUri.get("./Device/Vendor/MSFT/AssignedAccess/Configuration")).toMatch(/<v3:GlobalProfile /);
    expect(byUri.get("./Vendor/MSFT/ApplicationControl/Policies/A244370E-44C9-4C06-B551-F6016E563076/Policy")).toMatch(/^[A-Za-z0-9+/]+=*$/);
  });

  it("a policy newer than the baseline fails the compile, located at its blueprint key (HF3006)", () => {
    const result = compile(secureBlueprint({ devices: { osBaseline: { build: "19041.1128", requested: "20H2" }, restrictions: { captivePortalBeforeLogon: true } } }));
    expect(hasErrors(result.diagnostics)).toBe(true);
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ code: "HF3006", path: ["devices", "restrictions", "captivePortalBeforeLogon"] }));
  });

  it("a value the DDF does not allow is caught (catalog where AllowBluetooth only takes 0 and 1)", () => {
    const uri = "./Device/Vendor/MSFT/Policy/Config/Connectivity/AllowBluetooth";
    const catalog: CompileCatalog = {
      ...defaultCatalog,
      findCspNode: (u) => {
        const node = defaultCatalog.findCspNode(u);
        return node && u === uri
          ? { ...node, allowedValues: { kind: "enum", values: [{ value: "0", description: "off" }, { value: "1", description: "on" }] } }
          : node;
      },
    };
    const result = compile(secureBlueprint(), catalog);
    expect(result.diagnostics).toEqual([expect.objectContaining({ severity: "error", code: "HF3003", path: ["devices", "restrictions", "allowBluetooth"] })]);
  });

  it("two settings for one OMA-URI in a profile → HF3008", () => {
    const s = omaInteger("x", "", "./Device/Vendor/MSFT/Policy/Config/Connectivity/AllowUSBConnection", 0);
    const diags = checkProfileSettings([{ address: "customConfiguration.x", settings: [{ setting: s, path: ["a"] }, { setting: { ...s, omaUri: s.omaUri.toUpperCase() }, path: ["b"] }] }], "22621.1266", defaultCatalog);
    expect(diags.map((d) => d.code)).toContain("HF3008");
    const scoped = checkProfileSettings(
      [{ address: "customConfiguration.x", settings: [{ setting: s, path: ["a"] }, { setting: { ...s, omaUri: s.omaUri.replace("./Device/", "./") }, path: ["b"] }] }],
      "22621.1266",
      defaultCatalog,
    );
    expect(scoped.map((d) => d.code)).toEqual(["HF3008"]);
  });

  it("every dependsOn, parent and $ref names a resource the compile emits", () => {
    const result = compile(secureBlueprint({ isolation: { mode: "information-barriers" } }));
    const known = new Set(result.desired.map((r) => r.address));
    const refs: string[] = [];
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === "object") {
        const ref = (v as Record<string, unknown>).$ref;
        if (typeof ref === "string") refs.push(ref);
        Object.values(v).forEach(walk);
      }
    };
    for (const r of result.desired) {
      refs.push(...r.dependsOn, ...(r.parent ? [r.parent] : []));
      walk(r.body);
    }
    expect(refs.filter((a) => !known.has(a))).toEqual([]);
    expect(new Set(result.desired.map((r) => r.address)).size).toBe(result.desired.length);
  });

  it("the manifest lists every other artifact with its SHA-256, sorted by file", () => {
    const result = compile(secureBlueprint());
    const manifestArtifact = result.artifacts.find((a) => a.kind === "manifest")!;
    const manifest = JSON.parse(manifestArtifact.content as string) as { artifacts: { file: string; sha256: string; omaUri?: string; dataType?: string }[] };
    const others = result.artifacts.filter((a) => a.kind !== "manifest");
    expect(manifest.artifacts.map((e) => e.file)).toEqual(others.map((a) => a.file).sort());
    for (const entry of manifest.artifacts) {
      const artifact = others.find((a) => a.file === entry.file)!;
      expect(entry.sha256).toBe(sha256Hex(artifact.content));
    }
    expect(manifest.artifacts.find((e) => e.file === ARTIFACT_FILES.kioskXml)).toMatchObject({
      omaUri: "./Device/Vendor/MSFT/AssignedAccess/Configuration",
      dataType: "omaSettingString",
    });
    expect(manifest.artifacts.find((e) => e.file.endsWith(".cip"))).toMatchObject({
      omaUri: "./Vendor/MSFT/ApplicationControl/Policies/A244370E-44C9-4C06-B551-F6016E563076/Policy",
      dataType: "omaSettingBase64",
    });
  });

  it("the .cip artifact is the binary the OMA setting carries", () => {
    const result = compile(secureBlueprint());
    const cip = result.artifacts.find((a) => a.kind === "app-control-binary")!;
    const setting = omaSettingsOf(result).find((s) => s.omaUri.includes("ApplicationControl"))!;
    expect(Buffer.from(setting.value as string, "base64").equals(Buffer.from(cip.content as Uint8Array))).toBe(true);
    expect(setting.fileName).toBe("A244370E-44C9-4C06-B551-F6016E563076.cip");
  });

  it("intune/oma-settings.json gives each setting its profile, Intune data type and blueprint key", () => {
    const artifact = compile(secureBlueprint()).artifacts.find((a) => a.file === ARTIFACT_FILES.omaSettings)!;
    const doc = JSON.parse(artifact.content as string) as { osBaseline: string; profiles: { profile: string; settings: (OmaSetting & { intuneDataType: string; blueprintKey: string })[] }[] };
    expect(doc.osBaseline).toBe("22621.1266");
    expect(doc.profiles.map((p) => p.profile)).toEqual(["customConfiguration.kiosk", "customConfiguration.device-restrictions", "customConfiguration.app-control"]);
    const all = doc.profiles.flatMap((p) => p.settings);
    expect(all.find((s) => s.omaUri.endsWith("AllowBluetooth"))).toMatchObject({ intuneDataType: "Integer", blueprintKey: "devices.restrictions.allowBluetooth", value: 2 });
    expect(all.find((s) => s.omaUri.endsWith("RequireNetworkInOOBE"))).toMatchObject({ intuneDataType: "Boolean", blueprintKey: "devices.tenantLockdown" });
    expect(all.find((s) => s.omaUri.endsWith("/Policy"))).toMatchObject({ intuneDataType: "Base64 (file)" });
    expect(all.find((s) => s.omaUri.endsWith("AssignedAccess/Configuration"))).toMatchObject({ intuneDataType: "String" });
  });

  it.skipIf(graphSchemas() === null)("every v1.0 entity body fits the CSDL: known properties, values of the declared types", () => {
    const { v1 } = graphSchemas()!;
    const entityType: Partial<Record<string, string>> = {
      group: "group",
      user: "user",
      customConfiguration: "windows10CustomConfiguration",
      updateRing: "windowsUpdateForBusinessConfiguration",
      domain: "domain",
    };
    const bps = [
      secureBlueprint({ passwords: { policy: "extended", maxAgeDays: 180 } }),
      secureBlueprint({ passwords: { policy: "never-expire" }, devices: { updateRing: { automaticUpdateMode: "autoInstallAndRebootAtScheduledTime", installDay: "friday" } } }),
    ];
    let checked = 0;
    for (const bp of bps) {
      for (const r of compile(bp).desired) {
        const type = entityType[r.kind];
        if (!type) continue;
        const { omaSettings, ...rest } = r.body as Record<string, unknown>;
        expect(unknownKeys(v1, type, rest), r.address).toEqual([]);
        expect(typeProblems(v1, type, rest), r.address).toEqual([]);
        for (const setting of (omaSettings as OmaSetting[] | undefined) ?? []) {
          const settingType = setting["@odata.type"].replace("#microsoft.graph.", "");
          expect(unknownKeys(v1, settingType, setting as unknown as Record<string, unknown>), setting.omaUri).toEqual([]);
          expect(typeProblems(v1, settingType, setting as unknown as Record<string, unknown>), setting.omaUri).toEqual([]);
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10);
    // The checker itself catches a wrong enum member and a wrong primitive.
    expect(typeProblems(v1, "windowsUpdateForBusinessConfiguration", { userPauseAccess: "off", qualityUpdatesDeferralPeriodInDays: "7" })).toHaveLength(2);
  });

  it("each isolation mode emits its own artifact: the baseline note, the scoped-search script or the information-barrier script", () => {
    const files = (mode: "baseline" | "information-barriers" | "scoped-directory-search") =>
      compile(secureBlueprint({ isolation: { mode } })).artifacts.map((a) => a.file).filter((f) => f.startsWith("isolation/"));
    expect(files("baseline")).toEqual([ARTIFACT_FILES.isolationBaseline]);
    expect(files("scoped-directory-search")).toEqual([ARTIFACT_FILES.scopedDirectorySearch]);
    expect(files("information-barriers")).toEqual([ARTIFACT_FILES.informationBarriers]);
    expect(ARTIFACT_FILES.scopedDirectorySearch).toBe("isolation/scoped-directory-search.ps1");
  });

  it("the scoped-search script is a PowerShell artifact; the experts group is then a private Microsoft 365 group", () => {
    const result = compile(secureBlueprint({ isolation: { mode: "scoped-directory-search" } }));
    expect(result.artifacts.find((a) => a.file === ARTIFACT_FILES.scopedDirectorySearch)?.kind).toBe("powershell");
    expect(result.desired.find((r) => r.address === "group.experts")!.body).toMatchObject({ groupTypes: ["Unified"], visibility: "Private" });
    const baseline = compile(secureBlueprint());
    expect(baseline.desired.find((r) => r.address === "group.experts")!.body).toMatchObject({ groupTypes: [], securityEnabled: true });
  });

  it("features switched off leave no profile, assignment or artifact behind", () => {
    const result = compile(
      secureBlueprint({ devices: { kiosk: { enabled: false }, appControl: { enabled: false }, updateRing: { enabled: false }, autopilot: { enabled: false }, enrollmentStatusPage: { enabled: false } } }),
    );
    const addresses = result.desired.map((r) => r.address);
    for (const gone of ["customConfiguration.kiosk", "customConfiguration.app-control", "updateRing.hololens", "autopilotProfile.hololens", "enrollmentStatusPage.hololens"]) {
      expect(addresses).not.toContain(gone);
    }
    // The remaining profile still goes to the (now assigned, not dynamic) device group.
    expect(addresses.filter((a) => a.startsWith("configurationAssignment."))).toEqual(["configurationAssignment.customConfiguration.device-restrictions"]);
    expect(result.artifacts.map((a) => a.kind)).not.toContain("kiosk-xml");
    expect(result.artifacts.map((a) => a.kind)).not.toContain("app-control-binary");
  });

  it("the Enrollment Status Page is compiled and assigned to the device group (hololens2-autopilot.md step 7), also without Autopilot", () => {
    for (const bp of [secureBlueprint(), secureBlueprint({ devices: { autopilot: { enabled: false } } })]) {
      const result = compile(bp);
      const page = result.desired.find((r) => r.address === "enrollmentStatusPage.hololens")!;
      expect(page).toMatchObject({ kind: "enrollmentStatusPage", api: "beta" });
      const assignment = result.desired.find((r) => r.address === "configurationAssignment.enrollmentStatusPage.hololens")!;
      expect(assignment).toMatchObject({ parent: "enrollmentStatusPage.hololens", dependsOn: ["enrollmentStatusPage.hololens", "group.devices"] });
      expect(result.desired.some((r) => r.address === "group.devices")).toBe(true);
    }
  });

  it("the tenant preconditions come with the result and in desired.json, never among the resources written", () => {
    const result = compile(secureBlueprint());
    expect(result.preconditions.map((p) => p.address)).toEqual(["precondition.entra-join", "precondition.mdm-user-scope", "precondition.windows-enrollment"]);
    expect(result.desired.some((r) => r.address.startsWith("precondition."))).toBe(false);
    const desired = JSON.parse(result.artifacts.find((a) => a.file === ARTIFACT_FILES.desired)!.content as string);
    expect(desired.preconditions).toEqual(JSON.parse(JSON.stringify(result.preconditions)));
  });

  it("a service tenant with guests invites each expert and adds them to the experts group; with federation it writes a Teams script per tenant", () => {
    const experts = { addresses: ["ana@woodgrove.com"] };
    const guests = compile(secureBlueprint({ tenant: { model: "service-tenant" }, experts: { ...experts, access: "guests" } }));
    expect(guests.desired.filter((r) => r.kind === "guestInvitation" || r.kind === "groupMember").map((r) => r.address)).toEqual([
      "groupMember.experts.ana@woodgrove.com",
      "guestInvitation.ana@woodgrove.com",
    ]);
    expect(guests.artifacts.filter((a) => a.file.startsWith("experts/"))).toEqual([]);
    const federation = compile(secureBlueprint({ tenant: { model: "service-tenant" }, experts: { ...experts, access: "federation" } }));
    expect(federation.desired.some((r) => r.kind === "guestInvitation")).toBe(false);
    expect(federation.artifacts.filter((a) => a.file.startsWith("experts/")).map((a) => [a.kind, a.file])).toEqual([
      ["powershell", "experts/teams-external-access-organisation.ps1"],
      ["powershell", "experts/teams-external-access-service-tenant.ps1"],
    ]);
    const manifest = JSON.parse(federation.artifacts.find((a) => a.kind === "manifest")!.content as string);
    expect(JSON.stringify(manifest)).toContain("experts/teams-external-access-service-tenant.ps1");
  });

  it("no artifact contains a password value", () => {
    for (const a of compile(secureBlueprint()).artifacts) {
      if (typeof a.content !== "string") continue;
      expect(a.content).not.toMatch(/"password"\s*:\s*"/);
    }
  });

  it("graph body artifacts are the desired resources", () => {
    const result = compile(secureBlueprint());
    for (const r of result.desired) {
      const artifact = result.artifacts.find((a) => a.file === ARTIFACT_FILES.graphBody(r.address))!;
      expect(JSON.parse(artifact.content as string)).toEqual(JSON.parse(JSON.stringify(r)));
    }
  });
});

describe("the bundled examples", () => {
  const examples = readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith(".holofleet.yaml"));

  it("there are examples to compile", () => {
    expect(examples.length).toBeGreaterThanOrEqual(3);
  });

  it.each(examples)("%s compiles without errors and its kiosk XML validates", async (file) => {
    const loaded = await loadBlueprintFile(`${EXAMPLES_DIR}${file}`);
    expect(loaded.blueprint, JSON.stringify(loaded.diagnostics)).not.toBeNull();
    const result = compile(loaded.blueprint!);
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    for (const a of result.artifacts.filter((x) => x.kind === "kiosk-xml")) {
      expect(await validateKioskXml(a.content as string)).toEqual({ valid: true, errors: [] });
    }
  });
});

describe("compile over random blueprints (seeded)", () => {
  function randomBlueprint(next: () => number): Blueprint {
    const pick = <T,>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
    const bool = () => next() < 0.5;
    const kioskApps = ["remote-assist", "settings", "feedback-hub", "camera", "photos", "device-picker", "tips", "file-explorer"].filter(() => next() < 0.6);
    const apps = kioskApps.length ? kioskApps : ["remote-assist"];
    const clientCount = 1 + Math.floor(next() * 4);
    const clients = Array.from({ length: clientCount }, (_, i) => ({
      id: `client-${i}`,
      displayName: `Client ${i} & Sons`,
      usageLocation: pick(["US", "DE", "FR"]),
      loanDays: pick([null, 30, 60]),
      accounts: Array.from({ length: 1 + Math.floor(next() * 3) }, (_, j) => ({
        userPrincipalName: `c${i}-op${j}@contoso.onmicrosoft.com`,
        displayName: `Client ${i} operator ${j}`,
        devices: [`SN-${i}-${j}`],
      })),
    }));
    return secureBlueprint({
      tenant: { model: pick(["same-tenant", "service-tenant"] as const), namingPrefix: pick(["HF", "HL2", "Contoso"]) },
      licensing: { skus: pick([["MICROSOFT_REMOTE_ASSIST", "INTUNE_A", "AAD_PREMIUM"], ["SPE_E3", "MICROSOFT_REMOTE_ASSIST"], ["EMS", "MICROSOFT_REMOTE_ASSIST_HOLOLENS"]]) },
      devices: {
        tenantLockdown: bool(),
        developerMode: bool(),
        usb: pick(["off", "off-allow-provisioning-packages", "on"] as const),
        storeAutoUpdate: bool(),
        kiosk: { enabled: next() < 0.9, apps, autoLaunch: bool() ? apps[0]! : null, exclusions: bool() ? ["device-owners"] : [], showTaskbar: bool() },
        appControl: { enabled: next() < 0.9, blockApps: ["store", "mail", "onedrive", "cortana", "3d-viewer"].filter(() => bool()), blockBrowser: next() < 0.8 },
        settingsPages: { mode: pick(["showonly", "hide"] as const), pages: ["network-wifi", "network-vpn", "network-status", "bluetooth"].filter(() => bool()) },
        updateRing: {
          enabled: bool(),
          automaticUpdateMode: pick(["autoInstallAtMaintenanceTime", "autoInstallAndRebootAtScheduledTime", "notifyDownload"] as const),
          installDay: pick(["everyday", "sunday", "saturday"] as const),
          qualityDeferralDays: Math.floor(next() * 31),
          featureDeferralDays: Math.floor(next() * 366),
          allowPause: bool(),
        },
        restrictions: {
          allowBluetooth: bool(),
          allowVpn: bool(),
          allowDateTimeChange: bool(),
          requirePrivateStoreOnly: pick([null, true, false]),
          captivePortalBeforeLogon: pick([null, true, false]),
        },
        autopilot: { enabled: next() < 0.9, deviceNameTemplate: pick([null, "HL-%RAND:4%", "%SERIAL%"]) },
      },
      isolation: { mode: pick(["baseline", "information-barriers", "scoped-directory-search"] as const) },
      passwords: { policy: pick(["never-expire", "extended", "rotate-on-return", "reset-before-ship"] as const), maxAgeDays: pick([90, 180]) },
      clients,
    });
  }

  it("40 random blueprints: no errors, identical bytes on recompile and key reversal, every OMA setting passes", async () => {
    const next = seededRandom(20240627);
    for (let i = 0; i < 40; i++) {
      const bp = randomBlueprint(next);
      const first = compile(bp);
      expect(first.diagnostics.filter((d) => d.severity === "error"), `blueprint #${i}`).toEqual([]);
      expect(bytesByFile(compile(reverseKeys(bp))), `blueprint #${i}`).toEqual(bytesByFile(first));
      for (const s of omaSettingsOf(first)) expect(checkOmaSetting(s, bp.devices.osBaseline.build, defaultCatalog), s.omaUri).toEqual([]);
      const kiosk = first.artifacts.find((a) => a.kind === "kiosk-xml");
      if (kiosk && i % 4 === 0) expect(await validateKioskXml(kiosk.content as string), `blueprint #${i}`).toEqual({ valid: true, errors: [] });
    }
  });
});

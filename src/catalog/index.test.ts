import { describe, expect, it } from "vitest";
import {
  apps,
  buildOfRelease,
  companyResourcePlans,
  cspNodes,
  findApp,
  findCspNode,
  findFeatureMinimum,
  findLicenceNeed,
  findServicePlan,
  findSettingsPage,
  findSku,
  informationBarrierCapableSkus,
  latestKnownBuild,
  licenceNeeds,
  mailboxPlans,
  osReleases,
  settingsPages,
} from "./index.ts";

describe("CSP nodes", () => {
  it("AllowUSBConnection is an int with values 0 and 1, default 1", () => {
    const node = findCspNode("./Device/Vendor/MSFT/Policy/Config/Connectivity/AllowUSBConnection");
    expect(node?.format).toBe("int");
    expect(node?.allowedValues).toEqual({
      kind: "enum",
      values: [
        { value: "0", description: expect.any(String) },
        { value: "1", description: expect.any(String) },
      ],
    });
    expect(node?.defaultValue).toBe("1");
    expect(node?.access).toEqual(["Add", "Delete", "Get", "Replace"]);
    expect(node?.hololens2).toEqual({ supported: true, minBuild: null });
    expect(node?.source.file).toBe("ddf/policy/Connectivity_AreaDDF.xml");
    expect(node?.source.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("PageVisibilityList is chr from 20H2 (19041.1128), in device and user scope", () => {
    const device = findCspNode("./Device/Vendor/MSFT/Policy/Config/Settings/PageVisibilityList");
    const user = findCspNode("./User/Vendor/MSFT/Policy/Config/Settings/PageVisibilityList");
    expect(device?.format).toBe("chr");
    expect(device?.hololens2.minBuild).toBe("19041.1128");
    expect(device?.scopes).toEqual(["device"]);
    expect(user?.scopes).toEqual(["user"]);
    expect(user?.path).toBe("./User/Vendor/MSFT/Policy/Config/Settings/PageVisibilityList");
    expect(user).not.toBe(device);
  });

  it("./Vendor/... and ./Device/Vendor/... resolve to the same device-scope node", () => {
    const short = findCspNode("./Vendor/MSFT/Policy/Config/Connectivity/AllowUSBConnection");
    expect(short).toBeDefined();
    expect(short).toBe(findCspNode("./Device/Vendor/MSFT/Policy/Config/Connectivity/AllowUSBConnection"));
    // AssignedAccess is rooted at ./Vendor in its DDF; the ./Device form used by the kiosk docs must resolve too.
    expect(findCspNode("./Device/Vendor/MSFT/AssignedAccess/Configuration")?.path).toBe("./Vendor/MSFT/AssignedAccess/Configuration");
  });

  it("a device-only policy has no user-scope node", () => {
    expect(findCspNode("./User/Vendor/MSFT/Policy/Config/Connectivity/AllowUSBConnection")).toBeUndefined();
  });

  it("RequireNetworkInOOBE is bool, default false, HoloLens 2 from 20H2", () => {
    const node = findCspNode("./Vendor/MSFT/TenantLockdown/RequireNetworkInOOBE");
    expect(node?.format).toBe("bool");
    expect(node?.defaultValue).toBe("false");
    expect(node?.access).toEqual(["Get", "Replace"]);
    expect(node?.hololens2.minBuild).toBe("19041.1128");
  });

  it("the ApplicationControl {PolicyGUID} segment matches a concrete GUID", () => {
    const node = findCspNode("./Vendor/MSFT/ApplicationControl/Policies/A244370E-44C9-4C06-B551-F6016E563076/Policy");
    expect(node?.path).toBe("./Vendor/MSFT/ApplicationControl/Policies/{PolicyGUID}/Policy");
    expect(node?.format).toBe("b64");
    // The old doc's URI without /Policy is an interior node, not a settable leaf.
    expect(findCspNode("./Vendor/MSFT/ApplicationControl/Policies/A244370E-44C9-4C06-B551-F6016E563076")).toBeUndefined();
  });

  it("rejects unknown and malformed URIs", () => {
    expect(findCspNode("./Device/Vendor/MSFT/Policy/Config/Connectivity/AllowUsbConnection")).toBeUndefined();
    expect(findCspNode("Vendor/MSFT/Policy/Config/Connectivity/AllowUSBConnection")).toBeUndefined();
    expect(findCspNode("./Device/Vendor/MSFT/Policy/Config/Connectivity/AllowUSBConnection/")).toBeUndefined();
    // Start is a Policy area HoloLens 2 does not list.
    expect(findCspNode("./Device/Vendor/MSFT/Policy/Config/Start/HideShutDown")).toBeUndefined();
  });

  it("has every HoloLens 2 policy of the supported list, and paths are unique", () => {
    const paths = cspNodes.map((n) => n.path);
    expect(new Set(paths).size).toBe(paths.length);
    const devicePolicies = cspNodes.filter((n) => n.path.startsWith("./Device/Vendor/MSFT/Policy/Config/"));
    // 119 unique entries on the page, one of which (RemoteLock/Lock) is not a Policy CSP node (ddf/README.md).
    expect(devicePolicies).toHaveLength(118);
  });
});

describe("apps", () => {
  it("Remote Assist may never be denied", () => {
    const ra = findApp("remote-assist");
    expect(ra?.aumid).toBe("Microsoft.MicrosoftRemoteAssist_8wekyb3d8bbwe!Microsoft.RemoteAssist");
    expect(ra?.packageFamilyName).toBe("Microsoft.MicrosoftRemoteAssist_8wekyb3d8bbwe");
    expect(ra?.denyAllowed).toBe(false);
    expect(apps.filter((a) => !a.denyAllowed).map((a) => a.id)).toEqual(["remote-assist"]);
  });

  it("new Edge is a browser with the msedge.exe file rule and a PFN derived from its AUMID", () => {
    const edge = findApp("edge");
    expect(edge).toMatchObject({ browser: true, fileName: "msedge.exe", packageFamilyName: "Microsoft.MicrosoftEdge.Stable_8wekyb3d8bbwe", packageFamilyNameFrom: "aumid" });
    expect(findApp("edge-legacy")?.browser).toBe(true);
    expect(apps.filter((a) => a.browser).map((a) => a.id)).toEqual(["edge", "edge-legacy"]);
  });

  it("settings is the new Settings app, settings-legacy the old one with the WDAC-listed PFN", () => {
    expect(findApp("settings")?.aumid).toBe("BAEAEF15-9BAB-47FC-800B-ACECAD2AE94B_cw5n1h2txyewy!App");
    expect(findApp("settings-legacy")).toMatchObject({ packageFamilyName: "HolographicSystemSettings_cw5n1h2txyewy", packageFamilyNameFrom: "wdac-table" });
  });

  it("App Installer has a PFN only and cannot be a kiosk app", () => {
    expect(findApp("app-installer")).toMatchObject({ aumid: null, packageFamilyName: "Microsoft.DesktopAppInstaller_8wekyb3d8bbwe", kioskAllowed: false });
  });

  it("has every friendly id the blueprint uses", () => {
    const ids = ["remote-assist", "dynamics-365-guides", "settings", "settings-legacy", "feedback-hub", "edge", "edge-legacy", "store", "camera", "photos", "file-explorer", "mail", "calendar", "onedrive", "cortana", "device-picker", "mesh", "3d-viewer", "movies-tv", "tips", "app-installer"];
    expect(apps.map((a) => a.id).sort()).toEqual([...ids].sort());
  });
});

describe("settings pages", () => {
  it("network pages are the Network & Internet group", () => {
    expect(settingsPages.filter((p) => p.network).map((p) => p.id)).toEqual(["network-airplanemode", "network-proxy", "network-status", "network-vpn", "network-wifi", "network-wifisettings", "wifi-provisioning"]);
  });

  it("network-proxy is deprecated from 21H1; airplane mode needs 21H1", () => {
    expect(findSettingsPage("network-proxy")?.deprecatedFromBuild).toBe("20346.1002");
    expect(findSettingsPage("network-airplanemode")?.minBuild).toBe("20346.1002");
    expect(findSettingsPage("network-wifi")?.minBuild).toBeNull();
  });

  it("appupdate is an Apps page from 23H1", () => {
    expect(findSettingsPage("appupdate")).toMatchObject({ group: "Apps", network: false, minBuild: "22621.1113" });
  });
});

describe("OS releases", () => {
  it("knows the feature releases and March 2024 as the latest", () => {
    expect(buildOfRelease("20H2")).toBe("19041.1128");
    expect(buildOfRelease("21H1")).toBe("20346.1002");
    expect(buildOfRelease("23H2")).toBe("22621.1244");
    expect(buildOfRelease("23H2 – March 2024")).toBe("22621.1266");
    expect(buildOfRelease("23H2 - March 2024")).toBe("22621.1266");
    expect(buildOfRelease("Windows Holographic, version 2004")).toBe("19041.1103");
    expect(buildOfRelease("24H1")).toBeUndefined();
    expect(latestKnownBuild()).toBe("22621.1266");
    expect(osReleases.filter((r) => r.kind === "feature").map((r) => r.name)).toEqual(["1903", "2004", "20H2", "21H1", "21H2", "22H1", "22H2", "23H1", "23H2"]);
  });
});

describe("licensing", () => {
  it("both Remote Assist SKUs carry TEAMS1", () => {
    for (const part of ["MICROSOFT_REMOTE_ASSIST", "MICROSOFT_REMOTE_ASSIST_HOLOLENS"]) {
      const sku = findSku(part);
      expect(sku?.servicePlans.map((p) => p.name).sort()).toEqual(["CDS_REMOTE_ASSIST", "MICROSOFT_REMOTE_ASSIST", "TEAMS1"]);
    }
    expect(findSku("MICROSOFT_REMOTE_ASSIST")?.skuId).toBe("7a551360-26c4-4f61-84e6-ef715673e083");
    expect(findServicePlan("TEAMS1")?.id).toBe("57ff2da0-773e-42df-b2af-ffb7a2317929");
  });

  it("has the SKUs a HoloLens program names", () => {
    for (const part of ["INTUNE_A", "AAD_PREMIUM", "AAD_PREMIUM_P2", "EMS", "EMSPREMIUM", "SPE_E3", "SPE_E5", "ENTERPRISEPACK", "ENTERPRISEPREMIUM"]) {
      expect(findSku(part), part).toBeDefined();
    }
    expect(findSku("AAD_PREMIUM")?.skuId).toBe("078d2b04-f1bd-4111-bbd4-b4b1b354cef4");
  });

  it("company-resource plans exclude TEAMS1 and include Exchange, SharePoint and OneDrive", () => {
    expect(companyResourcePlans).not.toContain("TEAMS1");
    for (const plan of ["EXCHANGE_S_ENTERPRISE", "SHAREPOINTENTERPRISE", "SHAREPOINTWAC", "YAMMER_ENTERPRISE", "OFFICESUBSCRIPTION", "ONEDRIVESTANDARD"]) {
      expect(companyResourcePlans).toContain(plan);
    }
  });

  it("information-barrier SKUs include the E5 suites and the compliance add-on", () => {
    for (const part of ["SPE_E5", "ENTERPRISEPREMIUM", "INFORMATION_PROTECTION_COMPLIANCE"]) expect(informationBarrierCapableSkus).toContain(part);
    expect(informationBarrierCapableSkus).not.toContain("SPE_E3");
    expect(informationBarrierCapableSkus).not.toContain("MICROSOFT_REMOTE_ASSIST");
  });
});

describe("feature minimums", () => {
  it.each([
    ["global-assigned-access", "19041.1128"],
    ["kiosk-exclusions", "19041.1128"],
    ["page-visibility-list", "19041.1128"],
    ["tenant-lockdown", "19041.1128"],
    ["provisioning-package-policies", "19041.1128"],
    ["autopilot", "19041.1103"],
    ["autopilot-wifi", "19041.1128"],
    ["require-private-store-only", "20348.1432"],
    ["captive-portal-before-logon", "20348.1528"],
    ["appupdate-page", "22621.1113"],
    ["wufb", "18362.1042"],
    ["active-hours", "19041.1128"],
    ["pause-ux", "19041.1128"],
  ])("%s needs %s", (id, build) => {
    expect(findFeatureMinimum(id)?.minBuild).toBe(build);
  });
});

describe("HoloLens minimums that the docs disagree on", () => {
  it("keeps the later build when the release notes introduce a policy after the supported-policies page says", () => {
    // Supported-policies page: footnote 10 (21H1); release notes: "new MDM policy" in 22H1.
    expect(findCspNode("./Device/Vendor/MSFT/Policy/Config/MixedReality/AllowLaunchUriInSingleAppKiosk")?.hololens2.minBuild).toBe("20348.1501");
    // hololens-updates.md: SetDisablePauseUXAccess from 20H2 although the page gives no footnote.
    expect(findCspNode("./Device/Vendor/MSFT/Policy/Config/Update/SetDisablePauseUXAccess")?.hololens2.minBuild).toBe("19041.1128");
    // A February 2022 servicing release, linked from the page.
    expect(findCspNode("./Device/Vendor/MSFT/Policy/Config/MixedReality/ConfigureMovingPlatform")?.hololens2.minBuild).toBe("20348.1447");
  });

  it("marks the Insider-only policy unsupported and RemoteLock nodes other than Lock unsupported", () => {
    expect(findCspNode("./Device/Vendor/MSFT/Policy/Config/Privacy/DisablePrivacyExperience")?.hololens2.supported).toBe(false);
    expect(findCspNode("./Vendor/MSFT/RemoteLock/Lock")?.hololens2).toEqual({ supported: true, minBuild: "19041.1128" });
    expect(findCspNode("./Vendor/MSFT/RemoteLock/LockAndResetPIN")?.hololens2.supported).toBe(false);
  });

  it("reads ADMX-backed and delimited-list policies", () => {
    expect(findCspNode("./Device/Vendor/MSFT/Policy/Config/Power/DisplayOffTimeoutOnBattery")?.allowedValues).toEqual({ kind: "admx", area: "Power~AT~System~PowerManagementCat~PowerVideoSettingsCat", name: "VideoPowerDownTimeOutDC_2", file: "power.admx" });
    expect(findCspNode("./Device/Vendor/MSFT/Policy/Config/Privacy/LetAppsAccessCamera_ForceDenyTheseApps")?.allowedValues).toEqual({ kind: "none", listDelimiter: ";" });
    expect(findCspNode("./Device/Vendor/MSFT/Policy/Config/Update/ActiveHoursMaxRange")).toMatchObject({ allowedValues: { kind: "range", min: 8, max: 18 }, defaultValue: "18", hololens2: { minBuild: "19041.1128" } });
    expect(findCspNode("./Device/Vendor/MSFT/Policy/Config/ApplicationManagement/AllowDeveloperUnlock")?.allowedValues).toMatchObject({ kind: "enum", values: [{ value: "0" }, { value: "1" }, { value: "65535" }] });
  });

  it("has the Reboot schedule nodes from 23H1 and the AssignedAccess configuration from 20H2", () => {
    expect(findCspNode("./Device/Vendor/MSFT/Reboot/Schedule/WeeklyRecurrent")).toMatchObject({ format: "chr", hololens2: { supported: true, minBuild: "22621.1113" } });
    expect(findCspNode("./Vendor/MSFT/AssignedAccess/Configuration")).toMatchObject({ format: "chr", hololens2: { supported: true, minBuild: "19041.1128" } });
    expect(findCspNode("./Vendor/MSFT/AssignedAccess/KioskModeApp")?.deprecated).toBe(true);
  });
});

describe("licence needs (the allow-list of service plans)", () => {
  it("the guide's three licences, Guides, Teams for calls and information barriers", () => {
    expect(licenceNeeds.map((n) => [n.id, n.skuPartNumber, n.corePlan])).toEqual([
      ["entra-id", "AAD_PREMIUM", "AAD_PREMIUM"],
      ["intune", "INTUNE_A", "INTUNE_A"],
      ["remote-assist", "MICROSOFT_REMOTE_ASSIST", "MICROSOFT_REMOTE_ASSIST"],
      ["guides", "GUIDES_USER", "GUIDES"],
      ["calling", null, "TEAMS1"],
      ["information-barriers", null, "INFORMATION_BARRIERS"],
    ]);
    expect(findLicenceNeed("remote-assist")?.plans).toEqual(["CDS_REMOTE_ASSIST", "MICROSOFT_REMOTE_ASSIST", "TEAMS1"]);
    expect(findLicenceNeed("guides")?.plans).toEqual(["DYN365_CDS_GUIDES", "GUIDES", "POWERAPPS_GUIDES"]);
  });

  it("a licence need keeps exactly the plans of its SKU, every one a real plan", () => {
    for (const need of licenceNeeds) {
      for (const plan of need.plans) expect(findServicePlan(plan), `${need.id} ${plan}`).toBeDefined();
      if (need.skuPartNumber) expect(need.plans).toEqual(findSku(need.skuPartNumber)!.servicePlans.map((p) => p.name));
      expect(need.basis.length).toBeGreaterThan(30);
      expect(need.sources.length).toBeGreaterThan(0);
    }
  });

  it("no company-resource plan, and no Exchange Online mailbox plan, is on the allow-list", () => {
    const allowed = new Set(licenceNeeds.flatMap((n) => n.plans));
    expect(companyResourcePlans.filter((p) => allowed.has(p))).toEqual([]);
    // A mailbox stays a deliberate choice (licensing.enabledServicePlans): scoped directory search relies on it (HF2050).
    expect(mailboxPlans.filter((p) => allowed.has(p))).toEqual([]);
  });
});

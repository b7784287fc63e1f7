import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { referenceDir } from "../conformance/csdl.ts";
import { HOLOLENS2_OTHER_CSP_NODES, HOLOLENS2_POLICY_CSP, holographicBuildAtLeast, holoLensOmaUriSupport, parseHolographicBuild } from "./hololens-policies.ts";

const docs = join(referenceDir(), "docs");
const page = join(docs, "policies-in-policy-csp-supported-by-hololens2.md");

describe("holoLensOmaUriSupport", () => {
  it("accepts listed policies in device, user and unscoped form", () => {
    for (const uri of [
      "./Device/Vendor/MSFT/Policy/Config/ApplicationManagement/AllowDeveloperUnlock",
      "./Vendor/MSFT/Policy/Config/ApplicationManagement/AllowDeveloperUnlock",
      "./User/Vendor/MSFT/Policy/Config/Experience/AllowCortana",
    ]) {
      expect(holoLensOmaUriSupport(uri, "10.0.20348.1528")).toEqual({ supported: true });
    }
  });

  it("rejects a Policy CSP node HoloLens 2 does not have", () => {
    const result = holoLensOmaUriSupport("./Device/Vendor/MSFT/Policy/Config/Defender/AllowRealtimeMonitoring", "10.0.22621.1266");
    expect(result).toEqual({ supported: false, reason: "Policy CSP Defender/AllowRealtimeMonitoring is not supported by HoloLens 2", syncMlStatus: 404 });
  });

  it("rejects a policy that is newer than the device build (22H2 policy on 21H2)", () => {
    const uri = "./Device/Vendor/MSFT/Policy/Config/MixedReality/SkipCalibrationDuringSetup";
    expect(holoLensOmaUriSupport(uri, "10.0.20348.1432").supported).toBe(false);
    expect(holoLensOmaUriSupport(uri, "10.0.20348.1528").supported).toBe(true);
    expect(holoLensOmaUriSupport(uri, "10.0.22621.1266").supported).toBe(true);
  });

  it("Update/SetDisablePauseUXAccess needs 20H2, as hololens-updates.md says (the policy page gives no build)", () => {
    const uri = "./Device/Vendor/MSFT/Policy/Config/Update/SetDisablePauseUXAccess";
    expect(holoLensOmaUriSupport(uri, "10.0.19041.1103").supported).toBe(false);
    expect(holoLensOmaUriSupport(uri, "10.0.19041.1128").supported).toBe(true);
  });

  it("never supports Insider-only policies on released builds", () => {
    expect(holoLensOmaUriSupport("./Vendor/MSFT/Policy/Config/Privacy/DisablePrivacyExperience", "10.0.22621.1266").supported).toBe(false);
  });

  it("accepts other CSP nodes and rejects malformed URIs", () => {
    expect(holoLensOmaUriSupport("./Vendor/MSFT/AssignedAccess/Configuration", "10.0.22621.1266").supported).toBe(true);
    expect(holoLensOmaUriSupport("./Vendor/MSFT/AssignedAccess/Configuration", "10.0.19041.1103").supported).toBe(true);
    expect(holoLensOmaUriSupport("./Vendor/MSFT/TenantLockdown/RequireNetworkInOOBE", "10.0.22621.1266").supported).toBe(true);
    expect(holoLensOmaUriSupport("Vendor/MSFT/Policy/Config/Wifi/AllowWiFi", "10.0.22621.1266").supported).toBe(false);
  });

  it("TenantLockdown needs 20H2 (hololens2-autopilot.md, hololens-release-notes-2004.md) and has one node, device scope", () => {
    for (const uri of ["./Vendor/MSFT/TenantLockdown/RequireNetworkInOOBE", "./Device/Vendor/MSFT/TenantLockdown/RequireNetworkInOOBE"]) {
      expect(holoLensOmaUriSupport(uri, "10.0.19041.1103")).toEqual({
        supported: false,
        reason: "TenantLockdown/RequireNetworkInOOBE needs build 19041.1128 or later; the device runs 10.0.19041.1103",
        syncMlStatus: 404,
      });
      expect(holoLensOmaUriSupport(uri, "10.0.19041.1128").supported).toBe(true);
    }
    expect(holoLensOmaUriSupport("./Vendor/MSFT/TenantLockdown/Other", "10.0.22621.1266").supported).toBe(false);
    expect(holoLensOmaUriSupport("./User/Vendor/MSFT/TenantLockdown/RequireNetworkInOOBE", "10.0.22621.1266").supported).toBe(false);
  });

  it("RemoteLock: only Lock, from 20H2, and as an Exec node a profile cannot set it (405)", () => {
    expect(holoLensOmaUriSupport("./Vendor/MSFT/RemoteLock/Lock", "10.0.19041.1103")).toMatchObject({ supported: false, syncMlStatus: 404 });
    expect(holoLensOmaUriSupport("./Vendor/MSFT/RemoteLock/Lock", "10.0.22621.1266")).toMatchObject({ supported: false, syncMlStatus: 405 });
    expect(holoLensOmaUriSupport("./Vendor/MSFT/RemoteLock/LockAndResetPIN", "10.0.22621.1266")).toMatchObject({ supported: false, syncMlStatus: 404 });
    // RemoteLock is its own CSP, not an area of the Policy CSP.
    expect(holoLensOmaUriSupport("./Vendor/MSFT/Policy/Config/RemoteLock/Lock", "10.0.22621.1266")).toMatchObject({ supported: false, syncMlStatus: 404 });
  });

  it("page visibility and provisioning-package policies need 20H2", () => {
    for (const policy of ["Settings/PageVisibilityList", "Security/AllowAddProvisioningPackage", "Security/AllowRemoveProvisioningPackage"]) {
      const uri = `./Device/Vendor/MSFT/Policy/Config/${policy}`;
      expect(holoLensOmaUriSupport(uri, "10.0.19041.1103").supported, policy).toBe(false);
      expect(holoLensOmaUriSupport(uri, "10.0.19041.1128").supported, policy).toBe(true);
    }
  });

  it("uses the release notes' builds where they are later than the page's footnote", () => {
    const at = (policy: string, os: string) => holoLensOmaUriSupport(`./Device/Vendor/MSFT/Policy/Config/${policy}`, os).supported;
    // New in 20H2 (hololens-release-notes-2004.md "HoloLens Policies").
    expect(at("MixedReality/AADGroupMembershipCacheValidityInDays", "10.0.19041.1103")).toBe(false);
    expect(at("MixedReality/AADGroupMembershipCacheValidityInDays", "10.0.19041.1128")).toBe(true);
    // Introduced in 22H1 (hololens-release-notes.md), not 21H1.
    expect(at("MixedReality/AllowLaunchUriInSingleAppKiosk", "10.0.20348.1432")).toBe(false);
    expect(at("MixedReality/AllowLaunchUriInSingleAppKiosk", "10.0.20348.1501")).toBe(true);
    // 21H2 February 2022 Update, build 20348.1447.
    for (const policy of ["MixedReality/ConfigureMovingPlatform", "MixedReality/ManualDownDirectionDisabled"]) {
      expect(at(policy, "10.0.20348.1432"), policy).toBe(false);
      expect(at(policy, "10.0.20348.1447"), policy).toBe(true);
    }
  });

  it("compares builds by major, then minor", () => {
    expect(holographicBuildAtLeast("10.0.20346.1002", "19041.1128")).toBe(true);
    expect(holographicBuildAtLeast("10.0.19041.1103", "19041.1128")).toBe(false);
    expect(holographicBuildAtLeast("nonsense", "19041.1128")).toBe(false);
  });

  it("parses builds as Intune reports them", () => {
    expect(parseHolographicBuild("10.0.22621.1266")).toEqual([22621, 1266]);
    expect(parseHolographicBuild("20348.1528")).toEqual([20348, 1528]);
    expect(parseHolographicBuild("23H2")).toBeNull();
  });
});

/** Footnote → first build (the module comment's mapping; hololens-release-notes*.md). */
const FOOTNOTE_BUILDS: Record<string, string> = { "8": "19041.1103", "9": "19041.1128", "10": "20346.1002", "11": "20348.1432", "12": "20348.1528" };
/** Entries whose build is not their footnote's, each with the reason in hololens-policies.ts. */
const FROM_OTHER_SOURCES: Record<string, string | null> = {
  "MixedReality/AllowLaunchUriInSingleAppKiosk": "20348.1501",
  "MixedReality/ConfigureMovingPlatform": "20348.1447",
  "MixedReality/ManualDownDirectionDisabled": "20348.1447",
  "Update/SetDisablePauseUXAccess": "19041.1128",
};

describe.skipIf(!existsSync(page))("the committed tables against the reference page", () => {
  const entries = [...readFileSync(page, "utf8").matchAll(/^- \[([A-Za-z]+\/[A-Za-z_]+)\]\(([^)]+)\)\s*(?:<sup>([^<]*)<\/sup>)?/gm)].map((m) => ({
    name: m[1]!,
    link: m[2]!,
    footnote: m[3]?.trim() ?? null,
  }));

  it("lists exactly the Policy CSP policies of the page, and RemoteLock/Lock (its own CSP) among the other CSPs", () => {
    const policyCsp = entries.filter((e) => /^(\.\/)?policy-csp-/.test(e.link));
    const others = entries.filter((e) => !/^(\.\/)?policy-csp-/.test(e.link));
    expect(new Set(Object.keys(HOLOLENS2_POLICY_CSP))).toEqual(new Set(policyCsp.map((e) => e.name)));
    expect(others.map((e) => [e.name, e.link])).toEqual([["RemoteLock/Lock", "./remotelock-csp.md"]]);
    expect(HOLOLENS2_OTHER_CSP_NODES.RemoteLock?.Lock?.minimum).toBe(FOOTNOTE_BUILDS[others[0]!.footnote!]);
  });

  it("gives every policy its footnote's build, the latest where a policy is listed twice, except the documented exceptions", () => {
    const expected = new Map<string, string | null>();
    for (const e of entries) {
      if (!(e.name in HOLOLENS2_POLICY_CSP)) continue;
      const build = e.footnote === null ? null : e.footnote === "Insider" ? "insider" : (FOOTNOTE_BUILDS[e.footnote] ?? "servicing");
      const before = expected.get(e.name);
      if (before === undefined || (build !== null && (before === null || holographicBuildAtLeast(build, before)))) expected.set(e.name, build);
    }
    for (const [name, build] of Object.entries(FROM_OTHER_SOURCES)) expected.set(name, build);
    expect([...expected].filter(([, build]) => build === "servicing")).toEqual([]);
    expect(HOLOLENS2_POLICY_CSP).toEqual(Object.fromEntries(expected));
  });
});

describe.skipIf(!existsSync(join(docs, "hololens-release-notes.md")))("the release notes behind the exceptions", () => {
  it("21H2 February 2022 Update is build 20348.1447; the kiosk URI-launch policy is a 22H1 feature", () => {
    const notes = readFileSync(join(docs, "hololens-release-notes.md"), "utf8");
    expect(notes).toMatch(/## Windows Holographic, version 21H2 - February 2022 Update\s+- Build 20348\.1447/);
    expect(notes).toMatch(/## Windows Holographic, version 22H1\s+- Build 20348\.1501/);
    expect(notes).toMatch(/\[Single app kiosk policy for launching other apps\][^\n]*\| 22H1 \|/);
  });
});

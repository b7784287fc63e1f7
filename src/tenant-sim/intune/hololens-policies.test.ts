import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { referenceDir } from "../conformance/csdl.ts";
import { HOLOLENS2_POLICY_CSP, holoLensOmaUriSupport, parseHolographicBuild } from "./hololens-policies.ts";

const page = join(referenceDir(), "docs", "policies-in-policy-csp-supported-by-hololens2.md");

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
    expect(result).toEqual({ supported: false, reason: "Policy CSP Defender/AllowRealtimeMonitoring is not supported by HoloLens 2" });
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
    expect(holoLensOmaUriSupport("./Vendor/MSFT/TenantLockdown/RequireNetworkInOOBE", "10.0.22621.1266").supported).toBe(true);
    expect(holoLensOmaUriSupport("Vendor/MSFT/Policy/Config/Wifi/AllowWiFi", "10.0.22621.1266").supported).toBe(false);
  });

  it("parses builds as Intune reports them", () => {
    expect(parseHolographicBuild("10.0.22621.1266")).toEqual([22621, 1266]);
    expect(parseHolographicBuild("20348.1528")).toEqual([20348, 1528]);
    expect(parseHolographicBuild("23H2")).toBeNull();
  });
});

describe.skipIf(!existsSync(page))("the committed policy table", () => {
  it("lists exactly the policies of the reference page", () => {
    const text = readFileSync(page, "utf8");
    const names = new Set([...text.matchAll(/^- \[([A-Za-z]+\/[A-Za-z_]+)\]/gm)].map((m) => m[1]));
    expect(new Set(Object.keys(HOLOLENS2_POLICY_CSP))).toEqual(names);
  });
});

import { describe, expect, it } from "vitest";
import type { CspNode } from "../../catalog/types.ts";
import { defaultCatalog, type CompileCatalog } from "../catalog-port.ts";
import type { OmaSetting } from "../types.ts";
import { checkOmaSetting, GRAPH_TYPES_FOR_FORMAT } from "./check-oma-setting.ts";
import { omaBase64, omaBoolean, omaInteger, omaString, POLICY_CONFIG } from "./oma-setting.ts";

const BASELINE = "22621.1266";
const codes = (setting: OmaSetting, build = BASELINE, catalog: Pick<CompileCatalog, "findCspNode" | "compareBuilds"> = defaultCatalog) =>
  checkOmaSetting(setting, build, catalog).map((d) => d.code);

/** The catalog with one node's facts replaced, to prove a check can fail on a fact change alone. */
function withNode(uri: string, patch: Partial<CspNode>): Pick<CompileCatalog, "findCspNode" | "compareBuilds"> {
  return {
    compareBuilds: defaultCatalog.compareBuilds,
    findCspNode: (u) => {
      const node = defaultCatalog.findCspNode(u);
      return node && u === uri ? { ...node, ...patch } : node;
    },
  };
}

const bluetooth = (value: number) => omaInteger("Bluetooth", "", `${POLICY_CONFIG}/Connectivity/AllowBluetooth`, value);

describe("checkOmaSetting", () => {
  it.each([
    ["Bluetooth deny (0)", bluetooth(0)],
    ["Bluetooth allow (2)", bluetooth(2)],
    ["USB off", omaInteger("x", "", `${POLICY_CONFIG}/Connectivity/AllowUSBConnection`, 0)],
    ["developer unlock explicit deny", omaInteger("x", "", `${POLICY_CONFIG}/ApplicationManagement/AllowDeveloperUnlock`, 0)],
    ["tenant lockdown true (bool node, no Add but Replace)", omaBoolean("x", "", "./Vendor/MSFT/TenantLockdown/RequireNetworkInOOBE", true)],
    ["Policy CSP URI without ./Device", omaInteger("x", "", "./Vendor/MSFT/Policy/Config/Connectivity/AllowUSBConnection", 1)],
    ["active hours start 23 (range 0–23)", omaInteger("x", "", `${POLICY_CONFIG}/Update/ActiveHoursStart`, 23)],
    ["page visibility string", omaString("x", "", `${POLICY_CONFIG}/Settings/PageVisibilityList`, "showonly:network-wifi")],
    ["AssignedAccess XML as String", omaString("x", "", "./Device/Vendor/MSFT/AssignedAccess/Configuration", "<AssignedAccessConfiguration/>")],
    ["WDAC binary as Base64 with a concrete GUID", omaBase64("x", "", "./Vendor/MSFT/ApplicationControl/Policies/A244370E-44C9-4C06-B551-F6016E563076/Policy", "AAECAw==", "p.cip")],
    ["ADMX payload", omaString("x", "", `${POLICY_CONFIG}/MixedReality/ConfigureNtpClient`, '<enabled/><data id="W32TIME_NtpServer" value="time.windows.com,0x9"/>')],
  ])("%s → no diagnostics", (_name, setting) => {
    expect(checkOmaSetting(setting, BASELINE, defaultCatalog)).toEqual([]);
  });

  it("Bluetooth 1 (a plausible but wrong 'allowed') → HF3003 naming the DDF values", () => {
    const [d] = checkOmaSetting(bluetooth(1), BASELINE, defaultCatalog);
    expect(d).toMatchObject({ severity: "error", code: "HF3003" });
    expect(d!.message).toMatch(/allowed: 0 .*2 /);
  });

  it.each([
    ["unknown node", omaInteger("x", "", `${POLICY_CONFIG}/Connectivity/AllowTeleport`, 0), ["HF3001"]],
    ["integer for a bool node", omaInteger("x", "", "./Vendor/MSFT/TenantLockdown/RequireNetworkInOOBE", 1), ["HF3002"]],
    ["boolean for an int node", omaBoolean("x", "", `${POLICY_CONFIG}/Connectivity/AllowUSBConnection`, false), ["HF3002"]],
    ["string for a b64 node", omaString("x", "", "./Vendor/MSFT/ApplicationControl/Policies/A244370E-44C9-4C06-B551-F6016E563076/Policy", "<SiPolicy/>"), ["HF3002"]],
    ["integer as a JSON string", omaInteger("x", "", `${POLICY_CONFIG}/Connectivity/AllowUSBConnection`, "0" as unknown as number), ["HF3007"]],
    ["integer out of Int32", omaInteger("x", "", `${POLICY_CONFIG}/Update/ActiveHoursStart`, 2 ** 31), ["HF3007"]],
    ["not base64", omaBase64("x", "", "./Vendor/MSFT/ApplicationControl/Policies/A244370E-44C9-4C06-B551-F6016E563076/Policy", "not base64!", "p.cip"), ["HF3007"]],
    ["range exceeded", omaInteger("x", "", `${POLICY_CONFIG}/Update/ActiveHoursStart`, 24), ["HF3003"]],
    ["enum value outside the list", omaInteger("x", "", `${POLICY_CONFIG}/ApplicationManagement/AllowDeveloperUnlock`, 2), ["HF3003"]],
    ["ADMX policy given a plain value", omaString("x", "", `${POLICY_CONFIG}/MixedReality/ConfigureNtpClient`, "time.windows.com"), ["HF3003"]],
    ["Exec-only node (RemoteLock/Lock)", omaString("x", "", "./Device/Vendor/MSFT/RemoteLock/Lock", "1"), ["HF3002", "HF3004"]],
    ["node HoloLens 2 does not support", omaString("x", "", "./Device/Vendor/MSFT/RemoteLock/LockAndResetPIN", "1"), ["HF3002", "HF3004", "HF3005"]],
  ])("%s → %j", (_name, setting, expected) => {
    expect(codes(setting)).toEqual(expected);
  });

  it("captive portal before logon at a 20H2 baseline → HF3006 (needs 22H2)", () => {
    const setting = omaInteger("x", "", `${POLICY_CONFIG}/MixedReality/AllowCaptivePortalBeforeLogon`, 1);
    expect(codes(setting, "22621.1266")).toEqual([]);
    const diags = checkOmaSetting(setting, "19041.1128", defaultCatalog);
    expect(diags.map((d) => d.code)).toEqual(["HF3006"]);
    expect(diags[0]!.message).toContain("19041.1128");
  });

  it("a node without Add or Replace → HF3004", () => {
    const uri = `${POLICY_CONFIG}/Connectivity/AllowUSBConnection`;
    expect(codes(omaInteger("x", "", uri, 0), BASELINE, withNode(uri, { access: ["Get", "Delete"] }))).toEqual(["HF3004"]);
  });

  it("a node the catalog marks unsupported on HoloLens 2 → HF3005", () => {
    const uri = `${POLICY_CONFIG}/Connectivity/AllowUSBConnection`;
    expect(codes(omaInteger("x", "", uri, 0), BASELINE, withNode(uri, { hololens2: { supported: false, minBuild: null } }))).toEqual(["HF3005"]);
  });

  it("a regex-constrained node checks the whole value", () => {
    const uri = `${POLICY_CONFIG}/Settings/PageVisibilityList`;
    const catalog = withNode(uri, { allowedValues: { kind: "regex", pattern: "(showonly|hide):[a-z;-]*" } });
    expect(codes(omaString("x", "", uri, "showonly:network-wifi"), BASELINE, catalog)).toEqual([]);
    expect(codes(omaString("x", "", uri, "showonly:network-wifi; reset"), BASELINE, catalog)).toEqual(["HF3003"]);
  });

  it("maps every DDF format to Graph types as the DDF README says", () => {
    expect(GRAPH_TYPES_FOR_FORMAT.int).toEqual(["omaSettingInteger"]);
    expect(GRAPH_TYPES_FOR_FORMAT.bool).toEqual(["omaSettingBoolean"]);
    expect(GRAPH_TYPES_FOR_FORMAT.chr).toContain("omaSettingString");
    expect(GRAPH_TYPES_FOR_FORMAT.b64).toEqual(["omaSettingBase64"]);
    expect(GRAPH_TYPES_FOR_FORMAT.node).toEqual([]);
    expect(GRAPH_TYPES_FOR_FORMAT.null).toEqual([]);
  });
});

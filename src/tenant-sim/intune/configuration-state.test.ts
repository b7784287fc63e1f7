import { describe, expect, it } from "vitest";
import { checkEntity, formatProblems, hasCsdlReference } from "../conformance/csdl.ts";
import { computeDeviceReports, omaUriKey, settingValueProblem, SYNCML_400, SYNCML_404, SYNCML_405, type SyncingDevice } from "./configuration-state.ts";
import { createConfigurationDoc, type DeviceConfigurationDoc } from "./device-configuration-body.ts";

const NOW = new Date("2026-11-29T10:00:00Z");
const device: SyncingDevice = {
  managedDeviceId: "md-1",
  deviceName: "HL2-0001",
  model: "HoloLens 2",
  osVersion: "10.0.22621.1266",
  userId: "u-1",
  userPrincipalName: "op01@contoso.test",
  userDisplayName: "Operator 01",
};

let n = 0;
function custom(name: string, settings: { omaUri: string; value: unknown; type?: string }[]): DeviceConfigurationDoc {
  return createConfigurationDoc({
    "@odata.type": "#microsoft.graph.windows10CustomConfiguration",
    displayName: name,
    omaSettings: settings.map((s, i) => ({ "@odata.type": s.type ?? "#microsoft.graph.omaSettingInteger", displayName: `${name} ${i}`, omaUri: s.omaUri, value: s.value })),
  }, { version: "v1.0", id: `cfg-${++n}`, now: NOW });
}
function ring(name: string, deferral: number): DeviceConfigurationDoc {
  return createConfigurationDoc({ "@odata.type": "#microsoft.graph.windowsUpdateForBusinessConfiguration", displayName: name, qualityUpdatesDeferralPeriodInDays: deferral }, { version: "v1.0", id: `cfg-${++n}`, now: NOW });
}

const DEV_UNLOCK = "./Device/Vendor/MSFT/Policy/Config/ApplicationManagement/AllowDeveloperUnlock";
const USB = "./Vendor/MSFT/Policy/Config/Connectivity/AllowUSBConnection";

describe("computeDeviceReports", () => {
  it("reports compliant profiles with per-setting states and the device status", () => {
    const p = custom("Baseline", [{ omaUri: DEV_UNLOCK, value: 0 }, { omaUri: USB, value: 0 }]);
    const [report] = computeDeviceReports(device, [p], NOW);
    expect(report?.configurationState).toMatchObject({ id: p.id, state: "compliant", settingCount: 2, version: 1, platformType: "windows10AndLater" });
    expect(report?.configurationState.settingStates[0]).toMatchObject({ setting: DEV_UNLOCK, state: "compliant", errorCode: 0, currentValue: "0", userPrincipalName: "op01@contoso.test" });
    expect(report?.deviceStatus).toMatchObject({ id: "md-1", status: "compliant", deviceModel: "HoloLens 2", lastReportedDateTime: NOW.toISOString() });
  });

  it("marks both profiles conflict when they set one OMA-URI differently (./Device and ./ forms are one node)", () => {
    const a = custom("A", [{ omaUri: DEV_UNLOCK, value: 0 }, { omaUri: USB, value: 0 }]);
    const b = custom("B", [{ omaUri: DEV_UNLOCK.replace("./Device/", "./"), value: 1 }]);
    const reports = computeDeviceReports(device, [a, b], NOW);
    expect(reports.map((r) => r.configurationState.state)).toEqual(["conflict", "conflict"]);
    const setting = reports[0]!.configurationState.settingStates[0]!;
    expect(setting.state).toBe("conflict");
    expect(setting.sources.map((s) => s.id)).toEqual([a.id, b.id]);
    expect(reports[0]!.configurationState.settingStates[1]!.state).toBe("compliant");
  });

  it("does not report a conflict when two profiles agree", () => {
    const reports = computeDeviceReports(device, [custom("A", [{ omaUri: USB, value: 0 }]), custom("B", [{ omaUri: USB, value: 0 }])], NOW);
    expect(reports.map((r) => r.deviceStatus.status)).toEqual(["compliant", "compliant"]);
  });

  it("reports an OMA-URI HoloLens 2 does not have as an error with SyncML 404", () => {
    const p = custom("Defender", [{ omaUri: "./Vendor/MSFT/Policy/Config/Defender/AllowRealtimeMonitoring", value: 1 }, { omaUri: USB, value: 0 }]);
    const [report] = computeDeviceReports(device, [p], NOW);
    expect(report?.configurationState.state).toBe("error");
    expect(report?.configurationState.settingStates[0]).toMatchObject({ state: "error", errorCode: SYNCML_404.code, errorDescription: SYNCML_404.description, currentValue: null });
  });

  it("never echoes string values in currentValue", () => {
    const p = custom("Kiosk", [{ omaUri: "./Vendor/MSFT/AssignedAccess/Configuration", value: "<secret/>", type: "#microsoft.graph.omaSettingString" }]);
    expect(computeDeviceReports(device, [p], NOW)[0]?.configurationState.settingStates[0]?.currentValue).toBeNull();
  });

  it("puts two differing update rings in conflict, and one ring alone is compliant", () => {
    expect(computeDeviceReports(device, [ring("R1", 7)], NOW)[0]?.deviceStatus.status).toBe("compliant");
    expect(computeDeviceReports(device, [ring("R1", 7), ring("R2", 14)], NOW).map((r) => r.deviceStatus.status)).toEqual(["conflict", "conflict"]);
    expect(computeDeviceReports(device, [ring("R1", 7), ring("R2", 7)], NOW).map((r) => r.deviceStatus.status)).toEqual(["compliant", "compliant"]);
  });

  it("normalises ./Device/ OMA-URIs only at the front", () => {
    expect(omaUriKey("./Device/Vendor/MSFT/X")).toBe("./Vendor/MSFT/X");
    expect(omaUriKey("./User/Vendor/MSFT/X")).toBe("./User/Vendor/MSFT/X");
  });
});

describe.skipIf(!hasCsdlReference())("report entities conform to the v1.0 CSDL", () => {
  it("deviceConfigurationState and deviceConfigurationDeviceStatus", () => {
    const reports = computeDeviceReports(device, [custom("A", [{ omaUri: DEV_UNLOCK, value: 0 }]), custom("B", [{ omaUri: DEV_UNLOCK, value: 1 }])], NOW);
    for (const r of reports) {
      expect(formatProblems(checkEntity("deviceConfigurationState", r.configurationState, "v1.0"))).toBe("");
      expect(formatProblems(checkEntity("deviceConfigurationDeviceStatus", r.deviceStatus, "v1.0"))).toBe("");
    }
  });
});

describe("WDAC policies through the ApplicationControl CSP", () => {
  const NODE = "./Vendor/MSFT/ApplicationControl/Policies/A244370E-44C9-4C06-B551-F6016E563076/Policy";
  const BASE64 = "#microsoft.graph.omaSettingBase64";

  it("a version 7 policy binary applies; a value that is no policy is an error with SyncML 400", () => {
    const good = custom("WDAC good", [{ omaUri: NODE, type: BASE64, value: Buffer.from([7, 0, 0, 0, 1, 2, 3, 4]).toString("base64") }]);
    const [ok] = computeDeviceReports(device, [good], NOW);
    expect(ok?.configurationState.state).toBe("compliant");
    for (const value of [Buffer.from("<SiPolicy/>").toString("base64"), "bm90IGEgcG9saWN5"]) {
      const bad = custom("WDAC bad", [{ omaUri: NODE, type: BASE64, value }]);
      const [report] = computeDeviceReports(device, [bad], NOW);
      expect(report?.configurationState.state).toBe("error");
      expect(report?.configurationState.settingStates[0]).toMatchObject({ state: "error", errorCode: SYNCML_400.code, errorDescription: SYNCML_400.description, currentValue: null });
      expect(report?.deviceStatus.status).toBe("error");
    }
  });
});

describe("update rings", () => {
  it("report one setting per Update Policy CSP node the ring sets, with the ring's value", () => {
    const r = ring("Ring", 7);
    const [report] = computeDeviceReports(device, [r], NOW);
    expect(report?.configurationState).toMatchObject({ state: "compliant", settingCount: 2 });
    expect(report?.configurationState.settingStates.map((s) => [s.setting, s.settingName, s.state, s.currentValue])).toEqual([
      ["./Device/Vendor/MSFT/Policy/Config/Update/DeferFeatureUpdatesPeriodInDays", "featureUpdatesDeferralPeriodInDays", "compliant", "0"],
      ["./Device/Vendor/MSFT/Policy/Config/Update/DeferQualityUpdatesPeriodInDays", "qualityUpdatesDeferralPeriodInDays", "compliant", "7"],
    ]);
  });

  it("a ring whose policy the build lacks is an error; two differing rings conflict", () => {
    const withDeadline = createConfigurationDoc(
      { "@odata.type": "#microsoft.graph.windowsUpdateForBusinessConfiguration", displayName: "Deadline", deadlineForQualityUpdatesInDays: 2 },
      { version: "v1.0", id: `cfg-${++n}`, now: NOW },
    );
    const [old] = computeDeviceReports({ ...device, osVersion: "10.0.19041.1128" }, [withDeadline], NOW);
    expect(old?.configurationState.state).toBe("error");
    expect(old?.configurationState.settingStates.find((s) => s.settingName === "deadlineForQualityUpdatesInDays")).toMatchObject({ state: "error", errorCode: SYNCML_404.code });
    const both = computeDeviceReports(device, [ring("A", 1), ring("B", 2)], NOW);
    expect(both.map((b) => b.configurationState.state)).toEqual(["conflict", "conflict"]);
    expect(both[0]!.configurationState.settingStates[0]!.sources).toHaveLength(2);
  });

  it("reports the 20H2 nodes of the external-client guide as errors on 2004 and compliant on 20H2 (hololens-facts §1)", () => {
    const globalKiosk = `<AssignedAccessConfiguration xmlns="http://schemas.microsoft.com/AssignedAccess/2017/config" xmlns:v3="http://schemas.microsoft.com/AssignedAccess/2020/config"><Profiles><Profile Id="{1}"/></Profiles><Configs><v3:GlobalProfile Id="{1}"/></Configs></AssignedAccessConfiguration>`;
    const p = custom("External client", [
      { omaUri: "./Device/Vendor/MSFT/AssignedAccess/Configuration", value: globalKiosk, type: "#microsoft.graph.omaSettingString" },
      { omaUri: "./Vendor/MSFT/TenantLockdown/RequireNetworkInOOBE", value: true, type: "#microsoft.graph.omaSettingBoolean" },
      { omaUri: "./Device/Vendor/MSFT/Policy/Config/Settings/PageVisibilityList", value: "showonly:network-wifi", type: "#microsoft.graph.omaSettingString" },
      { omaUri: "./Device/Vendor/MSFT/Policy/Config/Security/AllowAddProvisioningPackage", value: 0 },
      { omaUri: "./Device/Vendor/MSFT/Policy/Config/Security/AllowRemoveProvisioningPackage", value: 0 },
      { omaUri: DEV_UNLOCK, value: 0 },
    ]);
    const on2004 = computeDeviceReports({ ...device, osVersion: "10.0.19041.1103" }, [p], NOW)[0]!.configurationState;
    expect(on2004.state).toBe("error");
    expect(on2004.settingStates.map((x) => [x.state, x.errorCode])).toEqual([
      ["error", SYNCML_400.code],
      ["error", SYNCML_404.code],
      ["error", SYNCML_404.code],
      ["error", SYNCML_404.code],
      ["error", SYNCML_404.code],
      ["compliant", 0],
    ]);
    const on20H2 = computeDeviceReports({ ...device, osVersion: "10.0.19041.1128" }, [p], NOW)[0]!.configurationState;
    expect(on20H2.state).toBe("compliant");
    expect(on20H2.settingStates.every((x) => x.state === "compliant")).toBe(true);
  });

  it("takes a kiosk sent as a String (XML file) value the same way, decoding its base64", () => {
    const xml = `<AssignedAccessConfiguration xmlns="http://schemas.microsoft.com/AssignedAccess/2017/config" xmlns:v3="http://schemas.microsoft.com/AssignedAccess/2020/config"><Configs><v3:GlobalProfile Id="{1}"/></Configs></AssignedAccessConfiguration>`;
    const p = custom("Kiosk file", [{ omaUri: "./Vendor/MSFT/AssignedAccess/Configuration", value: Buffer.from(xml).toString("base64"), type: "#microsoft.graph.omaSettingStringXml" }]);
    expect(computeDeviceReports({ ...device, osVersion: "10.0.19041.1103" }, [p], NOW)[0]!.configurationState.settingStates[0]!.errorCode).toBe(SYNCML_400.code);
    expect(computeDeviceReports(device, [p], NOW)[0]!.configurationState.state).toBe("compliant");
  });

  it("reports RemoteLock/Lock, an Exec node, as SyncML 405 from 20H2 and 404 before", () => {
    const p = custom("Lock", [{ omaUri: "./Vendor/MSFT/RemoteLock/Lock", value: 1 }]);
    expect(computeDeviceReports(device, [p], NOW)[0]!.configurationState.settingStates[0]).toMatchObject({ state: "error", errorCode: SYNCML_405.code, errorDescription: SYNCML_405.description });
    expect(computeDeviceReports({ ...device, osVersion: "10.0.19041.1103" }, [p], NOW)[0]!.configurationState.settingStates[0]!.errorCode).toBe(SYNCML_404.code);
  });

  it("settingValueProblem: a kiosk that is not a string value cannot be taken", () => {
    expect(settingValueProblem({ "@odata.type": "#microsoft.graph.omaSettingInteger", omaUri: "./Vendor/MSFT/AssignedAccess/Configuration", value: 1 }, "10.0.22621.1266")).toMatch(/String/);
    expect(settingValueProblem({ "@odata.type": "#microsoft.graph.omaSettingInteger", omaUri: USB, value: 0 }, "10.0.19041.1103")).toBeNull();
  });
});

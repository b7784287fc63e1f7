import { describe, expect, it } from "vitest";
import { statusOf as status } from "./graph-error-of.ts";
import { MASKED_VALUE, parseOmaSettings, plainTextValue, renderOmaSettings } from "./oma-settings.ts";

const CONFIG = "5f0c1a2b-0000-4000-8000-00000000c0de";
const kioskXml = { "@odata.type": "#microsoft.graph.omaSettingString", displayName: "Kiosk", omaUri: "./Vendor/MSFT/AssignedAccess/Configuration", value: "<AssignedAccessConfiguration/>" };
const devUnlock = { "@odata.type": "microsoft.graph.omaSettingInteger", displayName: "Developer unlock", omaUri: "./Device/Vendor/MSFT/Policy/Config/ApplicationManagement/AllowDeveloperUnlock", value: 0 };


describe("parseOmaSettings", () => {
  it("normalises @odata.type to #-form and gives string values a secret reference", () => {
    const [kiosk, dev] = parseOmaSettings([kioskXml, devUnlock], "v1.0", CONFIG);
    expect(dev).toEqual({ ...devUnlock, "@odata.type": "#microsoft.graph.omaSettingInteger", description: null });
    expect(kiosk?.value).toBe("<AssignedAccessConfiguration/>");
    expect(kiosk?.secretReferenceValueId).toMatch(new RegExp(`^${CONFIG}_[0-9a-f-]{36}_[0-9a-f-]{36}$`));
  });

  it("rejects missing @odata.type, unknown subtypes, wrong value types and foreign properties", () => {
    expect(status(() => parseOmaSettings([{ displayName: "x", omaUri: "./x", value: 1 }], "v1.0", CONFIG))).toBe(400);
    expect(status(() => parseOmaSettings([{ ...devUnlock, "@odata.type": "#microsoft.graph.omaSettingJson" }], "v1.0", CONFIG))).toBe(400);
    expect(status(() => parseOmaSettings([{ ...devUnlock, value: "0" }], "v1.0", CONFIG))).toBe(400);
    expect(status(() => parseOmaSettings([{ ...devUnlock, value: 2 ** 31 }], "v1.0", CONFIG))).toBe(400);
    expect(status(() => parseOmaSettings([{ ...devUnlock, fileName: "a.txt" }], "v1.0", CONFIG))).toBe(400);
    expect(status(() => parseOmaSettings([{ ...kioskXml, isEncrypted: false }], "v1.0", CONFIG))).toBe(400);
    expect(status(() => parseOmaSettings([{ ...kioskXml, isEncrypted: false }], "beta", CONFIG))).toBeUndefined();
    expect(status(() => parseOmaSettings([{ ...devUnlock, omaUri: "" }], "v1.0", CONFIG))).toBe(400);
    expect(status(() => parseOmaSettings(new Array(1001).fill(devUnlock), "v1.0", CONFIG))).toBe(400);
  });

  it("requires base64 for omaSettingStringXml (Edm.Binary)", () => {
    const xml = { "@odata.type": "#microsoft.graph.omaSettingStringXml", displayName: "x", omaUri: "./Vendor/MSFT/X", fileName: "a.xml" };
    expect(status(() => parseOmaSettings([{ ...xml, value: "<a/>" }], "v1.0", CONFIG))).toBe(400);
    expect(parseOmaSettings([{ ...xml, value: Buffer.from("<a/>").toString("base64") }], "v1.0", CONFIG)[0]?.fileName).toBe("a.xml");
  });

  it("keeps the secret reference of an unchanged value and renews it when the value changes", () => {
    const first = parseOmaSettings([kioskXml], "v1.0", CONFIG);
    const same = parseOmaSettings([kioskXml], "v1.0", CONFIG, first);
    const changed = parseOmaSettings([{ ...kioskXml, value: "<other/>" }], "v1.0", CONFIG, first);
    expect(same[0]?.secretReferenceValueId).toBe(first[0]?.secretReferenceValueId);
    expect(changed[0]?.secretReferenceValueId).not.toBe(first[0]?.secretReferenceValueId);
  });

  it("resolves a masked value written back with its own reference, and rejects a foreign one", () => {
    const first = parseOmaSettings([kioskXml], "beta", CONFIG);
    const ref = first[0]!.secretReferenceValueId!;
    const back = parseOmaSettings([{ ...kioskXml, value: MASKED_VALUE, isEncrypted: true, secretReferenceValueId: ref }], "beta", CONFIG, first);
    expect(back[0]?.value).toBe("<AssignedAccessConfiguration/>");
    const foreign = { ...kioskXml, value: MASKED_VALUE, isEncrypted: true, secretReferenceValueId: "other-tenant_a_b" };
    expect(status(() => parseOmaSettings([foreign], "beta", CONFIG, first))).toBe(400);
  });
});

describe("renderOmaSettings", () => {
  const stored = parseOmaSettings([kioskXml, devUnlock], "v1.0", CONFIG);

  it("masks string values on v1.0 without beta-only properties", () => {
    expect(renderOmaSettings(stored, "v1.0")).toEqual([
      { "@odata.type": "#microsoft.graph.omaSettingString", displayName: "Kiosk", description: null, omaUri: kioskXml.omaUri, value: MASKED_VALUE },
      { "@odata.type": "#microsoft.graph.omaSettingInteger", displayName: "Developer unlock", description: null, omaUri: devUnlock.omaUri, value: 0 },
    ]);
  });

  it("adds isEncrypted and secretReferenceValueId on beta", () => {
    const [kiosk, dev] = renderOmaSettings(stored, "beta");
    expect(kiosk).toMatchObject({ value: MASKED_VALUE, isEncrypted: true, secretReferenceValueId: stored[0]!.secretReferenceValueId });
    expect(dev).toMatchObject({ value: 0, isEncrypted: false, secretReferenceValueId: null, isReadOnly: false });
  });

  it("serves the plaintext for a known reference only", () => {
    expect(plainTextValue(stored, stored[0]!.secretReferenceValueId!)).toBe("<AssignedAccessConfiguration/>");
    expect(plainTextValue(stored, "nope")).toBeUndefined();
  });
});

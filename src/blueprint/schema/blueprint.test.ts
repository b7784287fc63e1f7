import { describe, expect, it } from "vitest";
import { stableObjectGuid } from "../stable-guid.ts";
import { blueprintSchema } from "./blueprint.ts";

const base = { apiVersion: "holofleet/v1", metadata: { name: "t" }, tenant: { domain: "Contoso.OnMicrosoft.com" } };
const parse = (extra: Record<string, unknown>) => blueprintSchema.parse({ ...base, ...extra });

describe("blueprint normalization", () => {
  it("bare aliases get @tenant.domain; client usage location falls back to the tenant's", () => {
    const bp = parse({
      tenant: { domain: "contoso.onmicrosoft.com", usageLocation: "de" },
      clients: [{ id: "fabrikam", displayName: "Fabrikam", accounts: ["op01", { upn: "Op02@contoso.onmicrosoft.com", devices: ["SN1"] }] }],
    });
    expect(bp.tenant.usageLocation).toBe("DE");
    expect(bp.clients[0]).toEqual({
      id: "fabrikam",
      displayName: "Fabrikam",
      usageLocation: "DE",
      loanDays: null,
      accounts: [
        { userPrincipalName: "op01@contoso.onmicrosoft.com", displayName: "Fabrikam op01", devices: [] },
        { userPrincipalName: "op02@contoso.onmicrosoft.com", displayName: "Fabrikam Op02", devices: ["SN1"] },
      ],
    });
  });

  it("GUIDs: derived from the (lower-cased) domain when absent, normalized to {UPPER} when given", () => {
    const derived = parse({});
    expect(derived.devices.kiosk.profileId).toBe(stableObjectGuid("contoso.onmicrosoft.com", "kiosk-profile"));
    expect(derived.devices.appControl.policyId).toBe(stableObjectGuid("contoso.onmicrosoft.com", "app-control-policy"));
    const given = parse({ devices: { kiosk: { profileId: "8739c257-184f-45dd-8657-c235819172a3" } } });
    expect(given.devices.kiosk.profileId).toBe("{8739C257-184F-45DD-8657-C235819172A3}");
  });

  it("kiosk defaults follow the calling app", () => {
    const bp = parse({ devices: { kiosk: { callingApp: "dynamics-365-guides" } } });
    expect(bp.devices.kiosk.apps).toEqual(["dynamics-365-guides", "settings"]);
    expect(bp.devices.kiosk.autoLaunch).toBe("dynamics-365-guides");
    expect(parse({ devices: { kiosk: { autoLaunch: null } } }).devices.kiosk.autoLaunch).toBeNull();
  });

  it("blockBrowser adds the browsers after the listed apps; blockBrowser false leaves the list alone", () => {
    expect(parse({ devices: { appControl: { blockApps: ["tips"] } } }).devices.appControl.blockApps).toEqual([
      "tips",
      "edge",
      "edge-legacy",
    ]);
    expect(parse({ devices: { appControl: { blockApps: ["edge", "tips"] } } }).devices.appControl.blockApps).toEqual([
      "edge",
      "tips",
      "edge-legacy",
    ]);
    expect(parse({ devices: { appControl: { blockBrowser: false } } }).devices.appControl.blockApps).toEqual([
      "store",
      "mail",
      "calendar",
      "onedrive",
    ]);
  });

  it("group tag derives from the naming prefix", () => {
    expect(parse({ tenant: { domain: "contoso.com", namingPrefix: "CFS" } }).devices.autopilot.groupTag).toBe("CFS-HOLOLENS");
  });

  it("rejects what the schema forbids", () => {
    expect(blueprintSchema.safeParse({ ...base, extra: 1 }).success).toBe(false);
    expect(blueprintSchema.safeParse({ ...base, devices: { updateRing: { activeHoursStart: 8, activeHoursEnd: 8 } } }).success).toBe(false);
    expect(blueprintSchema.safeParse({ ...base, devices: { autopilot: { deviceNameTemplate: "HL_%RAND:4%" } } }).success).toBe(false);
    expect(blueprintSchema.safeParse({ ...base, devices: { appControl: { policyVersion: "10.0" } } }).success).toBe(false);
    expect(blueprintSchema.safeParse({ ...base, passwords: { length: 7 } }).success).toBe(false);
  });
});

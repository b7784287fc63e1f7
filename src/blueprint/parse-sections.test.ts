import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { parseSections } from "./parse-sections.ts";
import { blueprintSchema } from "./schema/blueprint.ts";

const base = () => ({
  apiVersion: "holofleet/v1",
  metadata: { name: "p" },
  tenant: { domain: "Contoso.OnMicrosoft.com", namingPrefix: "CFS" },
  clients: [{ id: "fabrikam", accounts: ["op01"] }],
});
const paths = (issues: { path: PropertyKey[] }[]) => issues.map((i) => i.path.join("."));

describe("parseSections", () => {
  it("a valid input gives every section and the same blueprint as the whole schema", () => {
    const result = parseSections(base());
    expect(result.issues).toEqual([]);
    expect(result.acknowledgeValid).toBe(true);
    expect(result.blueprint).toEqual(blueprintSchema.parse(base()));
    expect(Object.keys(result.sections).sort()).toEqual(
      ["acknowledge", "apiVersion", "clients", "console", "devices", "experts", "isolation", "licensing", "loans", "metadata", "passwords", "tenant"],
    );
  });

  it("each example: section by section equals the whole schema", () => {
    for (const name of ["minimal", "same-tenant-three-clients", "service-tenant"]) {
      const input = parse(readFileSync(new URL(`../../examples/${name}.holofleet.yaml`, import.meta.url), "utf8"));
      expect(parseSections(input).blueprint, name).toEqual(blueprintSchema.parse(input));
    }
  });

  it("issues of several sections together, with paths from the root", () => {
    const input = { ...base(), bogus: 1, devices: { usb: "maybe" }, passwords: { length: 2 } };
    const result = parseSections(input);
    expect(paths(result.issues).sort()).toEqual(["", "devices.usb", "passwords.length"]);
    expect(result.sections.devices?.usb).toBeUndefined();
    expect(result.sections.devices?.kiosk?.apps).toEqual(["remote-assist", "settings"]);
    expect(result.sections.passwords).toBeUndefined();
    expect(result.sections.clients?.[0]?.accounts[0]?.userPrincipalName).toBe("op01@contoso.onmicrosoft.com");
    expect(result.blueprint).toBeNull();
  });

  it("a tenant with a wrong key still lends its valid domain and prefix to devices and clients", () => {
    const input = { ...base(), tenant: { domain: "contoso.com", namingPrefix: "CFS", model: "nope", extra: true } };
    const result = parseSections(input);
    expect(paths(result.issues).sort()).toEqual(["tenant", "tenant.model"]);
    expect(result.sections.tenant).toBeUndefined();
    expect(result.sections.devices?.autopilot?.groupTag).toBe("CFS-HOLOLENS");
    expect(result.sections.clients?.[0]?.accounts[0]?.userPrincipalName).toBe("op01@contoso.com");
    expect(result.sections.clients?.[0]?.usageLocation).toBe("US");
  });

  it("without a valid tenant.domain, the parts whose defaults derive from it are absent unless the file gives them", () => {
    const noDomain = parseSections({ ...base(), tenant: { domain: "bad domain" } });
    // The kiosk profile and app-control policy GUIDs derive from the domain; the group tag from the
    // prefix, whose default is still good.
    expect(Object.keys(noDomain.sections.devices ?? {})).toEqual(
      ["osBaseline", "autopilot", "enrollmentStatusPage", "tenantLockdown", "developerMode", "usb", "storeAutoUpdate", "settingsPages", "updateRing", "restrictions"],
    );
    expect(noDomain.sections.devices?.autopilot?.groupTag).toBe("HF-HOLOLENS");
    expect(noDomain.sections.clients).toBeUndefined();
    expect(noDomain.sections.metadata).toEqual({ name: "p", description: "" });

    const explicit = parseSections({
      ...base(),
      tenant: "not a mapping",
      devices: {
        autopilot: { groupTag: "TAG" },
        kiosk: { profileId: "8739c257-184f-45dd-8657-c235819172a3" },
        appControl: { policyId: "a244370e-44c9-4c06-b551-f6016e563076" },
      },
      clients: [{ id: "fabrikam", usageLocation: "DE", accounts: ["op01@contoso.com"] }],
    });
    expect(explicit.sections.devices?.kiosk?.profileId).toBe("{8739C257-184F-45DD-8657-C235819172A3}");
    expect(explicit.sections.clients?.[0]?.accounts[0]?.userPrincipalName).toBe("op01@contoso.com");
  });

  it("a section named unusable (duplicate key) is reported but left out", () => {
    const result = parseSections({ ...base(), devices: { usb: "on" } }, new Set(["devices"]));
    expect(result.issues).toEqual([]);
    expect(result.sections.devices).toBeUndefined();
    expect(result.blueprint).toBeNull();
  });

  it("a devices subsection named unusable is left out; the other subsections stay", () => {
    const result = parseSections({ ...base(), devices: { usb: "on", kiosk: { apps: ["settings"], showTaskbar: 2 } } }, new Set(["devices.usb"]));
    expect(paths(result.issues)).toEqual(["devices.kiosk.showTaskbar"]);
    expect(result.sections.devices?.usb).toBeUndefined();
    expect(result.sections.devices?.kiosk).toBeUndefined();
    expect(result.sections.devices?.developerMode).toBe(false);
    expect(result.blueprint).toBeNull();
  });

  it("devices subsection by subsection: a failed one falls back to nothing, the valid ones get their defaults", () => {
    const input = {
      ...base(),
      devices: {
        usb: "sometimes",
        osBaseline: "19H9",
        kiosk: { apps: ["remote-assist", "setings"] },
        appControl: { blockBrowser: "no", blockApps: ["store"] },
        restrictions: { allowBluetooth: false },
      },
    };
    const result = parseSections(input);
    expect(paths(result.issues).sort()).toEqual(["devices.appControl.blockBrowser", "devices.osBaseline", "devices.usb"]);
    const devices = result.sections.devices!;
    expect(Object.keys(devices)).toEqual(["autopilot", "enrollmentStatusPage", "tenantLockdown", "kiosk", "developerMode", "storeAutoUpdate", "updateRing", "restrictions"]);
    expect(devices.kiosk?.apps).toEqual(["remote-assist", "setings"]);
    expect(devices.kiosk?.profileId).toBe(blueprintSchema.parse(base()).devices.kiosk.profileId);
    expect(devices.restrictions).toEqual({ ...blueprintSchema.parse(base()).devices.restrictions, allowBluetooth: false });
    // settingsPages is valid but its default pages derive from the failed baseline.
    expect(devices.settingsPages).toBeUndefined();
    const withPages = parseSections({ ...input, devices: { ...input.devices, settingsPages: { pages: ["network-wifi"] } } });
    expect(withPages.sections.devices?.settingsPages).toEqual({ mode: "showonly", pages: ["network-wifi"] });
    expect(result.blueprint).toBeNull();
  });

  it("an unknown key in devices is reported at devices and fails no subsection", () => {
    const result = parseSections({ ...base(), devices: { kisok: {}, usb: "on" } });
    expect(result.issues.map((i) => [i.code, i.path.join(".")])).toEqual([["unrecognized_keys", "devices"]]);
    expect(Object.keys(result.sections.devices ?? {})).toHaveLength(12);
    expect(result.sections.devices?.usb).toBe("on");
    expect(result.blueprint).toBeNull();
  });

  it("devices that is not a mapping is one issue at devices and leaves every subsection out", () => {
    for (const devices of [null, [], "off", 3]) {
      const result = parseSections({ ...base(), devices });
      expect(result.issues.map((i) => [i.code, i.path.join(".")]), String(devices)).toEqual([["invalid_type", "devices"]]);
      expect(result.sections.devices).toBeUndefined();
    }
  });

  it("the subsection issues equal those of the whole devices schema (same codes, paths and messages)", () => {
    const devices = { usb: "sometimes", developerMode: 1, kiosk: { profileId: "nope", bogus: 1 }, updateRing: { qualityDeferralDays: 99 }, extra: true };
    const whole = blueprintSchema.safeParse({ ...base(), devices });
    expect(whole.success).toBe(false);
    const key = (i: { code: string; path: PropertyKey[]; message: string }) => JSON.stringify([i.code, i.path, i.message]);
    expect(parseSections({ ...base(), devices }).issues.map(key).sort()).toEqual(whole.error!.issues.map(key).sort());
  });

  it("an acknowledge list that fails keeps its known ids, once each", () => {
    const result = parseSections({ ...base(), acknowledge: ["usb-on", "nope", "usb-on", 3, "browser-allowed"] });
    expect(result.acknowledgeValid).toBe(false);
    expect(result.sections.acknowledge).toEqual(["usb-on", "browser-allowed"]);
    expect(parseSections({ ...base(), acknowledge: "usb-on" }).sections.acknowledge).toEqual([]);
  });

  it("missing required sections are issues at their key; a wrong apiVersion too", () => {
    const result = parseSections({ apiVersion: "holofleet/v0" });
    expect(paths(result.issues).sort()).toEqual(["apiVersion", "metadata", "tenant"]);
    expect(result.sections.apiVersion).toBeUndefined();
    expect(result.sections.passwords).toEqual({ policy: "rotate-on-return", maxAgeDays: 90, length: 16 });
  });
});

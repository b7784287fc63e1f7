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
      ["acknowledge", "apiVersion", "clients", "devices", "experts", "isolation", "licensing", "metadata", "passwords", "tenant"],
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
    expect(result.sections.devices).toBeUndefined();
    expect(result.sections.passwords).toBeUndefined();
    expect(result.sections.clients?.[0]?.accounts[0]?.userPrincipalName).toBe("op01@contoso.onmicrosoft.com");
    expect(result.blueprint).toBeNull();
  });

  it("a tenant with a wrong key still lends its valid domain and prefix to devices and clients", () => {
    const input = { ...base(), tenant: { domain: "contoso.com", namingPrefix: "CFS", model: "nope", extra: true } };
    const result = parseSections(input);
    expect(paths(result.issues).sort()).toEqual(["tenant", "tenant.model"]);
    expect(result.sections.tenant).toBeUndefined();
    expect(result.sections.devices?.autopilot.groupTag).toBe("CFS-HOLOLENS");
    expect(result.sections.clients?.[0]?.accounts[0]?.userPrincipalName).toBe("op01@contoso.com");
    expect(result.sections.clients?.[0]?.usageLocation).toBe("US");
  });

  it("without a valid tenant.domain, devices and clients are absent unless the file gives what the defaults derive", () => {
    const noDomain = parseSections({ ...base(), tenant: { domain: "bad domain" } });
    expect(noDomain.sections.devices).toBeUndefined();
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
    expect(explicit.sections.devices?.kiosk.profileId).toBe("{8739C257-184F-45DD-8657-C235819172A3}");
    expect(explicit.sections.clients?.[0]?.accounts[0]?.userPrincipalName).toBe("op01@contoso.com");
  });

  it("a section named unusable (duplicate key) is reported but left out", () => {
    const result = parseSections({ ...base(), devices: { usb: "on" } }, new Set(["devices"]));
    expect(result.issues).toEqual([]);
    expect(result.sections.devices).toBeUndefined();
    expect(result.blueprint).toBeNull();
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

import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { referenceDir } from "../conformance/csdl.ts";
import { assignedAccessProblem, assignedAccessXmlOf, hasGlobalProfile, isAssignedAccessConfigurationNode } from "./assigned-access-check.ts";

const ROOT_NS = 'xmlns="http://schemas.microsoft.com/AssignedAccess/2017/config"';
const global = (prefix: string, declare = `xmlns:${prefix}="http://schemas.microsoft.com/AssignedAccess/2020/config"`) =>
  `<AssignedAccessConfiguration ${ROOT_NS} ${declare}><Profiles><Profile Id="{8739C257-184F-45DD-8657-C235819172A3}"/></Profiles><Configs><${prefix}:GlobalProfile Id="{8739C257-184F-45DD-8657-C235819172A3}"/></Configs></AssignedAccessConfiguration>`;
const groupOnly = `<AssignedAccessConfiguration ${ROOT_NS}><Profiles><Profile Id="{1}"/></Profiles><Configs><Config><UserGroup Type="AzureActiveDirectoryGroup" Name="g"/><DefaultProfile Id="{1}"/></Config></Configs></AssignedAccessConfiguration>`;

const samples = join(referenceDir(), "samples");

describe("isAssignedAccessConfigurationNode", () => {
  it("matches the Configuration node in device and unscoped form only", () => {
    expect(isAssignedAccessConfigurationNode("./Device/Vendor/MSFT/AssignedAccess/Configuration")).toBe(true);
    expect(isAssignedAccessConfigurationNode("./Vendor/MSFT/AssignedAccess/Configuration")).toBe(true);
    expect(isAssignedAccessConfigurationNode("./Vendor/MSFT/AssignedAccess/KioskModeApp")).toBe(false);
  });
});

describe("hasGlobalProfile", () => {
  it("finds GlobalProfile by namespace, whatever the prefix", () => {
    expect(hasGlobalProfile(global("v3"))).toBe(true);
    expect(hasGlobalProfile(global("g20"))).toBe(true);
  });

  it("ignores a GlobalProfile of another namespace and kiosks without one", () => {
    expect(hasGlobalProfile(global("v3", 'xmlns:v3="urn:example:not-assigned-access"'))).toBe(false);
    expect(hasGlobalProfile(groupOnly)).toBe(false);
  });
});

describe("assignedAccessProblem", () => {
  it("refuses a global profile before 20H2 and takes it from 19041.1128 on", () => {
    expect(assignedAccessProblem(global("v3"), "10.0.19041.1103")).toMatch(/needs Windows Holographic 20H2 \(19041\.1128\).*hololens-kiosk\.md.*10\.0\.19041\.1103/);
    expect(assignedAccessProblem(global("v3"), "10.0.19041.1128")).toBeNull();
    expect(assignedAccessProblem(global("v3"), "10.0.22621.1266")).toBeNull();
  });

  it("takes an Entra-group kiosk on 2004", () => {
    expect(assignedAccessProblem(groupOnly, "10.0.19041.1103")).toBeNull();
  });

  it("refuses XML that is not well formed on any build", () => {
    expect(assignedAccessProblem("<AssignedAccessConfiguration><Profiles></AssignedAccessConfiguration>", "10.0.22621.1266")).toMatch(/not well-formed XML/);
  });
});

describe("assignedAccessXmlOf", () => {
  it("reads String values as text and String (XML file) values as base64", () => {
    expect(assignedAccessXmlOf("string", "<a/>")).toBe("<a/>");
    expect(assignedAccessXmlOf("stringXml", Buffer.from("<a/>").toString("base64"))).toBe("<a/>");
    expect(assignedAccessXmlOf("integer", 1)).toBeNull();
  });
});

describe.skipIf(!existsSync(samples))("the reference kiosk samples", () => {
  const read = (name: string) => readFileSync(join(samples, name), "utf8");

  it("the global samples need 20H2; the group sample does not", () => {
    for (const name of ["kiosk-sample-global-multiapp-for-everyone.xml", "kiosk-sample-global-multiapp-for-everyone-excluding-device-owners.xml"]) {
      expect(hasGlobalProfile(read(name)), name).toBe(true);
      expect(assignedAccessProblem(read(name), "10.0.19041.1103"), name).not.toBeNull();
      expect(assignedAccessProblem(read(name), "10.0.19041.1128"), name).toBeNull();
    }
    expect(assignedAccessProblem(read("kiosk-sample-multi-app-two-aad-groups-or-more.xml"), "10.0.19041.1103")).toBeNull();
  });

  it("the one-group sample is malformed as published (hololens-facts §16.1), so a device refuses it", () => {
    expect(assignedAccessProblem(read("kiosk-sample-multi-app-one-aad-group.xml"), "10.0.22621.1266")).toMatch(/not well-formed/);
  });
});

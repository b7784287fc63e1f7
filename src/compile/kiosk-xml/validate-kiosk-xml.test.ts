import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { referenceDir } from "../testing/reference-dir.ts";
import { KIOSK_XSD_FILES, kioskXmlDiagnostics, validateKioskXml } from "./validate-kiosk-xml.ts";

const refDir = referenceDir();

const MINIMAL = `<?xml version="1.0" encoding="utf-8"?>
<AssignedAccessConfiguration xmlns="http://schemas.microsoft.com/AssignedAccess/2017/config"
  xmlns:v3="http://schemas.microsoft.com/AssignedAccess/2020/config">
  <Profiles>
    <Profile Id="{8739C257-184F-45DD-8657-C235819172A3}">
      <AllAppsList><AllowedApps><App AppUserModelId="Microsoft.WindowsFeedbackHub_8wekyb3d8bbwe!App"/></AllowedApps></AllAppsList>
      <Taskbar ShowTaskbar="true"/>
    </Profile>
  </Profiles>
  <Configs><v3:GlobalProfile Id="{8739C257-184F-45DD-8657-C235819172A3}"/></Configs>
</AssignedAccessConfiguration>`;

describe("validateKioskXml", () => {
  it("a minimal global profile → valid", async () => {
    expect(await validateKioskXml(MINIMAL)).toEqual({ valid: true, errors: [] });
  });

  it("profile id without braces → invalid (guid_t pattern)", async () => {
    const result = await validateKioskXml(MINIMAL.replaceAll("{8739C257-184F-45DD-8657-C235819172A3}", "8739C257-184F-45DD-8657-C235819172A3"));
    expect(result.valid).toBe(false);
    expect(result.errors.map((e) => e.message).join("\n")).toMatch(/pattern|guid/i);
  });

  it("empty AllowedApps → invalid", async () => {
    const result = await validateKioskXml(MINIMAL.replace(/<App [^>]*\/>/, ""));
    expect(result.valid).toBe(false);
  });

  it("Visitor inside v5:Exclusions → invalid (202010 SpecialGroup is fixed to DeviceOwner)", async () => {
    const xml = MINIMAL.replace(
      '<v3:GlobalProfile Id="{8739C257-184F-45DD-8657-C235819172A3}"/>',
      '<v3:GlobalProfile Id="{8739C257-184F-45DD-8657-C235819172A3}"><v5:Exclusions xmlns:v5="http://schemas.microsoft.com/AssignedAccess/202010/config"><v5:SpecialGroup Name="Visitor"/></v5:Exclusions></v3:GlobalProfile>',
    );
    expect((await validateKioskXml(xml)).valid).toBe(false);
  });

  it("two apps with AutoLaunch → invalid (OnlyOneAppCanHaveAutoLaunch)", async () => {
    const xml = MINIMAL.replace(
      /<App [^>]*\/>/,
      '<App AppUserModelId="a!App" rs5:AutoLaunch="true" xmlns:rs5="http://schemas.microsoft.com/AssignedAccess/201810/config"/><App AppUserModelId="b!App" rs5:AutoLaunch="true" xmlns:rs5="http://schemas.microsoft.com/AssignedAccess/201810/config"/>',
    );
    expect((await validateKioskXml(xml)).valid).toBe(false);
  });

  it("not well-formed → invalid with a line number", async () => {
    const result = await validateKioskXml(MINIMAL.replace("</Profiles>", ""));
    expect(result.valid).toBe(false);
    expect(result.errors.some((e) => typeof e.line === "number")).toBe(true);
  });

  it("diagnostics point at the file and line (HF3103)", async () => {
    const diags = await kioskXmlDiagnostics(MINIMAL.replace(/<App [^>]*\/>/, ""), "kiosk/assigned-access.xml");
    expect(diags.length).toBeGreaterThan(0);
    expect(diags[0]).toMatchObject({ severity: "error", code: "HF3103", source: { file: "kiosk/assigned-access.xml" } });
    expect(await kioskXmlDiagnostics(MINIMAL, "kiosk/assigned-access.xml")).toEqual([]);
  });

  it("the copied XSDs match the checksums recorded in xsd/SOURCE.md", () => {
    const dir = new URL("./xsd/", import.meta.url);
    const source = readFileSync(new URL("SOURCE.md", dir), "utf8");
    for (const file of KIOSK_XSD_FILES) {
      const sha = createHash("sha256").update(readFileSync(new URL(file, dir))).digest("hex");
      expect(source, file).toContain(`| \`${file}\` |`);
      expect(source, file).toContain(sha);
    }
  });
});

describe.skipIf(refDir === null)("published kiosk samples (reference folder)", () => {
  const samples = path.join(refDir ?? "", "samples");
  const read = (name: string) => readFileSync(path.join(samples, name), "utf8");

  it.each([
    "kiosk-sample-global-multiapp-for-everyone.xml",
    "kiosk-sample-global-multiapp-for-everyone-excluding-device-owners.xml",
    "kiosk-sample-multi-app-two-aad-groups-or-more.xml",
  ])("%s (well-formed) → valid", async (name) => {
    expect(await validateKioskXml(read(name), name)).toEqual({ valid: true, errors: [] });
  });

  it("kiosk-sample-multi-app-one-aad-group.xml (malformed as published) → rejected", async () => {
    const result = await validateKioskXml(read("kiosk-sample-multi-app-one-aad-group.xml"));
    expect(result.valid).toBe(false);
    expect(result.errors.length).toBeGreaterThan(0);
  });

  it("the copied XSDs are the reference schemas byte for byte", () => {
    for (const file of KIOSK_XSD_FILES) {
      const ours = readFileSync(new URL(`./xsd/${file}`, import.meta.url));
      const theirs = readFileSync(path.join(refDir ?? "", "schemas/assigned-access", file));
      expect(ours.equals(theirs), file).toBe(true);
    }
  });
});

import { describe, expect, it } from "vitest";
import { parseDdf, stripDoctype } from "./ddf.ts";
import { referenceFile } from "./reference.ts";

const DOCTYPE = `<!DOCTYPE MgmtTree PUBLIC " -//OMA//DTD-DM-DDF 1.2//EN"\n  "http://www.openmobilealliance.org/tech/DTD/DM_DDF-V1_2.dtd"\n  [<?oma-dm-ddf-ver supported-versions="1.2"?>]>`;

function ddf(body: string) {
  return referenceFile("ddf/test.xml", Buffer.from(`\uFEFF<?xml version="1.0" encoding="UTF-8"?>\n${DOCTYPE}\n<MgmtTree xmlns:MSFT="http://schemas.microsoft.com/MobileDevice/DM"><VerDTD>1.2</VerDTD>${body}</MgmtTree>`));
}

const leaf = (name: string, format: string, extra = "") =>
  `<Node><NodeName>${name}</NodeName><DFProperties><AccessType><Add /><Delete /><Get /><Replace /></AccessType><DFFormat><${format} /></DFFormat>${extra}</DFProperties></Node>`;

const area = (path: string, children: string, applicability = "") =>
  `<Node><NodeName>Area</NodeName><Path>${path}</Path><DFProperties><AccessType><Get /></AccessType><DFFormat><node /></DFFormat>${applicability}</DFProperties>${children}</Node>`;

describe("stripDoctype", () => {
  it("removes a DOCTYPE with an internal subset holding a processing instruction", () => {
    expect(stripDoctype(`<?xml version="1.0"?>\n${DOCTYPE}\n<a/>`)).toBe(`<?xml version="1.0"?>\n\n<a/>`);
    expect(stripDoctype(`<!DOCTYPE a SYSTEM "a.dtd"><a/>`)).toBe("<a/>");
  });
});

describe("parseDdf", () => {
  it("builds full URIs per scope and reads format, access, default and allowed values", () => {
    const enumValues = `<MSFT:AllowedValues ValueType="ENUM"><MSFT:Enum><MSFT:Value>0</MSFT:Value><MSFT:ValueDescription>Not allowed &amp; off.</MSFT:ValueDescription></MSFT:Enum><MSFT:Enum><MSFT:Value>1</MSFT:Value><MSFT:ValueDescription>Allowed.</MSFT:ValueDescription></MSFT:Enum></MSFT:AllowedValues>`;
    const file = ddf(
      area("./User/Vendor/MSFT/Policy/Config", leaf("Both", "int", `<DefaultValue>1</DefaultValue>${enumValues}`)) +
        area(
          "./Device/Vendor/MSFT/Policy/Config",
          leaf("Both", "int", `<DefaultValue>1</DefaultValue>${enumValues}`) +
            leaf("Hours", "int", `<DefaultValue>8</DefaultValue><MSFT:AllowedValues ValueType="Range"><MSFT:Value>[0-23]</MSFT:Value></MSFT:AllowedValues>`) +
            leaf("One", "int", `<MSFT:AllowedValues ValueType="Range"><MSFT:Value>[1]</MSFT:Value></MSFT:AllowedValues>`) +
            leaf("Neg", "int", `<MSFT:AllowedValues ValueType="Range"><MSFT:Value>[(-1)-4294967295]</MSFT:Value></MSFT:AllowedValues>`) +
            leaf("Apps", "chr", `<MSFT:AllowedValues ValueType="None"><MSFT:List Delimiter=";" /></MSFT:AllowedValues>`) +
            leaf("Free", "chr") +
            leaf("Admx", "chr", `<MSFT:AllowedValues ValueType="ADMX"><MSFT:AdmxBacked Area="power~AT~System" Name="VideoPowerDownTimeOutDC_2" File="power.admx" /></MSFT:AllowedValues>`) +
            leaf("Xml", "chr", `<MSFT:AllowedValues ValueType="XSD"><MSFT:Value><![CDATA[<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema"/>]]></MSFT:Value></MSFT:AllowedValues>`) +
            leaf("Re", "chr", `<MSFT:AllowedValues ValueType="RegEx"><MSFT:Value>^[a-z]+$</MSFT:Value></MSFT:AllowedValues>`),
        ),
    );
    const leaves = parseDdf(file);
    expect(leaves.map((l) => `${l.scope} ${l.path}`)).toEqual([
      "user ./User/Vendor/MSFT/Policy/Config/Area/Both",
      "device ./Device/Vendor/MSFT/Policy/Config/Area/Both",
      "device ./Device/Vendor/MSFT/Policy/Config/Area/Hours",
      "device ./Device/Vendor/MSFT/Policy/Config/Area/One",
      "device ./Device/Vendor/MSFT/Policy/Config/Area/Neg",
      "device ./Device/Vendor/MSFT/Policy/Config/Area/Apps",
      "device ./Device/Vendor/MSFT/Policy/Config/Area/Free",
      "device ./Device/Vendor/MSFT/Policy/Config/Area/Admx",
      "device ./Device/Vendor/MSFT/Policy/Config/Area/Xml",
      "device ./Device/Vendor/MSFT/Policy/Config/Area/Re",
    ]);
    const byName = new Map(leaves.filter((l) => l.scope === "device").map((l) => [l.path.split("/").at(-1), l]));
    expect(byName.get("Both")).toMatchObject({
      format: "int",
      access: ["Add", "Delete", "Get", "Replace"],
      defaultValue: "1",
      allowedValues: { kind: "enum", values: [{ value: "0", description: "Not allowed & off." }, { value: "1", description: "Allowed." }] },
    });
    expect(byName.get("Hours")?.allowedValues).toEqual({ kind: "range", min: 0, max: 23 });
    expect(byName.get("One")?.allowedValues).toEqual({ kind: "range", min: 1, max: 1 });
    expect(byName.get("Neg")?.allowedValues).toEqual({ kind: "range", min: -1, max: 4294967295 });
    expect(byName.get("Apps")?.allowedValues).toEqual({ kind: "none", listDelimiter: ";" });
    expect(byName.get("Free")?.allowedValues).toEqual({ kind: "none" });
    expect(byName.get("Free")?.defaultValue).toBeNull();
    expect(byName.get("Admx")?.allowedValues).toEqual({ kind: "admx", area: "power~AT~System", name: "VideoPowerDownTimeOutDC_2", file: "power.admx" });
    expect(byName.get("Xml")?.allowedValues).toEqual({ kind: "xsd", schema: '<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema"/>' });
    expect(byName.get("Re")?.allowedValues).toEqual({ kind: "regex", pattern: "^[a-z]+$" });
  });

  it("names a dynamic node from its DFTitle and roots ./Vendor CSPs in device scope", () => {
    const dynamic = `<Node><NodeName></NodeName><DFProperties><AccessType><Get /></AccessType><DFFormat><node /></DFFormat><Scope><Dynamic /></Scope><DFTitle>Policy GUID</DFTitle><MSFT:DynamicNodeNaming><MSFT:UniqueName>x</MSFT:UniqueName></MSFT:DynamicNodeNaming></DFProperties>${leaf("Policy", "b64")}</Node>`;
    const file = ddf(`<Node><NodeName>ApplicationControl</NodeName><Path>./Vendor/MSFT</Path><DFProperties><AccessType><Get /></AccessType><DFFormat><node /></DFFormat></DFProperties><Node><NodeName>Policies</NodeName><DFProperties><AccessType><Get /></AccessType><DFFormat><node /></DFFormat></DFProperties>${dynamic}</Node></Node>`);
    expect(parseDdf(file)).toMatchObject([{ path: "./Vendor/MSFT/ApplicationControl/Policies/{PolicyGUID}/Policy", scope: "device", format: "b64" }]);
  });

  it("inherits applicability from the nearest ancestor that states it and reads MSFT:Deprecated", () => {
    const app = (build: string, editions: string) => `<MSFT:Applicability><MSFT:OsBuildVersion>${build}</MSFT:OsBuildVersion><MSFT:EditionAllowList>${editions}</MSFT:EditionAllowList></MSFT:Applicability>`;
    const file = ddf(area("./Device/Vendor/MSFT/Policy/Config", leaf("Inherit", "int") + leaf("Own", "int", `${app("10.0.20348", "")}<MSFT:Deprecated />`), app("10.0.19041", "0x4;0x88;")));
    const [inherit, own] = parseDdf(file);
    expect(inherit).toMatchObject({ osBuildVersion: "10.0.19041", editions: ["0x4", "0x88"], deprecated: false });
    expect(own).toMatchObject({ osBuildVersion: "10.0.20348", editions: [], deprecated: true });
  });

  it("fails loudly on what it cannot read", () => {
    expect(() => parseDdf(ddf(area("./Device/Vendor/MSFT/Policy/Config", leaf("F", "int", `<MSFT:AllowedValues ValueType="Flag"><MSFT:Enum><MSFT:Value>8</MSFT:Value></MSFT:Enum></MSFT:AllowedValues>`))))).toThrow(/ddf\/test\.xml: .*F: unsupported MSFT:AllowedValues ValueType "Flag"/);
    expect(() => parseDdf(ddf(area("./Device/Vendor/MSFT/Policy/Config", leaf("Odd", "widget"))))).toThrow(/unknown DFFormat "widget"/);
    expect(() => parseDdf(ddf(area("./Device/Vendor/MSFT/Policy/Config", leaf("R", "int", `<MSFT:AllowedValues ValueType="Range"><MSFT:Value>0 to 5</MSFT:Value></MSFT:AllowedValues>`))))).toThrow(/unreadable Range "0 to 5"/);
    expect(() => parseDdf(ddf(area("./Device/Vendor/MSFT/Policy/Config", leaf("", "int"))))).toThrow(/unnamed node without a DFTitle/);
    expect(() => parseDdf(referenceFile("ddf/bad.xml", Buffer.from("<MgmtTree><Node>")))).toThrow(/ddf\/bad\.xml: not well-formed XML/);
    expect(() => parseDdf(ddf(""))).toThrow(/no MgmtTree\/Node/);
  });
});

import { describe, expect, it } from "vitest";
import { formatDiagnostic } from "../../diag/diagnostic.ts";
import { parseSiPolicyXml } from "./parse.ts";

const VALID = `<?xml version="1.0" encoding="utf-8"?>
<SiPolicy xmlns="urn:schemas-microsoft-com:sipolicy" PolicyType="Base Policy">
  <VersionEx>10.0.0.0</VersionEx>
  <PlatformID>{2E07F7E4-194C-4D20-B7C9-6F44A6C5A234}</PlatformID>
  <Rules><Rule><Option>Enabled:Unsigned System Integrity Policy</Option></Rule></Rules>
  <FileRules>
    <Deny ID="ID_DENY_E" FileName="msedge.exe" PackageVersion="65535.65535.65535.65535" />
  </FileRules>
</SiPolicy>
`;

describe("parseSiPolicyXml", () => {
  it("a valid policy → model, no diagnostics", async () => {
    const { model, diagnostics } = await parseSiPolicyXml(VALID, "p.xml");
    expect(diagnostics).toEqual([]);
    expect(model?.fileRules[0]).toMatchObject({ kind: "Deny", fileName: "msedge.exe" });
  });

  it("outside the schema → HF4002 located at the line (a misspelt attribute, as in WDACme 208e0b1's XML)", async () => {
    const xml = VALID.replace('FileName="msedge.exe"', 'FilePAth="x"');
    const { model, diagnostics } = await parseSiPolicyXml(xml, "p.xml");
    expect(model).toBeUndefined();
    expect(diagnostics.map(formatDiagnostic)).toEqual([
      "p.xml:7:1  HF4002  Element 'Deny', attribute 'FilePAth': The attribute 'FilePAth' is not allowed.",
    ]);
  });

  it("an ID that breaks the schema's pattern, and an unknown option, are schema errors", async () => {
    const xml = VALID.replace("ID_DENY_E", "DENY_E").replace("Enabled:Unsigned System Integrity Policy", "Enabled:Everything");
    const { diagnostics } = await parseSiPolicyXml(xml, "p.xml");
    expect(diagnostics.map((d) => `${d.source?.start.line} ${d.code}`)).toEqual(["5 HF4002", "7 HF4002"]);
  });

  it("not well-formed → HF4001 with line and column, before the schema runs", async () => {
    const { diagnostics } = await parseSiPolicyXml(VALID.replace("</FileRules>", "</FileRule>"), "p.xml");
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: "HF4001", source: { file: "p.xml", start: { line: 8 } } });
  });

  it("schema-valid but semantically wrong → the reader's located diagnostics", async () => {
    const xml = VALID.replace("</FileRules>", '  <Deny ID="ID_DENY_E" FileName="x" />\n  </FileRules>');
    const { diagnostics } = await parseSiPolicyXml(xml, "p.xml");
    expect(diagnostics.map(formatDiagnostic)).toEqual(["p.xml:8:5  HF4101  ID ID_DENY_E is already used by a file rule"]);
  });

  it("accepts a document that declares UTF-16 (decoded already) and a BOM", async () => {
    const xml = "\uFEFF" + VALID.replace('encoding="utf-8"', 'encoding="utf-16"');
    expect((await parseSiPolicyXml(xml, "p.xml")).diagnostics).toEqual([]);
  });
});

import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { validateXML } from "xmllint-wasm";
import { REPORT_FORMATS } from "./index.ts";
import { reportFixture } from "./testing.ts";

const { result, meta } = reportFixture();
const schemaFile = (name: string) => new URL(`./schemas/${name}`, import.meta.url);

describe("reports of an audit with findings", () => {
  it("the fixture has failing, manual, passing and not-applicable results", () => {
    expect(result.summary.byStatus.fail).toBeGreaterThan(3);
    expect(result.summary.byStatus.pass).toBeGreaterThan(50);
    expect(result.summary.byStatus.not_applicable).toBeGreaterThan(0);
  });

  it("SARIF → valid against the SARIF 2.1.0 JSON schema; rules from the metadata; results at the blueprint key's line", () => {
    const text = REPORT_FORMATS.sarif(result, meta);
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(schemaFile("sarif-2.1.0.json"), "utf8")));
    const log = JSON.parse(text);
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 5), null, 2)).toBe(true);
    // The schema really constrains: a result kind SARIF does not know is rejected.
    expect(validate({ ...log, runs: [{ ...log.runs[0], results: [{ ...log.runs[0].results[0], kind: "failed" }] }] })).toBe(false);
    const run = log.runs[0];
    expect(run.tool.driver.rules).toHaveLength(Object.keys(meta.rules).length);
    expect(run.tool.driver.rules[0].help.markdown).toContain("**Fix:**");
    const usb = run.results.filter((r: { ruleId: string }) => r.ruleId === "usb/no-usb-data");
    expect(usb).toHaveLength(3);
    // devices.usb is not written in the fixture, so the location is the nearest key that is: `devices`.
    const devicesLine = readFileLineOf("devices:");
    expect(usb[0].locations[0].physicalLocation).toEqual({ artifactLocation: { uri: "fixture.holofleet.yaml" }, region: { startLine: devicesLine, startColumn: 1 } });
    expect(usb[0]).toMatchObject({ kind: "fail", level: "warning" });
    expect(run.results.every((r: { kind: string }) => r.kind === "fail" || r.kind === "review")).toBe(true);
    expect(run.properties.summary.byStatus.pass).toBe(result.summary.byStatus.pass);
  });

  it("SARIF without a blueprint → results with logical locations only, still valid", () => {
    const log = JSON.parse(REPORT_FORMATS.sarif(result, { ...meta, blueprint: null }));
    expect(log.runs[0].results[0].locations[0].physicalLocation).toBeUndefined();
    expect(log.runs[0].results[0].locations[0].logicalLocations[0].fullyQualifiedName).toMatch(/^(device|account|profile|tenant)\//);
  });

  it("JUnit → valid against the Jenkins JUnit schema; one suite per concern, failures counted", async () => {
    const xml = REPORT_FORMATS.junit(result, meta);
    const xsd = readFileSync(schemaFile("jenkins-junit.xsd"), "utf8");
    const validation = await validateXML({ xml: [{ fileName: "audit.xml", contents: xml }], schema: [{ fileName: "junit.xsd", contents: xsd }] });
    expect(validation.errors).toEqual([]);
    expect(validation.valid).toBe(true);
    const broken = await validateXML({ xml: [{ fileName: "bad.xml", contents: xml.replace("<testsuite ", "<testsuite bogus=\"1\" ") }], schema: [{ fileName: "junit.xsd", contents: xsd }] });
    expect(broken.valid).toBe(false);
    expect(xml.match(/<testsuite /g)).toHaveLength(19);
    expect(xml).toContain(`failures="${result.summary.byStatus.fail}"`);
    expect(xml).toContain("&lt;script&gt;");
  });

  it("table → grouped by concern in the guide's order, no colour codes unless asked", () => {
    const plain = REPORT_FORMATS.table(result, meta);
    expect(plain).not.toMatch(/\u001b\[/);
    expect(plain.indexOf("\nos-baseline")).toBeLessThan(plain.indexOf("\nchat-history"));
    expect(plain).toContain("FAIL   medium usb/no-usb-data");
    expect(REPORT_FORMATS.table(result, { ...meta, color: true })).toMatch(/\u001b\[31m/);
    expect(plain).toMatchSnapshot();
  });

  it("verbose table → passing results listed too", () => {
    const verbose = REPORT_FORMATS.table(result, { ...meta, verbose: true });
    expect(verbose.split("\n").length).toBeGreaterThan(REPORT_FORMATS.table(result, meta).split("\n").length + 50);
  });

  it("markdown → summary table and findings with fixes", () => {
    const md = REPORT_FORMATS.md(result, meta);
    expect(md).toContain("| concern | fail | manual | pass | n/a |");
    expect(md).toContain("Fix: Set `devices.usb`");
    expect(md).toMatchSnapshot();
  });

  it("JSON → the result itself, formatVersion 1", () => {
    expect(JSON.parse(REPORT_FORMATS.json(result, meta))).toEqual(result);
  });

  it("HTML → self-contained: a CSP that allows no request, no script, no external URL, hostile names escaped", () => {
    const html = REPORT_FORMATS.html(result, meta);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\s(src|href)="(https?:)?\/\//i);
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;HL&quot;");
    expect(html).toContain("Devices × concerns");
    expect(html.match(/<svg /g)).toHaveLength(2);
  });
});

function readFileLineOf(text: string): number {
  return readFileSync(new URL("../posture/testing/fixtures.ts", import.meta.url), "utf8").split("FIXTURE_BLUEPRINT = `")[1]!.split("\n").findIndex((l) => l === text) + 1;
}

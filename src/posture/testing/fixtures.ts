/**
 * Test fixtures for the audit: a blueprint written out in full (every guide default made explicit where a
 * rule reads it), its compile, and the snapshot of that program applied correctly. Each call returns fresh
 * objects, so a test can patch its copy. Used by the snapshot, posture, rule and report tests.
 */
import { LineCounter, parseDocument } from "yaml";
import { blueprintSchema } from "../../blueprint/schema/blueprint.ts";
import { createSourceMap, type YamlSourceMap } from "../../blueprint/source-map.ts";
import type { Blueprint } from "../../blueprint/types.ts";
import { buildHoloLensDenyPolicyModel, encodeSiPolicy } from "../../compile/app-control/index.ts";
import { compile } from "../../compile/compile.ts";
import type { CompileResult } from "../../compile/types.ts";
import { snapshotOfAppliedProgram, type AppliedProgramOptions } from "../snapshot/applied-program.ts";
import type { TenantSnapshot } from "../snapshot/schema.ts";

/** The snapshot clock of every fixture. */
export const FIXTURE_TAKEN_AT = "2025-03-01T12:00:00Z";

/** Two clients, three accounts, three devices named in the blueprint; everything else the guide's defaults. */
export const FIXTURE_BLUEPRINT = `apiVersion: holofleet/v1
metadata:
  name: audit-fixture
tenant:
  domain: contoso.onmicrosoft.com
  namingPrefix: HF
devices:
  osBaseline: "22621.1266"
  autopilot:
    groupTag: HF-HL2
isolation:
  mode: baseline
clients:
  - id: fabrikam
    displayName: Fabrikam
    loanDays: 60
    accounts:
      - upn: fabrikam-op01
        devices: [HL2-0001, HL2-0002]
      - upn: fabrikam-op02
        devices: [HL2-0002]
  - id: northwind
    displayName: Northwind
    loanDays: 30
    accounts:
      - upn: northwind-op01
        devices: [HL2-0003]
passwords:
  policy: reset-before-ship
  maxAgeDays: 90
`;

export interface AuditFixture {
  blueprint: Blueprint;
  sourceMap: YamlSourceMap;
  compiled: CompileResult;
  snapshot: TenantSnapshot;
}

/** Loads blueprint YAML without the semantic checks (fixtures may hold deliberate risks). */
export function fixtureBlueprint(text: string = FIXTURE_BLUEPRINT, file = "fixture.holofleet.yaml"): { blueprint: Blueprint; sourceMap: YamlSourceMap } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  if (doc.errors.length) throw new Error(`fixture YAML is broken: ${doc.errors[0]!.message}`);
  return { blueprint: blueprintSchema.parse(doc.toJS()), sourceMap: createSourceMap(file, doc, lineCounter) };
}

/**
 * The Enrollment Status Page the HoloLens Autopilot guide asks for (step 7), assigned to the device group.
 * The compiler does not emit one yet (issue 7), so the applied program lacks it; the fixture adds it by hand
 * to stay compliant, as an admin following the guide would.
 */
export function addGuideEsp(snapshot: TenantSnapshot): void {
  const group = snapshot.groups.find((g) => String(g.uniqueName ?? "").endsWith("-hololens-devices"));
  if (!group) return;
  snapshot.deviceEnrollmentConfigurations.push({
    "@odata.type": "#microsoft.graph.windows10EnrollmentCompletionPageConfiguration",
    id: "esp-hololens",
    displayName: "HoloLens enrollment status",
    priority: 1,
    deviceEnrollmentConfigurationType: "windows10EnrollmentCompletionPageConfiguration",
    showInstallationProgress: true,
    blockDeviceSetupRetryByUser: true,
    installProgressTimeoutInMinutes: 60,
    assignments: [{ id: "esp-hololens-assignment", target: { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId: group.id } }],
  });
}

const cache = new Map<string, { blueprint: Blueprint; compiled: CompileResult; snapshot: string }>();

/** The compliant fixture: a blueprint, its compile and the snapshot of it applied (fresh copies every call). */
export function auditFixture(text: string = FIXTURE_BLUEPRINT, options: Partial<AppliedProgramOptions> = {}): AuditFixture {
  const key = JSON.stringify([text, options]);
  let entry = cache.get(key);
  if (!entry) {
    const { blueprint } = fixtureBlueprint(text);
    const compiled = compile(blueprint);
    if (compiled.diagnostics.some((d) => d.severity === "error")) throw new Error(`fixture does not compile: ${compiled.diagnostics[0]!.message}`);
    const snapshot = snapshotOfAppliedProgram(compiled, { takenAt: FIXTURE_TAKEN_AT, devices: 3, blueprint, ...options });
    addGuideEsp(snapshot);
    entry = { blueprint, compiled, snapshot: JSON.stringify(snapshot) };
    cache.set(key, entry);
  }
  const { blueprint, sourceMap } = fixtureBlueprint(text);
  return { blueprint, sourceMap, compiled: entry.compiled, snapshot: JSON.parse(entry.snapshot) as TenantSnapshot };
}

/** A WDAC deny policy as the Base64 value of an OMA setting (what a second app-control profile would carry). */
export function wdacPolicyValue(policyId: string, packageFamilyNames: string[], fileNames: string[] = []): string {
  const model = buildHoloLensDenyPolicyModel({ policyId, name: "Another deny policy", version: "10.0.0.0", packageFamilyNames, fileNames });
  return Buffer.from(encodeSiPolicy(model)).toString("base64");
}

/** Adds a WDAC policy to the program's app-control profile (so it reaches every device). */
export function addWdacPolicy(snapshot: TenantSnapshot, guid: string, value: string): void {
  const profile = snapshot.deviceConfigurations.find((c) => c.displayName.endsWith("app control"))!;
  profile.omaSettings!.push({ "@odata.type": "#microsoft.graph.omaSettingBase64", displayName: "another policy", omaUri: `./Vendor/MSFT/ApplicationControl/Policies/${guid}/Policy`, value, fileName: `${guid}.cip` });
}

/** The fixture's device serials (a change to a profile reaches all of them). */
export const ALL_DEVICES = ["HL2-0001", "HL2-0002", "HL2-0003"];

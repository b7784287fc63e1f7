import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FIXTURE_BLUEPRINT, auditFixture } from "../posture/testing/fixtures.ts";
import { audit, readAuditInputs, type AuditEvent } from "./audit.ts";

const ib = FIXTURE_BLUEPRINT.replace("mode: baseline", "mode: information-barriers");
const work = mkdtempSync(path.join(tmpdir(), "holofleet-audit-op-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("audit()", () => {
  it("snapshot + blueprint → a result, report meta with the blueprint's locations, and events", () => {
    const f = auditFixture();
    const events: AuditEvent[] = [];
    const out = audit({ snapshot: { file: "s.json", text: JSON.stringify(f.snapshot) }, blueprint: { file: "bp.yaml", text: FIXTURE_BLUEPRINT }, toolVersion: "9.9.9" }, (e) => events.push(e));
    expect(out.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(out.result!.summary.byStatus.fail).toBe(0);
    expect(out.meta!.blueprint!.locate(["devices", "autopilot", "groupTag"])).toEqual({ line: 10, col: 15 });
    expect(events.map((e) => e.type)).toEqual(["snapshot-read", "blueprint-read", "audited"]);
  });

  it("information barriers: evidence files replace the snapshot's own; without any, the result says manual", () => {
    const f = auditFixture(ib);
    const segments = f.snapshot.evidence.organizationSegments!;
    const policies = f.snapshot.evidence.informationBarrierPolicies!;
    const bare = { ...f.snapshot, evidence: {} };
    const noEvidence = audit({ snapshot: { file: "s.json", text: JSON.stringify(bare) }, blueprint: { file: "bp.yaml", text: ib }, toolVersion: "0" });
    expect(noEvidence.result!.results.filter((r) => r.ruleId === "client-isolation/no-cross-client-reach").map((r) => r.status)).toEqual(["manual", "manual", "manual"]);
    const withFiles = audit({
      snapshot: { file: "s.json", text: JSON.stringify(bare) },
      blueprint: { file: "bp.yaml", text: ib },
      evidence: [
        { file: "ev/organization-segments.json", text: JSON.stringify(segments) },
        { file: "ev/information-barrier-policies.json", text: JSON.stringify(policies) },
      ],
      toolVersion: "0",
    });
    expect(withFiles.result!.results.filter((r) => r.ruleId === "client-isolation/no-cross-client-reach").map((r) => r.status)).toEqual(["pass", "pass", "pass"]);
  });

  it("a blueprint with errors → its located diagnostics and HF6021, no result", () => {
    const f = auditFixture();
    const out = audit({ snapshot: { file: "s.json", text: JSON.stringify(f.snapshot) }, blueprint: { file: "bp.yaml", text: FIXTURE_BLUEPRINT.replace("usb:", "usb:").replace("isolation:\n  mode: baseline", "isolation:\n  mode: walls") }, toolVersion: "0" });
    expect(out.result).toBeNull();
    expect(out.diagnostics.map((d) => d.code)).toEqual(["HF1013", "HF6021"]);
    expect(out.diagnostics[0]!.source).toMatchObject({ file: "bp.yaml" });
  });
});

describe("readAuditInputs()", () => {
  it("an evidence folder → its known files; a UTF-16 file (Windows PowerShell's `>`) → decoded", async () => {
    const dir = path.join(work, "evidence");
    mkdirSync(dir);
    writeFileSync(path.join(dir, "teams-client-configuration.json"), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(JSON.stringify({ Identity: "Global", AllowScopedPeopleSearchandAccess: true }), "utf16le")]));
    writeFileSync(path.join(dir, "notes.txt"), "not evidence");
    writeFileSync(path.join(work, "s.json"), JSON.stringify(auditFixture().snapshot));
    const { input, diagnostics } = await readAuditInputs({ snapshot: path.join(work, "s.json"), evidence: [dir] });
    expect(diagnostics).toEqual([]);
    expect(input!.evidence!.map((e) => path.basename(e.file))).toEqual(["teams-client-configuration.json"]);
    expect(JSON.parse(input!.evidence![0]!.text)).toEqual({ Identity: "Global", AllowScopedPeopleSearchandAccess: true });
    // The snapshot arrives parsed; its text is not kept.
    expect(input!.snapshot !== null && "parsed" in input!.snapshot && input!.snapshot.parsed.diagnostics).toEqual([]);
  });

  it("a missing snapshot → HF6004, no throw", async () => {
    const { input, diagnostics } = await readAuditInputs({ snapshot: path.join(work, "missing.json") });
    expect(input).toBeNull();
    expect(diagnostics).toMatchObject([{ code: "HF6004", message: expect.stringContaining("file not found") }]);
  });
});

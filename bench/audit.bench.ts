/**
 * Audit benchmark (issue 10): a snapshot of the fixture program applied to 10,000 HoloLens devices and
 * 20,000 client accounts, audited offline. Each measurement runs in a fresh Node process (peak resident
 * memory is the process's own maxRSS), three times, median kept. Reported against a baseline measured in the
 * same run: JSON.parse of the same snapshot text in the same kind of process. Targets from the issue:
 * evaluation under 2 s and under 500 MB; they are reported, never asserted.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { snapshotOfAppliedProgram } from "../src/posture/snapshot/applied-program.ts";
import { addGuideEsp, auditFixture, FIXTURE_BLUEPRINT } from "../src/posture/testing/fixtures.ts";
import type { Benchmark } from "./index.ts";

const DEVICES = 10_000;
const ACCOUNTS = 20_000;
const RUNS = 3;
const CHILD = fileURLToPath(new URL("./audit-child.ts", import.meta.url));
const REPO_ROOT = fileURLToPath(new URL("../", import.meta.url));

interface Measure {
  parseMs: number;
  evaluateMs?: number;
  peakRss: number;
  results?: number;
  failures?: number;
}

function measure(args: string[]): Measure {
  const run = spawnSync(process.execPath, ["--import", "tsx", CHILD, ...args], { cwd: REPO_ROOT, encoding: "utf8", maxBuffer: 1 << 20 });
  if (run.status !== 0) throw new Error(`benchmark child failed: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split("\n").pop()!) as Measure;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

export const auditBenchmark: Benchmark = {
  name: `audit: ${DEVICES.toLocaleString("en")} devices, ${ACCOUNTS.toLocaleString("en")} accounts, every rule (targets: < 2 s, < 500 MB)`,
  async run() {
    const work = mkdtempSync(path.join(tmpdir(), "holofleet-bench-audit-"));
    try {
      const f = auditFixture();
      const snapshot = snapshotOfAppliedProgram(f.compiled, { takenAt: "2025-03-01T12:00:00Z", devices: DEVICES, accounts: ACCOUNTS, blueprint: f.blueprint });
      // The Enrollment Status Page the guide asks for, which the compiler does not emit yet (as in the rule tests).
      addGuideEsp(snapshot);
      const snapshotFile = path.join(work, "snapshot.json");
      const blueprintFile = path.join(work, "fleet.holofleet.yaml");
      const text = JSON.stringify(snapshot);
      writeFileSync(snapshotFile, text);
      writeFileSync(blueprintFile, FIXTURE_BLUEPRINT);
      const baseline: Measure[] = [];
      const audits: Measure[] = [];
      for (let i = 0; i < RUNS; i++) {
        baseline.push(measure(["baseline", snapshotFile]));
        audits.push(measure(["audit", snapshotFile, blueprintFile]));
      }
      const base = { parse: median(baseline.map((m) => m.parseMs)), rss: median(baseline.map((m) => m.peakRss)) };
      const a = { parse: median(audits.map((m) => m.parseMs)), evaluate: median(audits.map((m) => m.evaluateMs!)), rss: median(audits.map((m) => m.peakRss)) };
      const total = a.parse + a.evaluate;
      return [
        `snapshot: ${(text.length / 1024 / 1024).toFixed(1)} MB of JSON; ${audits[0]!.results!.toLocaleString("en")} results, ${audits[0]!.failures} failures; median of ${RUNS} runs, each in a fresh process`,
        `baseline JSON.parse of the snapshot       ${base.parse.toFixed(0)} ms, peak RSS ${mb(base.rss)}`,
        `read + validate (JSON.parse + zod)        ${a.parse.toFixed(0)} ms  (${(a.parse / base.parse).toFixed(1)}× baseline)`,
        `evaluate (posture + every rule)           ${a.evaluate.toFixed(0)} ms  (${(a.evaluate / base.parse).toFixed(1)}× baseline)  target < 2000 ms`,
        `total                                     ${total.toFixed(0)} ms  (${(total / base.parse).toFixed(1)}× baseline)`,
        `peak RSS of the audit process             ${mb(a.rss)}  (${(a.rss / base.rss).toFixed(2)}× baseline)  target < 500 MB`,
      ];
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  },
};

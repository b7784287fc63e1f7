import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { auditFixture, FIXTURE_BLUEPRINT } from "../../posture/testing/fixtures.ts";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const work = mkdtempSync(path.join(tmpdir(), "holofleet-audit-cli-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function holofleet(...args: string[]) {
  const run = spawnSync("npx", ["tsx", "src/cli/main.ts", ...args], { cwd: repoRoot, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const noStackTrace = (text: string) => {
  expect(text).not.toMatch(/^\s+at .+\(.+:\d+:\d+\)$/m);
  expect(text).not.toContain("internal error");
};

const bp = path.join(work, "fleet.holofleet.yaml");
writeFileSync(bp, FIXTURE_BLUEPRINT);
const good = path.join(work, "good.json");
writeFileSync(good, JSON.stringify(auditFixture().snapshot, null, 2));
const usbOn = path.join(work, "usb-on.json");
const s = auditFixture().snapshot;
s.deviceConfigurations.find((c) => c.displayName.endsWith("restrictions"))!.omaSettings!.find((o) => o.omaUri.endsWith("AllowUSBConnection"))!.value = 1;
writeFileSync(usbOn, JSON.stringify(s, null, 2));

describe("holofleet audit", () => {
  it("a compliant snapshot and its blueprint → exit 0 and the table by concern", () => {
    const run = holofleet("audit", "--snapshot", good, "--blueprint", bp);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("holofleet audit — contoso.onmicrosoft.com");
    expect(run.stdout).toMatch(/\d+ results: \d+ pass/);
  });

  it("USB back on (medium) → exit 3 at --fail-on medium with the SARIF written; exit 0 at --fail-on high", () => {
    const out = path.join(work, "audit.sarif");
    const medium = holofleet("audit", "--snapshot", usbOn, "--blueprint", bp, "--format", "sarif", "--output", out, "--fail-on", "medium");
    expect(medium.code).toBe(3);
    expect(medium.stderr).toContain("wrote sarif report");
    expect(JSON.parse(readFileSync(out, "utf8")).runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toContain("usb/no-usb-data");
    const high = holofleet("audit", "--snapshot", usbOn, "--blueprint", bp, "--format", "json", "--fail-on", "high");
    expect(high.code).toBe(0);
    expect(JSON.parse(high.stdout).formatVersion).toBe(1);
  });

  it("a truncated snapshot → exit 1, file:line:col HF6001, no stack trace", () => {
    const cut = path.join(work, "cut.json");
    writeFileSync(cut, readFileSync(good, "utf8").slice(0, 3000));
    const run = holofleet("audit", "--snapshot", cut);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`${cut.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:\\d+:\\d+  HF6001`));
    noStackTrace(run.stderr);
  });

  it("live without a started local tenant → exit 1 saying how to start it; --snapshot with --tenant → exit 1", () => {
    const live = holofleet("audit", "--blueprint", bp);
    expect(live.code).toBe(1);
    expect(live.stderr).toContain("HF5101");
    expect(live.stderr).toContain("holofleet tenant local start");
    expect(live.stderr).toContain("audit not run");
    noStackTrace(live.stderr);
    const both = holofleet("audit", "--snapshot", good, "--tenant", "contoso.onmicrosoft.com");
    expect(both.code).toBe(1);
    expect(both.stderr).toContain("exclude each other");
    noStackTrace(both.stderr);
  });
});

/**
 * `holofleet fleet import|list|show` as an operator runs them, against a local test tenant: the waiting
 * is bounded (`--wait 0` leaves the import pending, a second run picks it up after the tenant's clock
 * moved), a bad file imports nothing, and the store answers list and show.
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AUTOPILOT_IMPORT_DELAY_MS } from "../../tenant-sim/intune/autopilot-import.ts";
import { cliWorkDir, holofleet, startFleetTest, type FleetTest } from "../../operations/fleet-testing.ts";

let f: FleetTest;
let cwd: string;
beforeAll(async () => {
  f = await startFleetTest();
  cwd = cliWorkDir(f);
});
afterAll(async () => {
  await f?.close();
  rmSync(cwd, { recursive: true, force: true });
});

describe("holofleet fleet", { timeout: 120_000 }, () => {
  it("a CSV with a bad row → every problem at its line, exit 1, nothing recorded or sent; --skip-invalid imports the good rows", async () => {
    const lines = readFileSync(join(cwd, "devices.csv"), "utf8").split(/\r?\n/);
    const bad = [...lines.slice(0, 2), "BAD SERIAL,,notbase64!,CFS-HL2", ...lines.slice(2)].join("\n");
    writeFileSync(join(cwd, "bad.csv"), bad);
    const run = await holofleet(cwd, "fleet", "import", "bad.csv", "--wait", "0");
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/bad\.csv:3:\d+ +HF8006/);
    expect(run.stderr).toContain("nothing imported from bad.csv");
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
    const list = await holofleet(cwd, "fleet", "list", "--json");
    expect(JSON.parse(list.stdout)).toEqual({ formatVersion: 1, devices: [] });
    expect((await f.t.graph("GET", "/v1.0/deviceManagement/importedWindowsAutopilotDeviceIdentities")).body.value).toEqual([]);

    const skipping = await holofleet(cwd, "fleet", "import", "bad.csv", "--skip-invalid", "--wait", "0");
    expect(skipping.stderr).toContain("skipping 1 invalid row(s)");
    expect(skipping.code).toBe(2); // recorded and sent, still pending
    expect(skipping.stdout.trim().split("\n")).toHaveLength(4);
  });

  it("--wait 0 → pending (exit 2); after the tenant's clock moves, the same command registers every device (exit 0)", async () => {
    const first = await holofleet(cwd, "fleet", "import", "devices.csv", "--wait", "0");
    expect(first.code).toBe(2);
    expect(first.stderr).toContain("HF8104");
    await f.ctx.wait(AUTOPILOT_IMPORT_DELAY_MS);
    const second = await holofleet(cwd, "fleet", "import", "devices.csv");
    expect(second.stderr).toContain("Autopilot: 4 registered, 0 failed, 0 pending");
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/^HL2-000101 {2}registered \([0-9a-f-]{36}\)$/m);
  });

  it("fleet list --json → { formatVersion, devices } with state and Autopilot id; --state filters", async () => {
    const list = await holofleet(cwd, "fleet", "list", "--json");
    expect(list.code).toBe(0);
    const json = JSON.parse(list.stdout) as { formatVersion: number; devices: { serial: string; state: string; autopilotId: string | null }[] };
    expect(json.formatVersion).toBe(1);
    expect(json.devices.map((d) => d.serial)).toEqual(["HL2-000101", "HL2-000102", "HL2-000201", "HL2-000301"]);
    expect(json.devices.every((d) => d.state === "in-stock" && d.autopilotId)).toBe(true);
    const shipped = await holofleet(cwd, "fleet", "list", "--state", "shipped");
    expect(shipped).toMatchObject({ code: 0, stdout: "no device is shipped\n" });
    const text = await holofleet(cwd, "fleet", "list");
    expect(text.stdout).toMatch(/^HL2-000201 +in-stock +registered$/m);
  });

  it("fleet show → state, ids, initial allocation and history; an unknown serial → HF8105, exit 1", async () => {
    const show = await holofleet(cwd, "fleet", "show", "HL2-000201");
    expect(show.code).toBe(0);
    expect(show.stdout).toContain("device HL2-000201: in-stock");
    expect(show.stdout).toContain("initial allocation (blueprint): northwind");
    expect(show.stdout).toMatch(/device\.added +cli:tester/);
    const missing = await holofleet(cwd, "fleet", "show", "NOPE");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/HF8105 +no device NOPE in the fleet store/);
  });
});

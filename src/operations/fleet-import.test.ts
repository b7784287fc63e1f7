import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readHardwareHashCsvFile } from "../fleet/read-hardware-hash-csv-file.ts";
import type { HardwareHashRow } from "../fleet/hardware-hash-csv.ts";
import { importDevices, type FleetImportEvent } from "./fleet-import.ts";
import { EXAMPLE_CSV, startFleetTest, type FleetTest } from "./fleet-testing.ts";

let f: FleetTest;
let rows: HardwareHashRow[];
beforeEach(async () => {
  f = await startFleetTest();
  rows = (await readHardwareHashCsvFile(fileURLToPath(EXAMPLE_CSV))).rows;
});
afterEach(async () => {
  await f?.close();
});

const imported = async () => (await f.t.graph("GET", "/v1.0/deviceManagement/importedWindowsAutopilotDeviceIdentities")).body.value as unknown[];
const registered = async () => (await f.t.graph("GET", "/v1.0/deviceManagement/windowsAutopilotDeviceIdentities")).body.value as { id: string; serialNumber: string; groupTag: string }[];

describe("importDevices", () => {
  it("the example CSV → recorded, registered with the program's group tag after the tenant's clock moves, imports cleaned up", async () => {
    const events: FleetImportEvent[] = [];
    const result = await importDevices(f.ctx, { rows, file: "devices.csv" }, { pollMs: 5_000 }, (e) => events.push(e));
    expect(result.diagnostics).toEqual([]);
    expect(result.outcomes.map((o) => o.outcome)).toEqual(["registered", "registered", "registered", "registered"]);
    const tenant = await registered();
    expect(tenant.map((d) => d.serialNumber).sort()).toEqual(rows.map((r) => r.serialNumber).sort());
    expect(new Set(tenant.map((d) => d.groupTag))).toEqual(new Set(["CFS-HL2"]));
    for (const o of result.outcomes) {
      const device = await f.store.devices.get(o.serial);
      expect(device).toMatchObject({ state: "in-stock", groupTag: "CFS-HL2", model: "HoloLens 2" });
      expect(device?.autopilotId).toBe(tenant.find((d) => d.serialNumber === o.serial)?.id);
    }
    // It waited (pending first), reported progress, and deleted the settled import records.
    const progress = events.filter((e) => e.type === "progress");
    expect(progress[0]).toMatchObject({ pending: 4, complete: 0 });
    expect(progress.at(-1)).toMatchObject({ pending: 0, complete: 4, failed: 0 });
    expect(await imported()).toEqual([]);
    // The blueprint's device lists became the devices' initial allocation.
    const allocated = await f.store.events.list({ subjectType: "device", subjectId: "HL2-000201" });
    expect(allocated.map((e) => e.action)).toContain("device.allocated");
    expect(allocated.find((e) => e.action === "device.allocated")?.after).toMatchObject({ clientId: "northwind" });
  });

  it("run twice → the second run sends no import and reports every device already registered", async () => {
    await importDevices(f.ctx, { rows, file: "devices.csv" }, { pollMs: 10_000 });
    const events: FleetImportEvent[] = [];
    const again = await importDevices(f.ctx, { rows, file: "devices.csv" }, { pollMs: 10_000 }, (e) => events.push(e));
    expect(again.outcomes.map((o) => o.outcome)).toEqual(["already-registered", "already-registered", "already-registered", "already-registered"]);
    expect(events.some((e) => e.type === "submitted")).toBe(false);
    expect(await registered()).toHaveLength(4);
  });

  it("a hash the tenant already has under another serial → that device fails with 806 (HF8103, at its line); the others register", async () => {
    const sim = await f.t.sim("POST", "/devices", { serialNumber: "ELSEWHERE-1", hardwareHash: rows[0]!.hardwareHash, osVersion: "10.0.22621.1266" });
    expect(sim.status).toBe(201);
    const result = await importDevices(f.ctx, { rows, file: "devices.csv" }, { pollMs: 10_000 });
    expect(result.outcomes[0]).toMatchObject({ serial: rows[0]!.serialNumber, outcome: "failed", errorCode: 806 });
    expect(result.outcomes.slice(1).map((o) => o.outcome)).toEqual(["registered", "registered", "registered"]);
    expect(result.diagnostics).toEqual([expect.objectContaining({ code: "HF8103", source: { file: "devices.csv", start: { line: rows[0]!.line, col: 1 } } })]);
    expect((await f.store.devices.get(rows[0]!.serialNumber))?.autopilotId).toBeNull();
  });

  it("the wait ends before Autopilot does → pending (HF8104); a second run follows the same import instead of sending it again", async () => {
    const stuck = { ...f.ctx, wait: async () => {} };
    const first = await importDevices(stuck, { rows, file: "devices.csv" }, { pollMs: 1_000, timeoutMs: 3_000 });
    expect(first.outcomes.map((o) => o.outcome)).toEqual(["pending", "pending", "pending", "pending"]);
    expect(first.diagnostics.map((d) => d.code)).toEqual(["HF8104", "HF8104", "HF8104", "HF8104"]);
    expect(await imported()).toHaveLength(4);
    const events: FleetImportEvent[] = [];
    const second = await importDevices(f.ctx, { rows, file: "devices.csv" }, { pollMs: 10_000 }, (e) => events.push(e));
    expect(events.some((e) => e.type === "submitted")).toBe(false);
    expect(second.outcomes.map((o) => o.outcome)).toEqual(["registered", "registered", "registered", "registered"]);
    expect(await registered()).toHaveLength(4);
  });

  it("a serial the store knows under another hash → HF8101 and nothing is written or sent", async () => {
    await f.store.devices.add([{ serial: rows[1]!.serialNumber, hardwareHash: rows[0]!.hardwareHash.slice(4) + "AAAA" }], "cli:test");
    const result = await importDevices(f.ctx, { rows, file: "devices.csv" }, { pollMs: 10_000 });
    expect(result.outcomes).toEqual([]);
    expect(result.diagnostics.map((d) => d.code)).toEqual(["HF8101"]);
    expect((await f.store.devices.list()).total).toBe(1);
    expect(await imported()).toEqual([]);
  });

  it("an imported device → the simulated HoloLens attaches to its registration and enrolls", async () => {
    await importDevices(f.ctx, { rows, file: "devices.csv" }, { pollMs: 10_000 });
    const sim = await f.t.sim("POST", "/devices", { serialNumber: rows[0]!.serialNumber, hardwareHash: rows[0]!.hardwareHash, osVersion: "10.0.22621.1266", enroll: true });
    expect(sim.status).toBe(201);
    expect(sim.body.autopilotDeviceId).toBe((await f.store.devices.get(rows[0]!.serialNumber))?.autopilotId);
    expect(await registered()).toHaveLength(4);
  });
});

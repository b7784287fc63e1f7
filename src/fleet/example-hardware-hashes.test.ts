/**
 * The sample hardware-hash CSV in examples/ belongs to the bundled example program: the same serials,
 * the program's group tag, and hashes the local tenant's Autopilot import registers.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadBlueprint } from "../blueprint/load.ts";
import { AUTOPILOT_IMPORT_DELAY_MS } from "../tenant-sim/intune/autopilot-import.ts";
import { startTestTenant, type TestTenant } from "../tenant-sim/testing.ts";
import { readHardwareHashCsvFile } from "./read-hardware-hash-csv-file.ts";

const CSV = new URL("../../examples/same-tenant-three-clients.hardware-hashes.csv", import.meta.url);
const BLUEPRINT = new URL("../../examples/same-tenant-three-clients.holofleet.yaml", import.meta.url);

let t: TestTenant;
beforeAll(async () => {
  t = await startTestTenant();
});
afterAll(async () => {
  await t?.close();
});

describe("examples/same-tenant-three-clients.hardware-hashes.csv", () => {
  it("reads cleanly and lists exactly the example program's devices, with its group tag", async () => {
    const csv = await readHardwareHashCsvFile(fileURLToPath(CSV));
    expect(csv.diagnostics).toEqual([]);
    const { blueprint } = loadBlueprint(readFileSync(BLUEPRINT, "utf8"), "example.yaml");
    const serials = new Set(blueprint!.clients.flatMap((c) => c.accounts.flatMap((a) => a.devices)));
    expect(csv.rows.map((r) => r.serialNumber).sort()).toEqual([...serials].sort());
    expect(new Set(csv.rows.map((r) => r.groupTag))).toEqual(new Set([blueprint!.devices.autopilot.groupTag]));
  });

  it("every row → registered by the local tenant's Autopilot import (pending, then complete)", async () => {
    const { rows } = await readHardwareHashCsvFile(fileURLToPath(CSV));
    const imported = await t.graph("POST", "/v1.0/deviceManagement/importedWindowsAutopilotDeviceIdentities/import", {
      importedWindowsAutopilotDeviceIdentities: rows.map((r) => ({
        "@odata.type": "#microsoft.graph.importedWindowsAutopilotDeviceIdentity",
        serialNumber: r.serialNumber,
        productKey: r.productId ?? "",
        hardwareIdentifier: r.hardwareHash,
        groupTag: r.groupTag,
      })),
    });
    expect(imported.status).toBe(200);
    const now = (await t.sim("GET", "/clock")).body.now as string;
    await t.sim("POST", "/clock", { now: new Date(Date.parse(now) + AUTOPILOT_IMPORT_DELAY_MS).toISOString() });
    for (const { id } of imported.body.value as { id: string }[]) {
      const done = await t.graph("GET", `/v1.0/deviceManagement/importedWindowsAutopilotDeviceIdentities/${id}`);
      expect(done.body.state).toMatchObject({ deviceImportStatus: "complete", deviceErrorCode: 0 });
    }
    const registered = await t.graph("GET", "/v1.0/deviceManagement/windowsAutopilotDeviceIdentities");
    expect((registered.body.value as { serialNumber: string }[]).map((d) => d.serialNumber).sort()).toEqual(rows.map((r) => r.serialNumber).sort());
  });
});

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openSimStore, type SqliteSimStore } from "../store.ts";
import { buildManagedDevice, completeDueWipes, managedDeviceNameFor, queueWipe, SIM_DEVICES_KIND, WIPE_DELAY_MS, type ManagedDeviceDoc } from "./managed-device.ts";

const NOW = new Date("2026-11-29T10:00:00Z");
const device = buildManagedDevice({
  id: "md-1",
  deviceName: "HOLOLENS-ABC123",
  serialNumber: "SN1",
  osVersion: "10.0.22621.1266",
  azureADDeviceId: "aad-1",
  autopilotId: "ap-1",
  entraObjectId: "obj-1",
  user: null,
  now: NOW,
});

let store: SqliteSimStore;
beforeEach(() => {
  store = openSimStore(":memory:");
});
afterEach(() => store.close());

describe("buildManagedDevice", () => {
  it("describes a company-owned HoloLens 2 enrolled through Entra join", () => {
    expect(device).toMatchObject({
      model: "HoloLens 2",
      manufacturer: "Microsoft Corporation",
      operatingSystem: "Windows",
      managedDeviceOwnerType: "company",
      deviceEnrollmentType: "windowsAzureADJoin",
      managementState: "managed",
      enrolledDateTime: NOW.toISOString(),
      userPrincipalName: null,
    });
    expect(device.managedDeviceName).toBe("userless_Windows_11/29/2026_10:00 AM");
    expect(managedDeviceNameFor("op01@contoso.test", new Date("2026-01-02T00:05:00Z"))).toBe("op01_Windows_1/2/2026_12:05 AM");
    expect(managedDeviceNameFor("op01@contoso.test", new Date("2026-01-02T13:30:00Z"))).toBe("op01_Windows_1/2/2026_1:30 PM");
  });
});

describe("wipe", () => {
  it("queues once, then removes the record after the delay and frees the simulated device", () => {
    const queued = queueWipe(device, NOW);
    expect(queued.managementState).toBe("wipePending");
    expect(queueWipe(queued, new Date(NOW.getTime() + 1000)).deviceActionResults).toHaveLength(1);
    store.put("managedDevices", queued);
    store.put(SIM_DEVICES_KIND, { id: "sim-1", managedDeviceId: "md-1", state: "enrolled" });
    store.put("deviceConfigurations", { id: "c-1", _deviceStatuses: { "md-1": { status: "compliant" }, "md-2": { status: "error" } } });
    expect(completeDueWipes(store, new Date(NOW.getTime() + WIPE_DELAY_MS - 1))).toEqual([]);
    expect(completeDueWipes(store, new Date(NOW.getTime() + WIPE_DELAY_MS))).toEqual(["md-1"]);
    expect(store.get<ManagedDeviceDoc>("managedDevices", "md-1")).toBeUndefined();
    expect(store.get(SIM_DEVICES_KIND, "sim-1")).toMatchObject({ state: "wiped", managedDeviceId: null });
    expect(store.get<{ _deviceStatuses: object }>("deviceConfigurations", "c-1")?._deviceStatuses).toEqual({ "md-2": { status: "error" } });
  });
});

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openSimStore, type SqliteSimStore } from "../store.ts";
import { AUTOPILOT_IMPORT_DELAY_MS, newImportedIdentity, type ImportedIdentityDoc } from "./autopilot-import.ts";
import {
  fingerprintOf,
  processDueImports,
  registerAutopilotDevice,
  type AutopilotIdentityDoc,
  type EntraDeviceDoc,
} from "./autopilot-registration.ts";
import { simulatedHardwareHash } from "./hardware-hash.ts";

const T0 = new Date("2026-11-29T10:00:00Z");
const due = new Date(T0.getTime() + AUTOPILOT_IMPORT_DELAY_MS);
let store: SqliteSimStore;

beforeEach(() => {
  store = openSimStore(":memory:");
});
afterEach(() => store.close());

describe("registerAutopilotDevice", () => {
  it("writes the identity and an Entra device with Autopilot's physical ids", () => {
    const hash = simulatedHardwareHash("HL2-0001");
    const { identity, entraDevice } = registerAutopilotDevice(store, {
      serialNumber: "HL2-0001", hardwareIdentifier: hash, fingerprint: fingerprintOf(hash), groupTag: "ClientA", purchaseOrderIdentifier: "PO-7",
    }, T0);
    expect(store.get<AutopilotIdentityDoc>("windowsAutopilotDeviceIdentities", identity.id)?.serialNumber).toBe("HL2-0001");
    const stored = store.get<EntraDeviceDoc>("devices", entraDevice.id);
    expect(stored?.physicalIds).toEqual([
      `[ZTDId]:${identity.id}`,
      expect.stringMatching(/^\[HWID\]:h:[0-9a-f]{40}$/),
      "[OrderID]:ClientA",
      "[PurchaseOrderId]:PO-7",
    ]);
    expect(stored).toMatchObject({ displayName: "HL2-0001", trustType: "AzureAd", operatingSystem: "Windows", accountEnabled: true });
    expect(identity.azureActiveDirectoryDeviceId).toBe(entraDevice.deviceId);
    expect(identity.enrollmentState).toBe("notContacted");
  });
});

describe("processDueImports", () => {
  const put = (doc: ImportedIdentityDoc) => store.put("importedWindowsAutopilotDeviceIdentities", doc);
  const get = (id: string) => store.get<ImportedIdentityDoc>("importedWindowsAutopilotDeviceIdentities", id)!;

  it("leaves imports alone until they are due, then registers them", () => {
    put(newImportedIdentity({ serialNumber: "HL2-0001", groupTag: "ClientA", hardwareIdentifier: simulatedHardwareHash("HL2-0001") }, "imp-1", T0));
    expect(processDueImports(store, T0)).toBe(0);
    expect(get("imp-1").state.deviceImportStatus).toBe("pending");
    expect(processDueImports(store, due)).toBe(1);
    const state = get("imp-1").state;
    expect(state.deviceImportStatus).toBe("complete");
    const identity = store.get<AutopilotIdentityDoc>("windowsAutopilotDeviceIdentities", state.deviceRegistrationId!);
    expect(identity).toMatchObject({ serialNumber: "HL2-0001", groupTag: "ClientA" });
  });

  it("gives 806 to the second of two imports of one hash, and to a later re-import", () => {
    const hash = simulatedHardwareHash("HL2-0001");
    put(newImportedIdentity({ serialNumber: "HL2-0001", hardwareIdentifier: hash }, "imp-1", T0));
    put(newImportedIdentity({ serialNumber: "HL2-0001", hardwareIdentifier: hash }, "imp-2", T0));
    processDueImports(store, due);
    expect(get("imp-1").state.deviceImportStatus).toBe("complete");
    expect(get("imp-2").state).toMatchObject({ deviceImportStatus: "error", deviceErrorCode: 806, deviceErrorName: "ZtdDeviceAlreadyAssigned" });
    put(newImportedIdentity({ serialNumber: "HL2-0001", hardwareIdentifier: hash }, "imp-3", due));
    processDueImports(store, new Date(due.getTime() + AUTOPILOT_IMPORT_DELAY_MS));
    expect(get("imp-3").state.deviceErrorCode).toBe(806);
    expect(store.list("windowsAutopilotDeviceIdentities")).toHaveLength(1);
  });

  it("allows a re-import after the device was deregistered", () => {
    const hash = simulatedHardwareHash("HL2-0001");
    put(newImportedIdentity({ serialNumber: "HL2-0001", hardwareIdentifier: hash }, "imp-1", T0));
    processDueImports(store, due);
    store.delete("windowsAutopilotDeviceIdentities", get("imp-1").state.deviceRegistrationId!);
    put(newImportedIdentity({ serialNumber: "HL2-0001", hardwareIdentifier: hash }, "imp-2", due));
    processDueImports(store, new Date(due.getTime() + AUTOPILOT_IMPORT_DELAY_MS));
    expect(get("imp-2").state.deviceImportStatus).toBe("complete");
  });
});

describe("applyDuePropertyUpdates", () => {
  it("applies a group tag change after the delay and moves the Entra [OrderID]", async () => {
    const { applyDuePropertyUpdates, DEVICE_PROPERTIES_DELAY_MS } = await import("./autopilot-registration.ts");
    const hash = simulatedHardwareHash("HL2-0009");
    const { identity, entraDevice } = registerAutopilotDevice(store, { serialNumber: "HL2-0009", hardwareIdentifier: hash, fingerprint: fingerprintOf(hash), groupTag: "ClientA" }, T0);
    const dueAt = new Date(T0.getTime() + DEVICE_PROPERTIES_DELAY_MS);
    store.put("windowsAutopilotDeviceIdentities", { ...identity, _pendingUpdate: { dueAt: dueAt.toISOString(), fields: { groupTag: "ClientB" } } });
    expect(applyDuePropertyUpdates(store, T0)).toBe(0);
    expect(store.get<AutopilotIdentityDoc>("windowsAutopilotDeviceIdentities", identity.id)?.groupTag).toBe("ClientA");
    expect(applyDuePropertyUpdates(store, dueAt)).toBe(1);
    const updated = store.get<AutopilotIdentityDoc & { _pendingUpdate?: unknown }>("windowsAutopilotDeviceIdentities", identity.id);
    expect(updated?.groupTag).toBe("ClientB");
    expect(updated?._pendingUpdate).toBeUndefined();
    const physicalIds = store.get<EntraDeviceDoc>("devices", entraDevice.id)?.physicalIds ?? [];
    expect(physicalIds.filter((p) => p.startsWith("[OrderID]:"))).toEqual(["[OrderID]:ClientB"]);
  });
});

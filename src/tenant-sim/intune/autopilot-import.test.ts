import { describe, expect, it } from "vitest";
import {
  AUTOPILOT_IMPORT_DELAY_MS,
  decideImport,
  ImportBodyError,
  importIsDue,
  newImportedIdentity,
  settledImport,
} from "./autopilot-import.ts";
import { normaliseHardwareHash, simulatedHardwareHash } from "./hardware-hash.ts";

const T0 = new Date("2026-11-29T10:00:00Z");
const later = new Date(T0.getTime() + AUTOPILOT_IMPORT_DELAY_MS);
const hash = simulatedHardwareHash("HL2-0001");

describe("newImportedIdentity", () => {
  it("starts pending with no error and keeps the request fields", () => {
    const doc = newImportedIdentity({ serialNumber: "HL2-0001", groupTag: "ClientA", hardwareIdentifier: hash }, "imp-1", T0);
    expect(doc).toMatchObject({
      id: "imp-1",
      serialNumber: "HL2-0001",
      groupTag: "ClientA",
      productKey: null,
      hardwareIdentifier: hash,
      state: { deviceImportStatus: "pending", deviceErrorCode: 0, deviceErrorName: null, deviceRegistrationId: null },
      _submittedAt: T0.toISOString(),
    });
  });

  it("rejects non-base64 hardwareIdentifier and wrongly typed fields synchronously", () => {
    expect(() => newImportedIdentity({ hardwareIdentifier: "??" }, "x", T0)).toThrow(ImportBodyError);
    expect(() => newImportedIdentity({ serialNumber: 42 }, "x", T0)).toThrow("Property 'serialNumber' must be a string.");
  });
});

describe("import state machine", () => {
  const doc = newImportedIdentity({ serialNumber: "HL2-0001", hardwareIdentifier: hash }, "imp-1", T0);

  it("is due only after the delay and only while pending", () => {
    expect(importIsDue(doc, new Date(T0.getTime() + AUTOPILOT_IMPORT_DELAY_MS - 1))).toBe(false);
    expect(importIsDue(doc, later)).toBe(true);
    const done = settledImport(doc, { status: "error", code: 806, name: "ZtdDeviceAlreadyAssigned" }, null);
    expect(importIsDue(done, later)).toBe(false);
  });

  it("completes a new hash and records the registration id", () => {
    const outcome = decideImport(doc, new Set());
    expect(outcome.status).toBe("complete");
    expect(settledImport(doc, outcome, "reg-1").state).toEqual({
      deviceImportStatus: "complete", deviceRegistrationId: "reg-1", deviceErrorCode: 0, deviceErrorName: null,
    });
  });

  it("fails a re-import of a registered hash with 806 ZtdDeviceAlreadyAssigned", () => {
    const check = normaliseHardwareHash(hash);
    if (!check.ok) throw new Error("bad fixture");
    const outcome = decideImport(doc, new Set([check.fingerprint]));
    expect(settledImport(doc, outcome, null).state).toEqual({
      deviceImportStatus: "error", deviceRegistrationId: null, deviceErrorCode: 806, deviceErrorName: "ZtdDeviceAlreadyAssigned",
    });
  });

  it("fails a missing hash with 802 and a missing serial and product key with 803", () => {
    const noHash = newImportedIdentity({ serialNumber: "HL2-0002" }, "imp-2", T0);
    expect(decideImport(noHash, new Set())).toEqual({ status: "error", code: 802, name: "InvalidZtdHardwareHash" });
    const noSerial = newImportedIdentity({ hardwareIdentifier: hash }, "imp-3", T0);
    expect(decideImport(noSerial, new Set())).toEqual({ status: "error", code: 803, name: "MissingZtdSerialNumberAndProductKey" });
  });
});

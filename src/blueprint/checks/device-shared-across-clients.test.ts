import { describe, expect, it } from "vitest";
import { deviceSharedAcrossClients } from "./device-shared-across-clients.ts";
import { blueprintForCheck, FIXTURE_HEAD } from "./test-support.ts";

describe("device-shared-across-clients", () => {
  it("finding → HF2023 error at 14:29", () => {
    const { bp, src } = blueprintForCheck(FIXTURE_HEAD + "clients:\n  - id: fabrikam\n    accounts:\n      - upn: fabrikam-op01\n        devices: [HL2-0001]\n  - id: northwind\n    accounts:\n      - upn: northwind-op01\n        devices: [HL2-0002, HL2-0001]\n");
    const found = deviceSharedAcrossClients(bp, src);
    expect(found.map((d) => [d.code, d.severity, d.source?.start.line, d.source?.start.col])).toEqual([
      ["HF2023", "error", 14, 29],
    ]);
    expect(found[0]!.message.length).toBeGreaterThan(20);
    expect(found[0]!.fix ?? "").not.toBe("");
  });

  it("compliant blueprint → no finding", () => {
    const { bp, src } = blueprintForCheck(FIXTURE_HEAD + "clients:\n  - id: fabrikam\n    accounts:\n      - upn: fabrikam-op01\n        devices: [HL2-0001]\n      - upn: fabrikam-op02\n        devices: [HL2-0001]\n");
    expect(deviceSharedAcrossClients(bp, src)).toEqual([]);
  });
});

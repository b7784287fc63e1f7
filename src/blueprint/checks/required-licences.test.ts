import { describe, expect, it } from "vitest";
import { requiredLicences } from "./required-licences.ts";
import { blueprintForCheck, FIXTURE_CLIENT, FIXTURE_HEAD } from "./test-support.ts";

const GUIDES_KIOSK = "devices:\n  kiosk:\n    callingApp: dynamics-365-guides\n";

function run(yaml: string) {
  const { bp, src } = blueprintForCheck(FIXTURE_HEAD + yaml + FIXTURE_CLIENT);
  return requiredLicences(bp, src);
}

describe("required-licences", () => {
  it("Guides as the calling app without a Guides licence → HF2061 error at licensing.skus (7:3) naming GUIDES_USER", () => {
    const found = run("licensing:\n  skus: [MICROSOFT_REMOTE_ASSIST, INTUNE_A, AAD_PREMIUM]\n" + GUIDES_KIOSK);
    expect(found.map((d) => [d.code, d.severity, d.source?.start.line, d.source?.start.col])).toEqual([["HF2061", "error", 7, 3]]);
    expect(found[0]!.message).toContain("devices.kiosk.callingApp is dynamics-365-guides");
    expect(found[0]!.message).toContain("Dynamics 365 Guides (GUIDES_USER, service plan GUIDES)");
    expect(found[0]!.why).toContain("Guides User");
    expect(found[0]!.fix).toContain("Add GUIDES_USER to licensing.skus");
  });

  it("Guides with the default SKUs (skus not written) → the finding points at devices.kiosk.callingApp (8:17)", () => {
    const found = run(GUIDES_KIOSK);
    expect(found.map((d) => [d.code, d.source?.start.line, d.source?.start.col])).toEqual([["HF2061", 8, 17]]);
  });

  it("Guides licensed through GUIDES_USER → no finding", () => {
    expect(run("licensing:\n  skus: [GUIDES_USER, MICROSOFT_REMOTE_ASSIST, INTUNE_A, AAD_PREMIUM]\n" + GUIDES_KIOSK)).toEqual([]);
  });

  it("a suite that carries the GUIDES plan also licenses Guides", () => {
    expect(run("licensing:\n  skus: [DYN365_TEAM_MEMBERS, MICROSOFT_REMOTE_ASSIST, INTUNE_A, AAD_PREMIUM]\n" + GUIDES_KIOSK)).toEqual([]);
  });

  it("the Guides plan disabled → HF2061 at that disabledServicePlans entry", () => {
    const found = run("licensing:\n  skus: [GUIDES_USER, MICROSOFT_REMOTE_ASSIST, INTUNE_A, AAD_PREMIUM]\n  disabledServicePlans: [MFA_PREMIUM, GUIDES]\n" + GUIDES_KIOSK);
    expect(found.map((d) => [d.code, d.source?.start.line, d.source?.start.col])).toEqual([["HF2061", 8, 39]]);
    expect(found[0]!.fix).toBe("Remove GUIDES from licensing.disabledServicePlans.");
  });

  it("Remote Assist in the kiosk but no Remote Assist licence → HF2061 for it", () => {
    const found = run("licensing:\n  skus: [GUIDES_USER, INTUNE_A, AAD_PREMIUM]\ndevices:\n  kiosk:\n    callingApp: dynamics-365-guides\n    apps: [dynamics-365-guides, remote-assist, settings]\n");
    expect(found.map((d) => d.message)).toEqual([expect.stringContaining("devices.kiosk.apps lists remote-assist, but no SKU in licensing.skus carries Dynamics 365 Remote Assist")]);
  });

  it("SPE_E3 alone → Intune and Entra ID are covered, Remote Assist is not", () => {
    const found = run("licensing:\n  skus: [SPE_E3]\n");
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain("MICROSOFT_REMOTE_ASSIST");
  });

  it("no Intune and no Entra ID P1 → one finding each", () => {
    const found = run("licensing:\n  skus: [MICROSOFT_REMOTE_ASSIST]\n");
    expect(found.map((d) => d.message)).toEqual([expect.stringContaining("Microsoft Entra ID (AAD_PREMIUM"), expect.stringContaining("Microsoft Intune (INTUNE_A")]);
  });

  it("an unknown SKU → no finding here (unknown-sku reports it)", () => {
    expect(run("licensing:\n  skus: [REMOTE_ASSIST_GOLD]\n")).toEqual([]);
  });

  it("the default licences with Remote Assist → no finding", () => {
    expect(run("")).toEqual([]);
  });
});

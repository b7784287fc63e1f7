import { describe, expect, it } from "vitest";
import { runChecks } from "./index.ts";
import { scopedSearchNeedsMailbox } from "./scoped-search-needs-mailbox.ts";
import { blueprintForCheck, FIXTURE_CLIENT, FIXTURE_HEAD } from "./test-support.ts";

const scoped = (licensing = "", extra = "") =>
  blueprintForCheck(`${FIXTURE_HEAD}${licensing}isolation:\n  mode: scoped-directory-search\n${FIXTURE_CLIENT}${extra}`);

describe("scoped-search-needs-mailbox", () => {
  it("scoped search with the guide's licences (no mailbox) → HF2050 error at isolation.mode", () => {
    const { bp, src } = scoped();
    const found = scopedSearchNeedsMailbox(bp, src);
    expect(found.map((d) => [d.code, d.severity, d.source?.start.line, d.source?.start.col, d.path])).toEqual([
      ["HF2050", "error", 7, 9, ["isolation", "mode"]],
    ]);
    expect(found[0]!.fix).toContain("EXCHANGEDESKLESS");
  });

  it("a mailbox SKU whose plan is disabled gives no mailbox → still HF2050", () => {
    const { bp, src } = scoped("licensing:\n  skus: [MICROSOFT_REMOTE_ASSIST, INTUNE_A, AAD_PREMIUM, EXCHANGEDESKLESS]\n  disabledServicePlans: [EXCHANGE_S_DESKLESS]\n");
    expect(scopedSearchNeedsMailbox(bp, src).map((d) => d.code)).toEqual(["HF2050"]);
  });

  it("a mailbox plan left on → no HF2050; in the same tenant the company-resources concern flags it (HF2020) until acknowledged", () => {
    const licensing = "licensing:\n  skus: [MICROSOFT_REMOTE_ASSIST, INTUNE_A, AAD_PREMIUM, EXCHANGEDESKLESS]\n";
    const { bp, src } = scoped(licensing);
    expect(scopedSearchNeedsMailbox(bp, src)).toEqual([]);
    expect(runChecks(bp, src).map((d) => [d.code, d.severity, d.path?.join(".")])).toEqual([["HF2020", "error", "licensing.skus.3"]]);
    const acknowledged = scoped(licensing, "acknowledge: [company-resource-plans]\n");
    expect(runChecks(acknowledged.bp, acknowledged.src)).toEqual([]);
  });

  it("a service tenant holds no company resources: the mailbox is all scoped search needs", () => {
    const { bp, src } = blueprintForCheck(
      `${FIXTURE_HEAD}  model: service-tenant\nlicensing:\n  skus: [MICROSOFT_REMOTE_ASSIST, INTUNE_A, AAD_PREMIUM, EXCHANGEDESKLESS]\nisolation:\n  mode: scoped-directory-search\n${FIXTURE_CLIENT}`,
    );
    expect(runChecks(bp, src)).toEqual([]);
  });

  it.each(["baseline", "information-barriers"])("%s needs no mailbox → no HF2050", (mode) => {
    const { bp, src } = blueprintForCheck(`${FIXTURE_HEAD}isolation:\n  mode: ${mode}\n${FIXTURE_CLIENT}`);
    expect(scopedSearchNeedsMailbox(bp, src)).toEqual([]);
  });
});

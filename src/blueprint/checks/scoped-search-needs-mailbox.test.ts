import { describe, expect, it } from "vitest";
import { runChecks } from "./index.ts";
import { enabledMailboxPlans, scopedSearchNeedsMailbox } from "./scoped-search-needs-mailbox.ts";
import { blueprintForCheck, FIXTURE_CLIENT, FIXTURE_HEAD } from "./test-support.ts";

const scoped = (licensing = "", extra = "") =>
  blueprintForCheck(`${FIXTURE_HEAD}${licensing}isolation:\n  mode: scoped-directory-search\n${FIXTURE_CLIENT}${extra}`);
const KIOSK_SKUS = "licensing:\n  skus: [MICROSOFT_REMOTE_ASSIST, INTUNE_A, AAD_PREMIUM, EXCHANGEDESKLESS]\n";
const KIOSK_MAILBOX = `${KIOSK_SKUS}  enabledServicePlans: [EXCHANGE_S_DESKLESS]\n`;

describe("scoped-search-needs-mailbox", () => {
  it("scoped search with the guide's licences (no mailbox) → HF2050 error at isolation.mode, the fix names enabledServicePlans", () => {
    const { bp, src } = scoped();
    const found = scopedSearchNeedsMailbox(bp, src);
    expect(found.map((d) => [d.code, d.severity, d.source?.start.line, d.source?.start.col, d.path])).toEqual([
      ["HF2050", "error", 7, 9, ["isolation", "mode"]],
    ]);
    expect(found[0]!.fix).toContain("EXCHANGEDESKLESS");
    expect(found[0]!.fix).toContain("licensing.enabledServicePlans");
  });

  it("a mailbox SKU alone gives no mailbox: the allow-list disables its plan → still HF2050", () => {
    const { bp, src } = scoped(KIOSK_SKUS);
    expect(enabledMailboxPlans(bp)).toEqual([]);
    expect(scopedSearchNeedsMailbox(bp, src).map((d) => d.code)).toEqual(["HF2050"]);
  });

  it("a mailbox plan kept on but also disabled is off → still HF2050", () => {
    const { bp, src } = scoped(`${KIOSK_MAILBOX}  disabledServicePlans: [EXCHANGE_S_DESKLESS]\n`);
    expect(scopedSearchNeedsMailbox(bp, src).map((d) => d.code)).toEqual(["HF2050"]);
  });

  it("a mailbox plan kept on that no assigned SKU carries gives no mailbox → still HF2050", () => {
    const { bp, src } = scoped("licensing:\n  enabledServicePlans: [EXCHANGE_S_DESKLESS]\n");
    expect(scopedSearchNeedsMailbox(bp, src).map((d) => d.code)).toEqual(["HF2050"]);
  });

  it("a mailbox plan kept on → no HF2050; in the same tenant the company-resources concern flags it (HF2020) until acknowledged", () => {
    const { bp, src } = scoped(KIOSK_MAILBOX);
    expect(enabledMailboxPlans(bp)).toEqual(["EXCHANGE_S_DESKLESS"]);
    expect(scopedSearchNeedsMailbox(bp, src)).toEqual([]);
    const all = runChecks(bp, src);
    expect(all.map((d) => [d.code, d.severity, d.path?.join(".")])).toEqual([["HF2020", "error", "licensing.enabledServicePlans.0"]]);
    expect(all[0]!.message).toContain("scoped directory search needs it");
    const acknowledged = scoped(KIOSK_MAILBOX, "acknowledge: [company-resource-plans]\n");
    expect(runChecks(acknowledged.bp, acknowledged.src)).toEqual([]);
  });

  it("the mailbox plan of a suite kept on counts as well", () => {
    const { bp } = scoped("licensing:\n  skus: [MICROSOFT_REMOTE_ASSIST, SPE_E3]\n  enabledServicePlans: [EXCHANGE_S_ENTERPRISE]\n");
    expect(enabledMailboxPlans(bp)).toEqual(["EXCHANGE_S_ENTERPRISE"]);
  });

  it("a service tenant holds no company resources: the mailbox is all scoped search needs", () => {
    const { bp, src } = blueprintForCheck(
      `${FIXTURE_HEAD}  model: service-tenant\n${KIOSK_MAILBOX}isolation:\n  mode: scoped-directory-search\nexperts:\n  access: guests\n  addresses: [ada@contoso.com]\n${FIXTURE_CLIENT}`,
    );
    expect(runChecks(bp, src)).toEqual([]);
  });

  it.each(["baseline", "information-barriers"])("%s needs no mailbox → no HF2050", (mode) => {
    const { bp, src } = blueprintForCheck(`${FIXTURE_HEAD}isolation:\n  mode: ${mode}\n${FIXTURE_CLIENT}`);
    expect(scopedSearchNeedsMailbox(bp, src)).toEqual([]);
  });
});

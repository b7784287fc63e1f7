import { describe, expect, it } from "vitest";
import { findServicePlan, skus } from "./index.ts";
import { mailboxPlans } from "./mailbox-plans.ts";

describe("mailboxPlans", () => {
  it("every plan is in the licensing catalog, sorted, and named as an Exchange Online mailbox plan there", () => {
    expect([...mailboxPlans].sort()).toEqual(mailboxPlans);
    for (const name of mailboxPlans) {
      const plan = findServicePlan(name);
      expect(plan, name).toBeDefined();
      expect(plan!.friendlyName, name).toMatch(/^exchange (online|essentials)/i);
    }
  });

  it("holds every plan the catalog names Exchange Online Plan 1, Plan 2 or Kiosk, and no Foundation or archiving plan", () => {
    const named = new Set(
      skus.flatMap((s) => s.servicePlans).filter((p) => /^exchange online (\(?plan [12]\)?|\(?kiosk\)?)( for government)?$/i.test(p.friendlyName)).map((p) => p.name),
    );
    expect([...named].filter((n) => !mailboxPlans.includes(n))).toEqual([]);
    expect(mailboxPlans.filter((n) => /FOUNDATION|ARCHIVE/.test(n))).toEqual([]);
  });

  it("the Exchange Online Kiosk SKU carries one", () => {
    expect(skus.find((s) => s.skuPartNumber === "EXCHANGEDESKLESS")!.servicePlans.map((p) => p.name)).toEqual(["EXCHANGE_S_DESKLESS"]);
  });
});

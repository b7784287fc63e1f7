import { describe, expect, it } from "vitest";
import { checkEntity, hasCsdlReference } from "../conformance/csdl.ts";
import { openSimStore } from "../store.ts";
import { customDomainName, seedDirectory } from "./seed.ts";
import type { SkuDoc } from "./types.ts";

const ctx = { tenantId: "8c1d1a5e-0000-4000-8000-000000000001", initialDomain: "holofleetlocal.onmicrosoft.com", displayName: "Holofleet Local", now: () => new Date("2026-01-01T00:00:00Z") };

describe("seedDirectory", () => {
  it("seeds one default initial domain and one verified custom domain", () => {
    const store = openSimStore(":memory:");
    seedDirectory(store, ctx);
    const domains = store.list<{ id: string; isDefault: boolean; isVerified: boolean; isInitial: boolean }>("domains");
    expect(domains.map((d) => d.id)).toEqual(["holofleetlocal.onmicrosoft.com", "holofleetlocal.example"]);
    expect(domains.filter((d) => d.isDefault).map((d) => d.id)).toEqual(["holofleetlocal.onmicrosoft.com"]);
    expect(domains.every((d) => d.isVerified)).toBe(true);
    expect(customDomainName("contoso.onmicrosoft.com")).toBe("contoso.example");
  });

  it("seeds the five SKUs with finite units and is idempotent", () => {
    const store = openSimStore(":memory:");
    seedDirectory(store, ctx);
    const first = store.list<SkuDoc>("subscribedSkus");
    store.put("subscribedSkus", { ...first[0]!, consumedUnits: 3 });
    seedDirectory(store, ctx);
    const skus = store.list<SkuDoc>("subscribedSkus");
    expect(skus.map((s) => s.skuPartNumber)).toEqual(["MICROSOFT_REMOTE_ASSIST", "INTUNE_A", "AAD_PREMIUM", "ENTERPRISEPACK", "SPE_E3"]);
    expect(skus[0]?.consumedUnits).toBe(3);
    expect(skus.every((s) => s.prepaidUnits.enabled > 0 && s.id === `${ctx.tenantId}_${s.skuId}`)).toBe(true);
  });

  it.runIf(hasCsdlReference())("seeded domains and SKUs conform to the v1.0 CSDL", () => {
    const store = openSimStore(":memory:");
    seedDirectory(store, ctx);
    for (const d of store.list("domains")) expect(checkEntity("domain", d, "v1.0")).toEqual([]);
    for (const s of store.list("subscribedSkus")) expect(checkEntity("subscribedSku", s, "v1.0")).toEqual([]);
  });
});

import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadBlueprintFile } from "../../blueprint/load.ts";
import { tenantRequirements, unmetRequirements } from "./requirements.ts";
import { GraphHttpError } from "../framework.ts";
import { seedTenant } from "../seed/index.ts";
import { openSimStore } from "../store.ts";
import type { SkuDoc } from "../directory/types.ts";
import { addVerifiedDomain, arrangeTenantStore, ensureSubscribedSku, isDomainName } from "./tenant-setup.ts";

const TENANT = "11111111-2222-4333-8444-555555555555";

function seededStore() {
  const store = openSimStore(":memory:");
  seedTenant(store, { tenantId: TENANT, initialDomain: "local.onmicrosoft.com", displayName: "local", now: () => new Date("2026-01-01T00:00:00Z") });
  return store;
}

const snapshot = (store: ReturnType<typeof openSimStore>) => ({ domains: store.list("domains"), skus: store.list("subscribedSkus") });

describe("tenant setup", () => {
  it("domain names → DNS names with two or more labels only", () => {
    expect(["contoso.com", "a.b.example", "x-1.onmicrosoft.com"].every(isDomainName)).toBe(true);
    expect(["contoso", "-a.com", "a..com", "a.c", "con toso.com", `${"a".repeat(64)}.com`].some(isDomainName)).toBe(false);
  });

  it("an invalid domain name → 400 naming id, nothing stored", () => {
    const store = seededStore();
    const before = snapshot(store);
    expect(() => addVerifiedDomain(store, "no spaces.com")).toThrow(GraphHttpError);
    expect(snapshot(store)).toEqual(before);
  });

  it("a seeded SKU asked with fewer seats than it has → unchanged", () => {
    const store = seededStore();
    const { change, sku } = ensureSubscribedSku(store, TENANT, "INTUNE_A", 1);
    expect(change).toBe("unchanged");
    expect(sku.prepaidUnits.enabled).toBe(25);
  });

  it("requirements → domains added, SKUs subscribed and seats raised in one go; again → no change", () => {
    const store = seededStore();
    const req = { domains: ["contoso.com", "local.onmicrosoft.com"], skus: [{ skuPartNumber: "INTUNE_A", seats: 400 }, { skuPartNumber: "GUIDES_USER", seats: 400 }] };
    expect(arrangeTenantStore(store, TENANT, req)).toEqual({ domains: ["contoso.com"], skus: ["GUIDES_USER"], seats: ["INTUNE_A"] });
    expect(store.list<SkuDoc>("subscribedSkus").filter((s) => s.prepaidUnits.enabled === 400).map((s) => s.skuPartNumber).sort()).toEqual(["GUIDES_USER", "INTUNE_A"]);
    const after = snapshot(store);
    expect(arrangeTenantStore(store, TENANT, req)).toEqual({ domains: [], skus: [], seats: [] });
    expect(snapshot(store)).toEqual(after);
  });

  it("one unknown SKU among the requirements → nothing arranged at all (one transaction)", () => {
    const store = seededStore();
    const before = snapshot(store);
    const req = { domains: ["contoso.com"], skus: [{ skuPartNumber: "INTUNE_A", seats: 400 }, { skuPartNumber: "NO_SUCH_SKU", seats: 1 }] };
    expect(() => arrangeTenantStore(store, TENANT, req)).toThrow(/NO_SUCH_SKU/);
    expect(snapshot(store)).toEqual(before);
  });
});

describe("arrangeTenantStore on the bundled examples (what tenant local start --blueprint does)", () => {
  const examplesDir = fileURLToPath(new URL("../../../examples/", import.meta.url));
  const examples = readdirSync(examplesDir).filter((f) => f.endsWith(".yaml"));

  it.each(examples)("%s → every requirement met in the store", async (file) => {
    const { blueprint } = await loadBlueprintFile(`${examplesDir}${file}`);
    const req = tenantRequirements(blueprint!);
    const store = seededStore();
    const holdings = () => ({ domains: store.list<{ id: string; isVerified: boolean }>("domains"), subscribedSkus: store.list<SkuDoc>("subscribedSkus") });
    expect(unmetRequirements(req, holdings())).not.toEqual([]);
    arrangeTenantStore(store, TENANT, req);
    expect(unmetRequirements(req, holdings())).toEqual([]);
  });
});

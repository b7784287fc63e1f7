import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadBlueprintFile } from "../../blueprint/load.ts";
import { startTestTenant, type TestTenant } from "../testing.ts";
import { arrangeThroughSimRoutes, ArrangeError } from "./arrange-client.ts";
import { tenantRequirements, unmetRequirements, type TenantRequirements } from "./requirements.ts";

const examplesDir = fileURLToPath(new URL("../../../examples/", import.meta.url));
const examples = readdirSync(examplesDir).filter((f) => f.endsWith(".yaml"));

async function unmetIn(t: TestTenant, req: TenantRequirements): Promise<string[]> {
  const domains = await t.graph("GET", "/v1.0/domains");
  const skus = await t.graph("GET", "/v1.0/subscribedSkus");
  return unmetRequirements(req, { domains: domains.body.value, subscribedSkus: skus.body.value });
}

const simCall = (t: TestTenant) => (method: "POST", path: string, body: unknown) => t.sim(method, path, body);

describe("arrangeThroughSimRoutes", () => {
  it("there are bundled examples to arrange", () => {
    expect(examples.length).toBeGreaterThanOrEqual(3);
  });

  it.each(examples)("%s on a fresh local tenant → unmet before, every requirement met after, and a repeat adds nothing", async (file) => {
    const loaded = await loadBlueprintFile(`${examplesDir}${file}`);
    expect(loaded.blueprint).not.toBeNull();
    const req = tenantRequirements(loaded.blueprint!);
    const t = await startTestTenant();
    try {
      expect(await unmetIn(t, req)).not.toEqual([]);
      await arrangeThroughSimRoutes(simCall(t), req);
      expect(await unmetIn(t, req)).toEqual([]);
      expect(await arrangeThroughSimRoutes(simCall(t), req)).toEqual({ domains: [], skus: [] });
    } finally {
      await t.close();
    }
  });

  it("a SKU the catalog lacks → ArrangeError that quotes the tenant's reason", async () => {
    const t = await startTestTenant();
    try {
      const req = { domains: ["contoso.com"], skus: [{ skuPartNumber: "NO_SUCH_SKU", seats: 3 }] };
      await expect(arrangeThroughSimRoutes(simCall(t), req)).rejects.toThrow(ArrangeError);
      await expect(arrangeThroughSimRoutes(simCall(t), req)).rejects.toThrow(/NO_SUCH_SKU.*licensing catalog/);
    } finally {
      await t.close();
    }
  });
});

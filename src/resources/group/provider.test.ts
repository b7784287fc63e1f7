/** The group provider against the local tenant: reads of what holofleet owns stay few, however many groups there are. */
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { workDirFor } from "../../auth/testing.ts";
import { createGraphClient } from "../../graph/client.ts";
import { systemClock } from "../../graph/clock.ts";
import { fetchTransport } from "../../graph/transport/fetch-transport.ts";
import { applyBlueprint } from "../../operations/apply.ts";
import { loadAndCompile } from "../../operations/blueprint.ts";
import { startTestTenant, type TestTenant } from "../../tenant-sim/testing.ts";
import { arrangeTenantFor } from "../../../test/e2e/support/arrange-tenant.ts";
import type { GraphPort } from "../types.ts";
import { managesMembers } from "./kind.ts";
import { groupProvider } from "./provider.ts";

const file = fileURLToPath(new URL("../../../examples/same-tenant-three-clients.holofleet.yaml", import.meta.url));

let t: TestTenant;
let closeTransport: () => Promise<void>;
beforeAll(async () => {
  t = await startTestTenant();
  const loaded = await loadAndCompile(file);
  arrangeTenantFor(t, loaded.blueprint!);
  const applied = await applyBlueprint({ file, target: { cwd: workDirFor(t), graph: { retry: { baseDelayMs: 5 } } }, approve: async () => true });
  expect(applied.result?.summary.failed).toBe(0);
}, 60_000);
afterAll(async () => {
  await closeTransport?.();
  await t?.close();
});

describe("groupProvider.read", () => {
  it("the members of every owned group → read in $batch calls, not one request per group", async () => {
    const { compiled, blueprint } = await loadAndCompile(file);
    const desired = compiled!.desired.filter((r) => r.kind === "group");
    const transport = fetchTransport({ ca: t.caPem });
    closeTransport = () => transport.close();
    const graph = createGraphClient({ baseUrl: t.baseUrl, transport, tokenProvider: { getToken: () => t.tokenFor() } });
    // The real client, with a note of how each request was sent.
    const sent: { how: "request" | "collect" | "batch"; url: string }[] = [];
    const port: GraphPort = {
      request: (method, url, init) => (sent.push({ how: "request", url }), graph.request(method, url, init)),
      collect: (url, init) => (sent.push({ how: "collect", url }), graph.collect(url, init)),
      batch: (items, opts) => (sent.push(...items.map((i) => ({ how: "batch" as const, url: i.url }))), graph.batch(items, opts)),
    };
    const { found } = await groupProvider.read({ ctx: { graph: port, clock: systemClock, ownership: { namingPrefix: blueprint!.tenant.namingPrefix } }, desired, foundEarlier: new Map(), extrasEarlier: [] });
    const withMembers = desired.filter((r) => managesMembers(r.body) && found.get(r.address)?.owned);
    expect(withMembers.length).toBeGreaterThanOrEqual(3);
    for (const r of withMembers) expect(Array.isArray(found.get(r.address)!.data.members)).toBe(true);
    const memberReads = sent.filter((s) => /\/members/.test(s.url));
    expect(memberReads.length).toBe(withMembers.length);
    expect(memberReads.map((s) => s.how)).toEqual(withMembers.map(() => "batch"));
  });
});

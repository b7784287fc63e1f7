/**
 * The Graph client against the real local tenant over verified TLS: transport and errors, paging
 * across absolute nextLinks, `$batch`, and convergence under injected faults (429 10 %, 503 5 %,
 * lost responses 3 %) without a duplicated POST when each create carries an idempotency check.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestTenant, type TestTenant } from "../tenant-sim/testing.ts";
import { createGraphClient, type GraphClient, type GraphClientOptions } from "./client.ts";
import { GraphRequestError } from "./errors.ts";
import { fetchTransport, type FetchTransport } from "./transport/fetch-transport.ts";
import type { AppliedCheck, IdempotencyCheck, TokenProvider } from "./types.ts";

let t: TestTenant;
const transports: FetchTransport[] = [];
beforeAll(async () => {
  t = await startTestTenant();
});
afterAll(async () => {
  for (const tr of transports) await tr.close();
  await t?.close();
});

const tokens: TokenProvider = { getToken: ({ forceRefresh }) => (forceRefresh ? t.tokenFor() : t.tokenFor()) };

/** `ca: null` trusts only Node's default roots. */
function client(opts: Partial<GraphClientOptions> = {}, ca: string | null = t.caPem): GraphClient {
  const transport = fetchTransport({ ca: ca ?? undefined });
  transports.push(transport);
  return createGraphClient({ baseUrl: t.baseUrl, transport, tokenProvider: tokens, retry: { baseDelayMs: 5, maxDelayMs: 50, retries: 10 }, ...opts });
}

const CONFIGS = "/deviceManagement/deviceConfigurations";
const customConfiguration = (displayName: string) => ({
  "@odata.type": "#microsoft.graph.windows10CustomConfiguration",
  displayName,
  omaSettings: [
    { "@odata.type": "#microsoft.graph.omaSettingInteger", displayName: "Developer unlock", omaUri: "./Device/Vendor/MSFT/Policy/Config/ApplicationManagement/AllowDeveloperUnlock", value: 0 },
  ],
});

/** The check a provider would write: the create happened when an object with this name exists. */
const existsByName =
  (path: string, property: string, value: string): IdempotencyCheck =>
  async ({ lookup }): Promise<AppliedCheck> => {
    const found = await lookup<{ value: unknown[] }>("GET", path, { query: { $filter: `${property} eq '${value.replace(/'/g, "''")}'` } });
    return found.body.value.length ? { applied: true, body: found.body.value[0] } : { applied: false };
  };

async function count(path: string, property: string, prefix: string): Promise<Map<string, number>> {
  const graph = client();
  const names = await graph.collect<Record<string, string>, string>(path, { query: { $filter: `startsWith(${property},'${prefix}')`, $top: 999 }, map: (o) => o[property]! });
  const counts = new Map<string, number>();
  for (const n of names) counts.set(n, (counts.get(n) ?? 0) + 1);
  return counts;
}

describe("transport and errors", () => {
  it("the tenant's CA through the Agent → verified TLS works; without it → status 0, nothing sent", async () => {
    expect((await client().request("GET", "/organization")).status).toBe(200);
    const err = (await client({}, null)
      .request("GET", "/organization", { retry: { retries: 0 } })
      .catch((e: unknown) => e)) as GraphRequestError;
    expect(err).toBeInstanceOf(GraphRequestError);
    expect(err).toMatchObject({ status: 0, code: "NetworkError" });
    expect(err.message).toMatch(/certificate|UNABLE_TO_VERIFY|SELF_SIGNED/i);
  });

  it("a 404 → Graph's code and both request ids on the error", async () => {
    const err = (await client()
      .request("GET", "/groups/{id}", { params: { id: "00000000-0000-0000-0000-000000000404" } })
      .catch((e: unknown) => e)) as GraphRequestError;
    expect(err).toMatchObject({ status: 404, code: "Request_ResourceNotFound" });
    expect(err.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(err.clientRequestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.stringify(err)).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);
  });

  it("$batch creates, then paging across absolute nextLinks finds every one exactly once", async () => {
    const graph = client();
    const items = Array.from({ length: 45 }, (_, i) => ({
      method: "POST" as const,
      url: "/groups",
      body: { displayName: `page-${i}`, mailEnabled: false, mailNickname: `page-${i}`, securityEnabled: true },
      idempotent: true,
    }));
    const results = await graph.batch(items);
    expect(results.filter((r) => r.status === 201)).toHaveLength(45);
    const pages: number[] = [];
    for await (const page of graph.pages<{ mailNickname: string }>("/groups", { query: { $filter: "startsWith(mailNickname,'page-')", $top: 10 } }))
      pages.push(page.items.length);
    expect(pages).toEqual([10, 10, 10, 10, 5]);
    expect((await count("/groups", "mailNickname", "page-")).size).toBe(45);
  });
});

describe("faults: 429 10 %, 503 5 %, lost responses 3 %", () => {
  const SEEDS = [11, 23, 37, 41, 59];

  it.each(SEEDS)("seed %i → every create lands exactly once, directly and through $batch", async (seed) => {
    await t.sim("POST", "/faults", { rates: { "429": 0.1, "503": 0.05, lostResponse: 0.03 }, seed, retryAfterSeconds: 0 });
    try {
      const graph = client({ maxConcurrent: 6 });
      const prefix = `s${seed}-`;
      const direct = Array.from({ length: 20 }, (_, i) => `${prefix}cfg-${i}`);
      await Promise.all(
        direct.map((name) => graph.request("POST", CONFIGS, { body: customConfiguration(name), alreadyApplied: existsByName(CONFIGS, "displayName", name) })),
      );
      const groups = Array.from({ length: 25 }, (_, i) => `${prefix}grp-${i}`);
      const results = await graph.batch(
        groups.map((nick) => ({
          method: "POST" as const,
          url: "/groups",
          body: { displayName: nick, mailEnabled: false, mailNickname: nick, securityEnabled: true },
          alreadyApplied: existsByName("/groups", "mailNickname", nick),
        })),
      );
      expect(results.filter((r) => !r.ok).map((r) => r.error?.message)).toEqual([]);
      await t.sim("DELETE", "/faults");
      const configs = await count(CONFIGS, "displayName", prefix);
      expect([...configs.entries()].filter(([, n]) => n !== 1)).toEqual([]);
      expect(configs.size).toBe(direct.length);
      const made = await count("/groups", "mailNickname", prefix);
      expect([...made.entries()].filter(([, n]) => n !== 1)).toEqual([]);
      expect(made.size).toBe(groups.length);
    } finally {
      await t.sim("DELETE", "/faults");
    }
  });

  it("the faults really happened (this suite is not vacuous)", async () => {
    const stats = (await t.sim("GET", "/stats")).body as { faults: Record<string, number> };
    expect(stats.faults["429"]).toBeGreaterThan(5);
    expect(stats.faults["503"]).toBeGreaterThan(2);
    expect(stats.faults.lostResponse).toBeGreaterThan(0);
  });

  it("control: the same POSTs retried blindly (no check) → duplicates", async () => {
    await t.sim("POST", "/faults", { rates: { lostResponse: 0.3 }, seed: 5, retryAfterSeconds: 0 });
    try {
      const graph = client();
      const names = Array.from({ length: 20 }, (_, i) => `blind-${i}`);
      await Promise.all(names.map((name) => graph.request("POST", CONFIGS, { body: customConfiguration(name), idempotent: true })));
    } finally {
      await t.sim("DELETE", "/faults");
    }
    const counts = await count(CONFIGS, "displayName", "blind-");
    expect([...counts.values()].some((n) => n > 1)).toBe(true);
  });
});

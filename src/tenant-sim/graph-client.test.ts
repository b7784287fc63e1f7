/**
 * The official `@microsoft/microsoft-graph-client` 3.0.7 against the local tenant, unchanged:
 * `customHosts` + an undici dispatcher trusting the tenant CA (local-https-auth.md §5), tokens from
 * `@azure/msal-node`. Paging across absolute nextLinks, filtering, `$batch` and GraphError.
 */
import { BatchRequestContent, BatchResponseContent, Client, GraphError, PageIterator, type PageCollection } from "@microsoft/microsoft-graph-client";
import { ConfidentialClientApplication } from "@azure/msal-node";
import { Agent, fetch as undiciFetch } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixturePermissions, fixtureRoutes, WIDGETS } from "./fixture-routes.ts";
import { startTestTenant, type TestTenant } from "./testing.ts";

let t: TestTenant;
let client: Client;
beforeAll(async () => {
  t = await startTestTenant({ tenant: { routes: fixtureRoutes, permissions: fixturePermissions } });
  t.tenant.store.tx(() => {
    for (let i = 0; i < 95; i++)
      t.tenant.store.put(WIDGETS, { id: `00000000-0000-0000-0000-${String(i).padStart(12, "0")}`, displayName: `W ${i}`, counter: 0, tags: i % 10 === 0 ? ["round"] : [], color: null });
  });
  const dispatcher = new Agent({ connect: { ca: t.caPem } });
  const hostPort = new URL(t.baseUrl).host;
  const msal = new ConfidentialClientApplication({
    auth: { clientId: t.clientId, authority: `${t.baseUrl}/${t.tenantId}`, clientSecret: t.clientSecret, knownAuthorities: [hostPort] },
    system: {
      networkClient: {
        sendGetRequestAsync: async (url, o) => {
          const r = await undiciFetch(url, { headers: o?.headers, dispatcher });
          return { status: r.status, headers: Object.fromEntries(r.headers), body: await r.json() } as never;
        },
        sendPostRequestAsync: async (url, o) => {
          const r = await undiciFetch(url, { method: "POST", headers: o?.headers, body: o?.body, dispatcher });
          return { status: r.status, headers: Object.fromEntries(r.headers), body: await r.json() } as never;
        },
      },
    },
  });
  client = Client.initWithMiddleware({
    authProvider: {
      getAccessToken: async () => (await msal.acquireTokenByClientCredential({ scopes: ["https://graph.microsoft.com/.default"] }))!.accessToken,
    },
    baseUrl: `${t.baseUrl}/`,
    defaultVersion: "v1.0",
    customHosts: new Set(["127.0.0.1"]),
    fetchOptions: { dispatcher },
  });
});
afterAll(async () => {
  await t?.close();
});

describe("@microsoft/microsoft-graph-client against the local tenant", () => {
  it("pages with PageIterator across absolute nextLinks", async () => {
    const first = (await client.api("/widgets").top(20).select("id,displayName").get()) as PageCollection;
    expect(first["@odata.nextLink"]).toMatch(new RegExp(`^${t.baseUrl}/v1\\.0/widgets\\?`));
    const names: string[] = [];
    const it = new PageIterator(client, first, (w: { displayName: string }) => {
      names.push(w.displayName);
      return true;
    });
    await it.iterate();
    expect(names).toHaveLength(95);
    expect(new Set(names).size).toBe(95);
  });

  it("filters with a doubled quote and any()", async () => {
    const res = await client.api("/widgets").filter("tags/any(t:t eq 'round') and startsWith(displayName,'W 9')").get();
    expect(res.value.map((w: { displayName: string }) => w.displayName)).toEqual(["W 90"]);
    const none = await client.api("/widgets").filter("displayName eq 'O''Brien'").get();
    expect(none.value).toEqual([]);
  });

  it("sends ConsistencyLevel for $count and gets @odata.count", async () => {
    const res = await client.api("/widgets").header("ConsistencyLevel", "eventual").count(true).filter("color eq null").top(5).get();
    expect(res["@odata.count"]).toBe(95);
    expect(res.value).toHaveLength(5);
  });

  it("maps a 404 to GraphError with Graph's code", async () => {
    const err = await client.api("/widgets/00000000-0000-0000-0000-999999999999").get().then(() => undefined, (e: unknown) => e as GraphError);
    expect(err).toBeInstanceOf(GraphError);
    expect(err?.statusCode).toBe(404);
    expect(err?.code).toBe("Request_ResourceNotFound");
  });

  it("batches GET, POST and a 404 with BatchRequestContent", async () => {
    const base = `${t.baseUrl}/v1.0`;
    const content = new BatchRequestContent([
      { id: "1", request: new Request(`${base}/widgets?$top=2`, { method: "GET" }) },
      { id: "2", request: new Request(`${base}/widgets/00000000-0000-0000-0000-000000000001`, { method: "GET" }) },
      {
        id: "3",
        request: new Request(`${base}/widgets`, { method: "POST", body: JSON.stringify({ displayName: "from batch" }), headers: { "Content-Type": "application/json" } }),
      },
      { id: "4", request: new Request(`${base}/widgets/00000000-0000-0000-0000-999999999999`, { method: "GET" }) },
    ]);
    const raw = await client.api("/$batch").post(await content.getContent());
    const responses = new BatchResponseContent(raw).getResponses();
    expect(responses.get("1")?.status).toBe(200);
    expect(responses.get("2")?.status).toBe(200);
    expect(responses.get("3")?.status).toBe(201);
    expect(responses.get("4")?.status).toBe(404);
    const created = (await responses.get("3")!.json()) as { id: string; displayName: string };
    expect(created.displayName).toBe("from batch");
    expect(t.tenant.store.get(WIDGETS, created.id)).toBeTruthy();
  });

  it("sequences dependsOn and answers 424 after a failed dependency", async () => {
    const base = `${t.baseUrl}/v1.0`;
    const content = new BatchRequestContent();
    content.addRequest({ id: "a", request: new Request(`${base}/widgets/00000000-0000-0000-0000-999999999999`, { method: "PATCH", body: "{}", headers: { "Content-Type": "application/json" } }) });
    content.addRequest({ id: "b", request: new Request(`${base}/widgets`, { method: "POST", body: JSON.stringify({ displayName: "never" }), headers: { "Content-Type": "application/json" } }), dependsOn: ["a"] });
    const raw = await client.api("/$batch").post(await content.getContent());
    const responses = new BatchResponseContent(raw).getResponses();
    expect(responses.get("a")?.status).toBe(404);
    expect(responses.get("b")?.status).toBe(424);
    expect(t.tenant.store.list<{ displayName: string }>(WIDGETS).some((w) => w.displayName === "never")).toBe(false);
  });
});

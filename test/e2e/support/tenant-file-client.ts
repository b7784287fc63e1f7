/**
 * Test-only: a Graph caller for a tenant started by the CLI, built only from its `tenant.json` the
 * way docs/local-tenant.md tells clients to connect — a client-credentials token from
 * `<authorityUrl>/<tenantId>/oauth2/v2.0/token`, TLS trusting `caFile` through an undici Agent.
 * It remembers every token it obtained, so leak checks can look for them.
 */
import { readFileSync } from "node:fs";
import { Agent, fetch as undiciFetch } from "undici";
import type { TenantFile } from "../../../src/tenant-sim/tenant-file.ts";
import type { TestResponse } from "../../../src/tenant-sim/testing.ts";
import type { GraphCaller } from "./apply-desired.ts";

export interface TenantFileClient extends GraphCaller {
  /** Every access token obtained so far (never print them). */
  readonly tokens: readonly string[];
  close(): Promise<void>;
}

async function answer(res: Awaited<ReturnType<typeof undiciFetch>>): Promise<TestResponse> {
  const headers: Record<string, string> = {};
  res.headers.forEach((v, k) => (headers[k.toLowerCase()] = v));
  const text = await res.text();
  let body: unknown;
  try {
    body = text === "" ? undefined : JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: res.status, headers, body };
}

export function tenantFileClient(file: TenantFile): TenantFileClient {
  const dispatcher = new Agent({ connect: { ca: readFileSync(file.caFile, "utf8") } });
  const tokens: string[] = [];
  async function token(): Promise<string> {
    if (tokens.length > 0) return tokens[tokens.length - 1]!;
    const res = await undiciFetch(`${file.authorityUrl}/${file.tenantId}/oauth2/v2.0/token`, {
      method: "POST",
      dispatcher,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: file.clientId,
        client_secret: file.clientSecret,
        scope: "https://graph.microsoft.com/.default",
      }).toString(),
    });
    const json = (await res.json()) as { access_token?: string; error?: string };
    if (!json.access_token) throw new Error(`token request answered ${res.status} ${json.error ?? ""}`);
    tokens.push(json.access_token);
    return json.access_token;
  }
  return {
    tokens,
    async graph(method, path, body) {
      const res = await undiciFetch(`${file.graphUrl}${path}`, {
        method,
        dispatcher,
        headers: { authorization: `Bearer ${await token()}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return answer(res);
    },
    close: () => dispatcher.close(),
  };
}

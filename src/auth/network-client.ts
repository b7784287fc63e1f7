/**
 * MSAL's HTTP client, replaced (`system.networkClient`) so that sign-ins to the local tenant trust
 * its CA for this process's MSAL calls only — msal-node 7 otherwise calls global `fetch` with no
 * options, leaving `NODE_EXTRA_CA_CERTS` or a process-wide dispatcher as the only ways in
 * (local-https-auth.md §3). Without a CA it uses Node's default roots, for real tenants.
 */
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from "@azure/msal-node";
import { Agent, fetch } from "undici";

export interface ClosableNetworkClient extends INetworkModule {
  /**
   * Why the last request got no HTTP answer (refused, TLS, timeout), or undefined after an answer:
   * MSAL hides it behind `endpoints_resolution_error` (local-https-auth.md §3).
   */
  lastFailure(): string | undefined;
  close(): Promise<void>;
}

export function msalNetworkClient(opts: { ca?: string; timeoutMs?: number } = {}): ClosableNetworkClient {
  const dispatcher = new Agent(opts.ca ? { connect: { ca: opts.ca } } : {});
  let failure: string | undefined;
  const call = async <T>(url: string, method: "GET" | "POST", o: NetworkRequestOptions | undefined, timeoutMs?: number): Promise<NetworkResponse<T>> => {
    let res: Awaited<ReturnType<typeof fetch>>;
    try {
      res = await fetch(url, {
        method,
        headers: o?.headers,
        body: method === "POST" ? (o?.body ?? "") : undefined,
        dispatcher,
        signal: AbortSignal.timeout(timeoutMs ?? opts.timeoutMs ?? 30_000),
      });
    } catch (err) {
      const cause = (err as { cause?: NodeJS.ErrnoException }).cause;
      const reason = cause ? `${cause.message}${cause.code && !cause.message.includes(cause.code) ? ` (${cause.code})` : ""}` : (err as Error).message;
      failure = `${new URL(url).origin}: ${reason}`;
      throw err;
    }
    failure = undefined;
    const headers: Record<string, string> = {};
    res.headers.forEach((v, k) => (headers[k] = v));
    const text = await res.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : {};
    } catch {
      throw new Error(`${new URL(url).origin} answered HTTP ${res.status} with a body that is not JSON`);
    }
    return { status: res.status, headers, body: body as T };
  };
  return {
    sendGetRequestAsync: <T>(url: string, o?: NetworkRequestOptions, timeout?: number) => call<T>(url, "GET", o, timeout),
    sendPostRequestAsync: <T>(url: string, o?: NetworkRequestOptions) => call<T>(url, "POST", o),
    lastFailure: () => failure,
    close: () => dispatcher.close(),
  };
}

/**
 * Arranges a running local tenant for a blueprint's requirements through its `/_sim/domains` and
 * `/_sim/subscribedSkus` routes (HTTP, with the tenant's `X-Sim-Key`), as tools and end-to-end
 * tests do when the tenant runs in another process. Idempotent, like the routes.
 */
import type { TenantRequirements } from "./requirements.ts";

/** Calls a `/_sim/…` route and returns its status and parsed body. */
export type SimCall = (method: "POST", path: string, body: unknown) => Promise<{ status: number; body: unknown }>;

export class ArrangeError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = "ArrangeError";
  }
}

function errorMessage(body: unknown): string {
  const message = (body as { error?: { message?: unknown } } | undefined)?.error?.message;
  return typeof message === "string" ? message : "no error message";
}

/** Meets `req`; returns the domains it added and the SKUs it subscribed (seats raised are not told apart from seats kept). */
export async function arrangeThroughSimRoutes(call: SimCall, req: TenantRequirements): Promise<{ domains: string[]; skus: string[] }> {
  const changes = { domains: [] as string[], skus: [] as string[] };
  for (const id of req.domains) {
    const res = await call("POST", "/_sim/domains", { id });
    if (res.status === 201) changes.domains.push(id);
    else if (res.status !== 200) throw new ArrangeError(`adding domain ${id} failed (HTTP ${res.status}): ${errorMessage(res.body)}`, res.status);
  }
  for (const { skuPartNumber, seats } of req.skus) {
    const res = await call("POST", "/_sim/subscribedSkus", { skuPartNumber, units: Math.max(1, seats) });
    if (res.status === 201) changes.skus.push(skuPartNumber);
    else if (res.status !== 200) throw new ArrangeError(`subscribing ${skuPartNumber} failed (HTTP ${res.status}): ${errorMessage(res.body)}`, res.status);
  }
  return changes;
}

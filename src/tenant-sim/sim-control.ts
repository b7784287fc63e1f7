/**
 * The `/_sim/…` control routes behind their key: every request must carry `X-Sim-Key` (compared in
 * constant time), then the path picks a `SimControlRoute`, whose body must be a JSON object; the
 * route runs under the tenant's write lock and answers `{ error: { code, message } }` on failure.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { GraphHttpError, type HttpMethod, type RouteDef, type SimControlRoute, type SimResult, type SimStore } from "./framework.ts";
import { parseJsonBody } from "./json-body.ts";
import { compileRouter } from "./router.ts";
import type { WriteLock } from "./write-lock.ts";

export interface SimControlEnv {
  store: SimStore;
  now(): Date;
  tenantId: string;
  lock: WriteLock;
  runTickers(): void;
}

export interface SimControlRequest {
  method: string;
  /** The path under `/_sim`, e.g. `/devices/{id}/sync`. */
  path: string;
  query: URLSearchParams;
  body: Buffer;
  baseUrl: string;
}

export interface SimControl {
  /** Whether `given` (the `X-Sim-Key` header) is the key. */
  keyMatches(given: string | undefined): boolean;
  answer(req: SimControlRequest): Promise<SimResult>;
}

const fail = (status: number, code: string, message: string, headers: Record<string, string> = {}, details?: GraphHttpError["details"]): SimResult => ({
  status,
  headers,
  body: { error: { code, message, ...(details?.length ? { details } : {}) } },
});

/** The answer to a request without the right key. */
export const SIM_KEY_REQUIRED: SimResult = fail(401, "Unauthorized", "Control routes need the X-Sim-Key header with the simKey of tenant.json.");

export function createSimControl(routes: readonly SimControlRoute[], key: string, env: SimControlEnv): SimControl {
  const byDef = new Map<RouteDef, SimControlRoute>();
  const router = compileRouter(
    routes.map((s) => {
      const def: RouteDef = { method: s.method, path: s.path, versions: ["v1.0"], throttle: "none", write: true, handler: () => ({ status: 500 }) };
      byDef.set(def, s);
      return def;
    }),
  );
  const digest = (text: string) => createHash("sha256").update(text).digest();
  const keyDigest = digest(key);
  return {
    // As digests: equal lengths for timingSafeEqual, and no timing hint about the key.
    keyMatches: (given) => given !== undefined && timingSafeEqual(digest(given), keyDigest),
    async answer({ method, path, query, body, baseUrl }) {
      const match = router.match("v1.0", method as HttpMethod, path);
      if (match.kind !== "match") return fail(match.kind === "method-not-allowed" ? 405 : 404, "NotFound", `No /_sim route ${method} ${path}`);
      let parsed: unknown;
      if (body.length) {
        const json = parseJsonBody(body);
        if (!json.ok) return fail(400, "BadRequest", json.message);
        if (!json.value || typeof json.value !== "object" || Array.isArray(json.value)) return fail(400, "BadRequest", "The body must be a JSON object.");
        parsed = json.value;
      }
      const route = byDef.get(match.route)!;
      try {
        return await env.lock.run(async () => {
          env.runTickers();
          return route.handler({ params: match.params, query, body: parsed, store: env.store, now: env.now, baseUrl, tenantId: env.tenantId });
        });
      } catch (err) {
        if (err instanceof GraphHttpError) return fail(err.status, err.code, err.message, err.headers, err.details);
        return fail(500, "InternalError", err instanceof Error ? err.message : String(err));
      }
    },
  };
}

/**
 * The core `/_sim/…` control routes (documented, not Graph; no token, no faults, no throttling):
 * `POST|DELETE /_sim/faults`, `GET|POST /_sim/clock`, `GET|DELETE /_sim/stats`,
 * `POST /_sim/applications` (register another app with chosen permissions), `POST /_sim/reset`.
 */
import { X509Certificate } from "node:crypto";
import { z } from "zod";
import type { SimControlRoute, SimResult } from "../framework.ts";
import { isTenantTime, type SimClock } from "../clock.ts";
import type { FaultInjector } from "../faults/faults.ts";
import { faultConfigSchema } from "../faults/faults.ts";
import type { StatsRecorder } from "../stats.ts";

export interface SimCoreRuntime {
  faults: FaultInjector;
  clock: SimClock;
  stats: StatsRecorder;
  createApplication(input: { displayName: string; roles: string[]; certificatePem?: string; withSecret?: boolean }): {
    appId: string;
    clientSecret?: string;
  };
  reset(): void;
}

function badRequest(issues: z.core.$ZodIssue[] | string): SimResult {
  const message = typeof issues === "string" ? issues : issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ");
  return { status: 400, body: { error: { code: "BadRequest", message } } };
}

const clockSchema = z.union([
  z.object({ now: z.iso.datetime({ offset: true }) }).strict(),
  z.object({ advanceDays: z.number().finite() }).strict(),
]);

const applicationSchema = z
  .object({
    displayName: z.string().min(1).max(120),
    roles: z.array(z.string().regex(/^[A-Za-z][\w.-]*$/)),
    certificatePem: z
      .string()
      .max(65_536)
      .refine(isCertificatePem, "not a PEM X.509 certificate (-----BEGIN CERTIFICATE----- …)")
      .optional(),
    withSecret: z.boolean().optional(),
  })
  .strict();

/** Whether node can read the text as a certificate; its own error text (OpenSSL's) stays inside. */
function isCertificatePem(pem: string): boolean {
  if (!pem.includes("-----BEGIN CERTIFICATE-----")) return false;
  try {
    new X509Certificate(pem);
    return true;
  } catch {
    return false;
  }
}

const OUT_OF_RANGE = "the tenant's time must stay between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59Z";

export function createCoreSimRoutes(rt: SimCoreRuntime): SimControlRoute[] {
  return [
    {
      method: "POST",
      path: "/faults",
      handler: (ctx) => {
        const parsed = faultConfigSchema.safeParse(ctx.body ?? {});
        if (!parsed.success) return badRequest(parsed.error.issues);
        rt.faults.configure(parsed.data);
        return { status: 200, body: parsed.data };
      },
    },
    { method: "GET", path: "/faults", handler: () => ({ status: 200, body: rt.faults.current() ?? null }) },
    {
      method: "DELETE",
      path: "/faults",
      handler: () => {
        rt.faults.clear();
        return { status: 204 };
      },
    },
    { method: "GET", path: "/clock", handler: () => ({ status: 200, body: { now: rt.clock.now().toISOString() } }) },
    {
      method: "POST",
      path: "/clock",
      handler: (ctx) => {
        const parsed = clockSchema.safeParse(ctx.body ?? {});
        if (!parsed.success) return badRequest('expected { "now": "<ISO date-time>" } or { "advanceDays": <number> }');
        if ("now" in parsed.data) {
          const at = new Date(parsed.data.now);
          if (!isTenantTime(at.getTime())) return badRequest(`now: ${OUT_OF_RANGE}`);
          rt.clock.set(at);
        } else {
          const target = rt.clock.now().getTime() + parsed.data.advanceDays * 86_400_000;
          if (!isTenantTime(target)) return badRequest(`advanceDays: ${OUT_OF_RANGE}`);
          rt.clock.advanceDays(parsed.data.advanceDays);
        }
        return { status: 200, body: { now: rt.clock.now().toISOString() } };
      },
    },
    { method: "GET", path: "/stats", handler: () => ({ status: 200, body: rt.stats.snapshot() }) },
    {
      method: "DELETE",
      path: "/stats",
      handler: () => {
        rt.stats.reset();
        return { status: 204 };
      },
    },
    {
      method: "POST",
      path: "/applications",
      handler: (ctx) => {
        const parsed = applicationSchema.safeParse(ctx.body ?? {});
        if (!parsed.success) return badRequest(parsed.error.issues);
        const created = rt.createApplication(parsed.data);
        return { status: 201, body: { clientId: created.appId, ...(created.clientSecret ? { clientSecret: created.clientSecret } : {}) } };
      },
    },
    {
      method: "POST",
      path: "/reset",
      handler: () => {
        rt.reset();
        return { status: 204 };
      },
    },
  ];
}

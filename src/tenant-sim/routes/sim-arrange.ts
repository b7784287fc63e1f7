/**
 * `/_sim` routes that arrange the tenant as an admin would before running holofleet (documented in
 * docs/local-tenant.md): `POST /_sim/domains` adds a verified custom domain, `POST
 * /_sim/subscribedSkus` subscribes a SKU or raises its seats. Both are idempotent: 201 when
 * something was added, 200 with the unchanged or raised object otherwise.
 */
import { z } from "zod";
import { GraphHttpError, type SimControlRoute } from "../framework.ts";
import { addVerifiedDomain, ensureSubscribedSku, MAX_SKU_UNITS } from "../arrange/tenant-setup.ts";

const domainBody = z.object({ id: z.string().min(1).max(255) }).strict();

const skuBody = z
  .object({
    skuPartNumber: z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/, "expected a String ID of the licensing CSV, e.g. MICROSOFT_REMOTE_ASSIST"),
    units: z.number().int().min(1).max(MAX_SKU_UNITS),
  })
  .strict();

/** A 400 in Graph's error shape that names each offending property (`details[].target`). */
function invalidBody(issues: z.core.$ZodIssue[]): GraphHttpError {
  const located = issues.map((i) => {
    const keys = i.code === "unrecognized_keys" ? i.keys : [];
    const target = [...i.path.map(String), ...keys].join(".") || "body";
    return { code: i.code === "unrecognized_keys" ? "unknownProperty" : "invalidValue", target, message: i.message };
  });
  return new GraphHttpError(400, "BadRequest", located.map((d) => `${d.target}: ${d.message}`).join("; "), {}, located);
}

export const simArrangeRoutes: SimControlRoute[] = [
  {
    method: "POST",
    path: "/domains",
    description: "add a verified custom domain, modelled on the seeded one: `{ id: \"contoso.com\" }` → 201 with the domain, 200 when it exists",
    handler: (ctx) => {
      const parsed = domainBody.safeParse(ctx.body ?? {});
      if (!parsed.success) throw invalidBody(parsed.error.issues);
      const { domain, created } = addVerifiedDomain(ctx.store, parsed.data.id);
      return { status: created ? 201 : 200, body: domain };
    },
  },
  {
    method: "POST",
    path: "/subscribedSkus",
    description:
      "subscribe a SKU of the licensing catalog with its service plans, or raise the seats of a subscribed one: `{ skuPartNumber, units }` (enabled seats afterwards ≥ `units`; none are taken away) → 201 when subscribed, 200 otherwise",
    handler: (ctx) => {
      const parsed = skuBody.safeParse(ctx.body ?? {});
      if (!parsed.success) throw invalidBody(parsed.error.issues);
      const { sku, change } = ensureSubscribedSku(ctx.store, ctx.tenantId, parsed.data.skuPartNumber, parsed.data.units);
      return { status: change === "created" ? 201 : 200, body: sku };
    },
  },
];

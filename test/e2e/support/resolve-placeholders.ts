/**
 * Test-only stand-in for the planner's placeholder resolution (src/compile/types.ts `DesiredResource.body`):
 * `$ref` → the created Graph id (a `directoryObjects` URL inside an `…@odata.bind` array and as `@odata.id`),
 * `$resolve skuId` → the id from the tenant's `/subscribedSkus`, `$resolve disabledPlans` → every plan of
 * that subscription not kept, `password:generate` → a CSPRNG password (`src/passwords/generate-password.ts`).
 * Pure apart from the password generator it is given.
 */

/** The slice of a Graph `subscribedSku` the resolver reads. */
export interface SubscribedSkuIds {
  skuId: string;
  skuPartNumber: string;
  servicePlans: { servicePlanId: string; servicePlanName: string }[];
}

export interface PlaceholderContext {
  /** The Graph id of an already created resource, by address. */
  idOf(address: string): string;
  /** The tenant's `/subscribedSkus` (tenant truth). */
  skus: readonly SubscribedSkuIds[];
  generatePassword(length: number): string;
}

/** What `@odata.bind` URLs point at (src/compile/types.ts: `https://graph.microsoft.com/v1.0/directoryObjects/<id>`). */
export const DIRECTORY_OBJECTS_URL = "https://graph.microsoft.com/v1.0/directoryObjects/";

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function resolveLookup(spec: string, ctx: PlaceholderContext): string {
  const [kind, skuPart, ...rest] = spec.split(":");
  const sku = skuPart === undefined ? undefined : ctx.skus.find((s) => s.skuPartNumber === skuPart);
  if (kind === "skuId" && skuPart && rest.length === 0) {
    if (!sku) throw new Error(`placeholder ${spec}: the tenant has no subscription for ${skuPart}`);
    return sku.skuId;
  }
  throw new Error(`unknown $resolve placeholder "${spec}"`);
}

/** `disabledPlans:<SKU>` with `keep`: every plan of the tenant's subscription whose name is not kept (types.ts). */
function resolveDisabledPlans(spec: string, keep: unknown, ctx: PlaceholderContext): string[] {
  const [, skuPart, ...rest] = spec.split(":");
  if (!skuPart || rest.length > 0 || !Array.isArray(keep) || !keep.every((k) => typeof k === "string")) {
    throw new Error(`placeholder ${spec} needs one SKU and a keep list of plan names`);
  }
  const sku = ctx.skus.find((s) => s.skuPartNumber === skuPart);
  if (!sku) throw new Error(`placeholder ${spec}: the tenant has no subscription for ${skuPart}`);
  const kept = new Set(keep);
  return sku.servicePlans.filter((p) => !kept.has(p.servicePlanName)).map((p) => p.servicePlanId);
}

function resolveValue(value: unknown, ctx: PlaceholderContext, inBind: boolean): unknown {
  if (Array.isArray(value)) return value.map((v) => resolveValue(v, ctx, inBind));
  if (!isRecord(value)) return value;
  if (typeof value.$ref === "string") {
    const id = ctx.idOf(value.$ref);
    return inBind ? `${DIRECTORY_OBJECTS_URL}${id}` : id;
  }
  if (typeof value.$resolve === "string") {
    if (value.$resolve === "password:generate") {
      const length = value.length;
      if (typeof length !== "number" || !Number.isInteger(length)) throw new Error("password:generate needs an integer length");
      return ctx.generatePassword(length);
    }
    if (value.$resolve.startsWith("disabledPlans:")) return resolveDisabledPlans(value.$resolve, value.keep, ctx);
    return resolveLookup(value.$resolve, ctx);
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = resolveValue(v, ctx, k.endsWith("@odata.bind") || k === "@odata.id");
  return out;
}

/** A copy of `body` with every placeholder replaced; throws on a placeholder it cannot resolve. */
export function resolvePlaceholders(body: Record<string, unknown>, ctx: PlaceholderContext): Record<string, unknown> {
  return resolveValue(body, ctx, false) as Record<string, unknown>;
}

/** The addresses a body's `$ref` placeholders name. */
export function referencedAddresses(body: unknown): string[] {
  if (Array.isArray(body)) return body.flatMap(referencedAddresses);
  if (!isRecord(body)) return [];
  if (typeof body.$ref === "string") return [body.$ref];
  return Object.values(body).flatMap(referencedAddresses);
}

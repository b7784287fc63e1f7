/**
 * Placeholder resolution (src/compile/types.ts `DesiredResource.body`): `$ref` → the Graph id (a
 * `directoryObjects` URL inside an `…@odata.bind` array and as `@odata.id`), `$resolve skuId` → the id
 * from the tenant's `/subscribedSkus`, `$resolve disabledPlans` → every plan of that subscription not
 * kept, `password:generate` → a CSPRNG password (`src/passwords/generate-password.ts`). At plan time
 * (`resolveForPlan`) an id that exists only after apply becomes `{ $unknown: address }` and a password
 * `{ $sensitive: true }`, so a plan never holds a secret. Pure apart from the password generator.
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

function resolveLookup(spec: string, ctx: Pick<PlaceholderContext, "skus">): string {
  const [kind, skuPart, ...rest] = spec.split(":");
  const sku = skuPart === undefined ? undefined : ctx.skus.find((s) => s.skuPartNumber === skuPart);
  if (kind === "skuId" && skuPart && rest.length === 0) {
    if (!sku) throw new Error(`placeholder ${spec}: the tenant has no subscription for ${skuPart}`);
    return sku.skuId;
  }
  throw new Error(`unknown $resolve placeholder "${spec}"`);
}

/** `disabledPlans:<SKU>` with `keep`: every plan of the tenant's subscription whose name is not kept (types.ts). */
function resolveDisabledPlans(spec: string, keep: unknown, ctx: Pick<PlaceholderContext, "skus">): string[] {
  const [, skuPart, ...rest] = spec.split(":");
  if (!skuPart || rest.length > 0 || !Array.isArray(keep) || !keep.every((k) => typeof k === "string")) {
    throw new Error(`placeholder ${spec} needs one SKU and a keep list of plan names`);
  }
  const sku = ctx.skus.find((s) => s.skuPartNumber === skuPart);
  if (!sku) throw new Error(`placeholder ${spec}: the tenant has no subscription for ${skuPart}`);
  const kept = new Set(keep);
  return sku.servicePlans.filter((p) => !kept.has(p.servicePlanName)).map((p) => p.servicePlanId);
}

interface Resolver {
  ref(address: string, inBind: boolean): unknown;
  password(length: number): unknown;
  skus: readonly SubscribedSkuIds[];
}

function resolveValue(value: unknown, r: Resolver, inBind: boolean): unknown {
  if (Array.isArray(value)) return value.map((v) => resolveValue(v, r, inBind));
  if (!isRecord(value)) return value;
  if (typeof value.$ref === "string") return r.ref(value.$ref, inBind);
  if (typeof value.$resolve === "string") {
    if (value.$resolve === "password:generate") {
      const length = value.length;
      if (typeof length !== "number" || !Number.isInteger(length)) throw new Error("password:generate needs an integer length");
      return r.password(length);
    }
    const ctx = { skus: r.skus };
    if (value.$resolve.startsWith("disabledPlans:")) return resolveDisabledPlans(value.$resolve, value.keep, ctx);
    return resolveLookup(value.$resolve, ctx);
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = resolveValue(v, r, k.endsWith("@odata.bind") || k === "@odata.id");
  return out;
}

/** A copy of `body` with every placeholder replaced; throws on a placeholder it cannot resolve. */
export function resolvePlaceholders(body: Record<string, unknown>, ctx: PlaceholderContext): Record<string, unknown> {
  return resolveValue(body, {
    skus: ctx.skus,
    ref: (address, inBind) => {
      const id = ctx.idOf(address);
      return inBind ? `${DIRECTORY_OBJECTS_URL}${id}` : id;
    },
    password: (length) => ctx.generatePassword(length),
  }, false) as Record<string, unknown>;
}

export interface PlanPlaceholderContext {
  /** The Graph id of a resource that exists now, or undefined when it exists only after apply. */
  idOf(address: string): string | undefined;
  skus: readonly SubscribedSkuIds[];
}

/**
 * A copy of `body` for planning: ids known now are filled in as `resolvePlaceholders` does, the
 * others become `{ $unknown: address }`, and a password `{ $sensitive: true }` (never generated).
 */
export function resolveForPlan(body: Record<string, unknown>, ctx: PlanPlaceholderContext): Record<string, unknown> {
  return resolveValue(body, {
    skus: ctx.skus,
    ref: (address, inBind) => {
      const id = ctx.idOf(address);
      if (id === undefined) return { $unknown: address };
      return inBind ? `${DIRECTORY_OBJECTS_URL}${id}` : id;
    },
    password: () => ({ $sensitive: true }),
  }, false) as Record<string, unknown>;
}

/** The addresses a body's `$ref` placeholders name. */
export function referencedAddresses(body: unknown): string[] {
  if (Array.isArray(body)) return body.flatMap(referencedAddresses);
  if (!isRecord(body)) return [];
  if (typeof body.$ref === "string") return [body.$ref];
  return Object.values(body).flatMap(referencedAddresses);
}

/**
 * Test-only stand-in for the planner's placeholder resolution (src/compile/types.ts `DesiredResource.body`):
 * `$ref` → the created Graph id (a `directoryObjects` URL inside an `…@odata.bind` array and as `@odata.id`),
 * `$resolve skuId/servicePlanId` → ids from the tenant's `/subscribedSkus`, `password:generate` → a
 * CSPRNG password. Pure apart from the password generator it is given.
 */
import { randomInt } from "node:crypto";

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
  const [kind, skuPart, planName, ...rest] = spec.split(":");
  const sku = skuPart === undefined ? undefined : ctx.skus.find((s) => s.skuPartNumber === skuPart);
  if (kind === "skuId" && skuPart && planName === undefined) {
    if (!sku) throw new Error(`placeholder ${spec}: the tenant has no subscription for ${skuPart}`);
    return sku.skuId;
  }
  if (kind === "servicePlanId" && skuPart && planName && rest.length === 0) {
    if (!sku) throw new Error(`placeholder ${spec}: the tenant has no subscription for ${skuPart}`);
    const plan = sku.servicePlans.find((p) => p.servicePlanName === planName);
    if (!plan) throw new Error(`placeholder ${spec}: ${skuPart} has no service plan ${planName} in this tenant`);
    return plan.servicePlanId;
  }
  throw new Error(`unknown $resolve placeholder "${spec}"`);
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

const CLASSES = ["ABCDEFGHJKLMNPQRSTUVWXYZ", "abcdefghijkmnopqrstuvwxyz", "23456789", "!#%+-.=?@_~"] as const;

/**
 * A password from the CSPRNG (`crypto.randomInt`) with at least one character of each class, so it
 * meets Entra's default rule (8–256 characters, three of four classes — Entra password policy docs).
 */
export function generatePassword(length: number): string {
  if (length < CLASSES.length || length > 256) throw new Error(`password length ${length} is outside 4–256`);
  const all = CLASSES.join("");
  const chars = CLASSES.map((c) => c[randomInt(c.length)]!);
  while (chars.length < length) chars.push(all[randomInt(all.length)]!);
  // Fisher–Yates with the CSPRNG, so the guaranteed characters are not always in front.
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join("");
}

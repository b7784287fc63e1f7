/**
 * Building blocks shared by the section schemas: `documented()` attaches the description and the
 * guide section a key comes from (both end up in the JSON Schema and in docs/blueprint.md), and the
 * primitive value types (GUIDs, slugs, catalog ids, UPNs) every section reuses.
 *
 * Guide section names: §GR-n = step n of "General deployment recommendations", §CC-<topic> = one of the
 * "Common external client deployment concerns" (isolation, company-resources, apps, passwords, chat-history).
 */
import { z } from "zod";

/** Metadata every documented key carries. `guide` is the guide section the default or the key comes from. */
export interface KeyDocs {
  description: string;
  guide?: string;
}

/** Attaches a description (and the guide section) to a schema; keep it the last call in a chain. */
export function documented<T extends z.ZodType>(schema: T, docs: KeyDocs): T {
  const description = docs.guide ? `${docs.description} (guide ${docs.guide})` : docs.description;
  return schema.meta({ description, ...(docs.guide ? { "x-guide": docs.guide } : {}) }) as T;
}

const GUID_RE = /^\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}?$/;

/** A GUID with or without braces, any case; normalized to `{UPPER-CASE}` (the AssignedAccess and CSP form). */
export const bracedGuid = z
  .string()
  .regex(GUID_RE, { message: "expected a GUID such as 8739C257-184F-45DD-8657-C235819172A3" })
  .transform((s) => `{${s.replace(/[{}]/g, "").toUpperCase()}}`);

/** A GUID as Entra prints it (tenant ids): lower case, no braces. */
export const plainGuid = z
  .string()
  .regex(GUID_RE, { message: "expected a GUID such as 72f988bf-86f1-41af-91ab-2d7cd011db47" })
  .transform((s) => s.replace(/[{}]/g, "").toLowerCase());

/** Stable slug used in addresses, group names and segment names. */
export const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: "expected lower-case letters, digits and single dashes, e.g. fabrikam-north" });

/** A DNS domain such as `contoso.onmicrosoft.com`; normalized to lower case. */
export const domainName = z
  .string()
  .regex(/^(?=.{1,253}$)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/, {
    message: "expected a DNS domain such as contoso.onmicrosoft.com",
  })
  .transform((s) => s.toLowerCase());

/** ISO 3166-1 alpha-2 country code (Graph `usageLocation`); normalized to upper case. */
export const countryCode = z
  .string()
  .regex(/^[A-Za-z]{2}$/, { message: "expected a two-letter ISO 3166 country code such as US or DE" })
  .transform((s) => s.toUpperCase());

/** A catalog id (kebab-case); existence is checked by the semantic checks, which can suggest names. */
export const catalogId = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, {
  message: "expected a catalog id in kebab-case such as remote-assist",
});

/** Hour of the day, 0–23. */
export const hourOfDay = z.number().int().min(0).max(23);

/** Lists whose entries must be unique (kiosk apps, SKUs…): duplicates are reported per entry. */
export function uniqueList<T extends z.ZodType>(item: T) {
  return z.array(item).superRefine((items, ctx) => {
    const seen = new Set<string>();
    items.forEach((value, index) => {
      const key = JSON.stringify(value);
      if (seen.has(key)) {
        ctx.addIssue({ code: "custom", path: [index], message: `duplicate entry ${key}`, params: { hf: "HF1017", fix: "Remove the repeated entry." } });
      }
      seen.add(key);
    });
  });
}

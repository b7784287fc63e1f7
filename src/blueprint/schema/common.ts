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

/**
 * A catalog id such as `remote-assist`. Only the shape of a name is checked here; whether the catalog
 * has it is a semantic check, which can suggest the id for any spelling (`Remote Assist`, `Microsoft Store`).
 */
export const catalogId = z.string().regex(/^\S(?:[^\n\r]{0,98}\S)?$/, {
  message: "expected a catalog id such as remote-assist (one line, at most 100 characters)",
});

/**
 * What a one-line name must not hold: control characters (C0, DEL and C1 — line feed, carriage return,
 * tab, …), the Unicode line and paragraph separators, and the bidirectional embeddings, overrides and
 * isolates (U+202A–U+202E, U+2066–U+2069), which make a name display differently from what it is.
 * Names end up in Entra and Intune display names, kiosk and policy XML, PowerShell and markdown.
 */
const NOT_IN_NAMES = /[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069]/u;

const CHARACTER_NAMES: Record<string, string> = {
  "\n": "a line break (U+000A)",
  "\r": "a carriage return (U+000D)",
  "\t": "a tab (U+0009)",
  "\u2028": "a line separator (U+2028)",
  "\u2029": "a paragraph separator (U+2029)",
};

function describeCharacter(ch: string): string {
  const code = `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
  if (CHARACTER_NAMES[ch]) return CHARACTER_NAMES[ch];
  return /[\u202A-\u202E\u2066-\u2069]/u.test(ch) ? `a bidirectional text control (${code})` : `a control character (${code})`;
}

/**
 * A display name: 1 to `max` characters on one line, not blank. `where` says where the name is shown,
 * for the message. Line breaks get their own advice: a YAML `|` or `>` block keeps a final line break.
 */
export function displayName(max: number, where: string) {
  return z
    .string()
    .min(1)
    .max(max)
    .superRefine((name, ctx) => {
      const bad = NOT_IN_NAMES.exec(name);
      if (bad) {
        const lineBreak = /[\n\r\u2028\u2029]/u.test(bad[0]);
        ctx.addIssue({
          code: "custom",
          message: `the name contains ${describeCharacter(bad[0])} at character ${bad.index + 1} of ${name.length}`,
          params: {
            hf: "HF1018",
            why: `${where} shows the name on one line, and a control character would travel into the XML, scripts and tables holofleet writes.`,
            fix: lineBreak
              ? "Write the name on one line as a plain or quoted value; a `|` or `>` block keeps a final line break (`|-` drops it)."
              : "Remove the character; names are plain one-line text.",
          },
        });
      } else if (name.trim() === "") {
        ctx.addIssue({
          code: "custom",
          message: "the name is blank",
          params: { hf: "HF1018", why: `${where} needs a visible name.`, fix: "Write a name, or remove the key to use the default." },
        });
      }
    });
}

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

/**
 * `clients`: the external organisations, each with the accounts holofleet creates for it (guide
 * prerequisites: single or multiple users per device). An account is a bare alias (expanded with
 * tenant.domain by the blueprint schema) or a mapping with its display name and devices.
 */
import { z } from "zod";
import { countryCode, displayName, documented, slug, uniqueList } from "./common.ts";

/** Characters Graph accepts in a userPrincipalName (graph-facts §2, from user-post-users.md). */
const UPN_CHARACTER = /^[A-Za-z0-9'._!#^~-]$/;
/** The local part becomes the user's mailNickname; holofleet keeps both within 64 characters (graph-facts §1). */
const MAX_ALIAS = 64;
const DOMAIN = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

/** What is wrong with an alias or UPN, or null. Hand-written rather than one regex so the message can name the character. */
export function upnProblem(value: string): string | null {
  const at = value.indexOf("@");
  const alias = at < 0 ? value : value.slice(0, at);
  const domain = at < 0 ? null : value.slice(at + 1);
  if (alias === "") return "there is nothing before the @";
  const bad = [...alias].find((ch) => !UPN_CHARACTER.test(ch));
  if (bad !== undefined) {
    return `the character ${JSON.stringify(bad)} is not allowed in a user principal name; Graph accepts A–Z a–z 0–9 and ' . - _ ! # ^ ~ (graph-facts §2)`;
  }
  if (alias.length > MAX_ALIAS) return `the alias has ${alias.length} characters; at most ${MAX_ALIAS}, as it becomes the mailNickname`;
  // holofleet's own rule, stricter than Graph's character list: no alias that starts or ends with punctuation.
  if (!/^[A-Za-z0-9]/.test(alias) || !/[A-Za-z0-9]$/.test(alias)) return "an alias starts and ends with a letter or digit";
  if (domain !== null && !DOMAIN.test(domain)) return `${JSON.stringify(domain)} after the @ is not a DNS domain such as contoso.onmicrosoft.com`;
  return null;
}

const ALIAS = `[A-Za-z0-9](?:[A-Za-z0-9'._!#^~-]{0,${MAX_ALIAS - 2}}[A-Za-z0-9])?`;
/** The same rules as `upnProblem`, as one pattern, so the JSON Schema carries it for editors. */
const UPN_OR_ALIAS = new RegExp(`^${ALIAS}(?:@${DOMAIN.source.slice(1, -1)})?$`);

/** A bare alias (`fabrikam-op01`) or a full UPN (`fabrikam-op01@contoso.onmicrosoft.com`). */
export const upnOrAlias = z.string().regex(UPN_OR_ALIAS, {
  error: (issue) =>
    upnProblem(String(issue.input)) ??
    "expected an alias such as fabrikam-op01 or a user principal name such as fabrikam-op01@contoso.onmicrosoft.com",
});

const serialNumber = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, {
  message: "expected a device serial number (letters, digits, dashes)",
});

const accountObject = z.strictObject({
  upn: documented(upnOrAlias, {
    description: "Alias or full user principal name. A bare alias gets `@<tenant.domain>`.",
  }),
  displayName: documented(displayName(256, "Entra (the user's display name)").optional(), {
    description: "Display name. Default `<client displayName> <alias>`.",
  }),
  devices: documented(uniqueList(serialNumber).default([]), {
    description: "Serial numbers of the devices this account signs in on (several accounts may share a device).",
    guide: "Prerequisites",
  }),
});

export const accountSchema = documented(
  z.union([upnOrAlias.transform((upn) => ({ upn, devices: [] as string[] })), accountObject]),
  { description: "A client account: a bare alias, or a mapping with upn, displayName and devices." },
);

export const clientSchema = z.strictObject({
  id: documented(slug, {
    description: "Stable slug (`[a-z0-9-]+`) used in group names, addresses and segment names.",
  }),
  displayName: documented(displayName(256, "Entra (the client group's display name and the accounts' company name)").optional(), {
    description: "Organisation name. Default: the id. The client's group is named `<tenant.namingPrefix> Client <displayName>`.",
  }),
  usageLocation: documented(countryCode.optional(), {
    description: "Usage location of this client's accounts. Default: tenant.usageLocation.",
    guide: "§GR-2",
  }),
  loanDays: documented(z.number().int().min(1).nullable().default(null), {
    description: "Planned loan length in days, checked against the password policy; null = open-ended.",
    guide: "§CC-passwords",
  }),
  accounts: documented(z.array(accountSchema).min(1), {
    description: "Accounts the client's people sign in with (at least one).",
    guide: "Prerequisites",
  }),
});

export const clientsSchema = documented(z.array(clientSchema).default([]), {
  description: "External client organisations.",
  guide: "Prerequisites",
});

/**
 * `clients`: the external organisations, each with the accounts holofleet creates for it (guide
 * prerequisites: single or multiple users per device). An account is a bare alias (expanded with
 * tenant.domain by the blueprint schema) or a mapping with its display name and devices.
 */
import { z } from "zod";
import { countryCode, documented, slug, uniqueList } from "./common.ts";

const ALIAS = "[A-Za-z0-9](?:[A-Za-z0-9._-]{0,62}[A-Za-z0-9])?";
const DOMAIN = "(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}";
/** A bare alias (`fabrikam-op01`) or a full UPN (`fabrikam-op01@contoso.onmicrosoft.com`). */
export const upnOrAlias = z.string().regex(new RegExp(`^${ALIAS}(?:@${DOMAIN})?$`), {
  message: "expected an alias such as fabrikam-op01 or a user principal name such as fabrikam-op01@contoso.onmicrosoft.com",
});

const serialNumber = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, {
  message: "expected a device serial number (letters, digits, dashes)",
});

const accountObject = z.strictObject({
  upn: documented(upnOrAlias, {
    description: "Alias or full user principal name. A bare alias gets `@<tenant.domain>`.",
  }),
  displayName: documented(z.string().min(1).max(256).optional(), {
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
  displayName: documented(z.string().min(1).max(256).optional(), { description: "Organisation name. Default: the id." }),
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

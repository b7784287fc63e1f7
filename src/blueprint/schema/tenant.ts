/**
 * `tenant`: the Microsoft Entra tenant that hosts client accounts and devices, and how it relates to
 * the organisation's own tenant (guide §CC-company-resources, option 2 and Image 1.1).
 */
import { z } from "zod";
import { countryCode, documented, domainName, plainGuid } from "./common.ts";

export const tenantSchema = documented(
  z.strictObject({
    id: documented(plainGuid.nullable().default(null), {
      description: "Tenant id (GUID), or null (the default): the domain is enough to compile; `holofleet plan` and `holofleet apply` check it against the tenant the credentials reach (else that tenant.domain is one of its verified domains).",
    }),
    domain: documented(domainName, {
      description:
        "Default verified domain, e.g. `contoso.onmicrosoft.com`. Client accounts given as a bare alias get `@<domain>`.",
    }),
    clientDomain: documented(domainName.nullable().default(null), {
      description:
        "Verified domain that holds only the client accounts, e.g. `clients.contoso.com`; null (the default): tenant.domain. Bare aliases get `@<clientDomain>` and every account must be in it. Entra sets password expiry per domain, so `passwords.policy: extended` changes this domain's: in the same-tenant model set it, or every employee in tenant.domain gets the client expiry (HF2065).",
      guide: "§CC-passwords",
    }),
    model: documented(z.enum(["same-tenant", "service-tenant"]).default("same-tenant"), {
      description:
        "`same-tenant`: client accounts live in the organisation's tenant (multi-layer option). `service-tenant`: a separate tenant hosts only clients (Image 1.1).",
      guide: "§CC-company-resources",
    }),
    namingPrefix: documented(
      z
        .string()
        .regex(/^[A-Za-z][A-Za-z0-9]{0,9}$/, { message: "expected 1–10 letters or digits starting with a letter, e.g. HF" })
        .default("HF"),
      {
        description:
          "Prefix of every object holofleet names (groups, profiles, policies); it also marks objects holofleet owns.",
      },
    ),
    usageLocation: documented(countryCode.default("US"), {
      description:
        "Default usage location (ISO 3166 alpha-2) of client accounts. Graph needs one before a licence is assigned to a user directly; holofleet always sets it explicitly. Default `US`: set your own.",
      guide: "§GR-2",
    }),
  }),
  { description: "The tenant that hosts client accounts and HoloLens devices.", guide: "§CC-company-resources" },
);

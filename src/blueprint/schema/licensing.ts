/**
 * `licensing`: which licences client accounts get, through the all-clients group (guide §GR-2), and which
 * of their service plans stay on. Plans are kept by allow-list (guide §CC-company-resources, option 1:
 * "only assign licenses that the user requires"): only the plans of what the program needs stay on — the
 * catalog's licence needs, see docs/blueprint.md — and every other plan of an assigned SKU is disabled,
 * including plans Microsoft adds to a suite later.
 */
import { z } from "zod";
import { documented, uniqueList } from "./common.ts";

/** Guide §CC-company-resources: "Remote Assist, Intune, and Microsoft Entra ID licenses". */
export const DEFAULT_SKUS = ["MICROSOFT_REMOTE_ASSIST", "INTUNE_A", "AAD_PREMIUM"] as const;

const skuPartNumber = z.string().regex(/^\S+$/, {
  message: "expected a skuPartNumber (String_Id) such as INTUNE_A",
});
const servicePlanName = z.string().regex(/^\S+$/, {
  message: "expected a Service_Plan_Name such as EXCHANGE_S_ENTERPRISE",
});

export const licensingSchema = documented(
  z.strictObject({
    skus: documented(uniqueList(skuPartNumber).default([...DEFAULT_SKUS]), {
      description:
        "SKUs (skuPartNumber) the client group gets. Default: MICROSOFT_REMOTE_ASSIST, INTUNE_A, AAD_PREMIUM — the only licences the guide says clients need. Licences reach the accounts through the group (Entra group licensing applies them to the group's users).",
      guide: "§GR-2, §CC-company-resources",
    }),
    enabledServicePlans: documented(uniqueList(servicePlanName).default([]), {
      description:
        "Service plans (Service_Plan_Name) kept on beyond what the program needs. Default: none — every plan of an assigned SKU that is not on the allow-list (Remote Assist or Guides and the plans their licences bring, Intune, Entra ID, Teams for calls, information barriers when used) is disabled, so a plan Microsoft adds to a suite later is off too. In the same-tenant model each one is flagged (HF2020) unless `company-resource-plans` is acknowledged.",
      guide: "§CC-company-resources",
    }),
    disabledServicePlans: documented(uniqueList(servicePlanName).default([]), {
      description:
        "Service plans the allow-list would keep on that stay off anyway, e.g. MFA_PREMIUM. Default: none (changed: it used to list the company-resource plans, which the allow-list now disables). Disabling TEAMS1 warns (HF2027): calls run over Teams.",
      guide: "§CC-company-resources",
    }),
  }),
  { description: "Licences for client accounts.", guide: "§GR-2" },
);

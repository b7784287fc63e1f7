/**
 * `licensing`: which licences client accounts get and which service plans stay off (guide §GR-2 and
 * §CC-company-resources option 1: "only assign licenses that the user requires").
 */
import { z } from "zod";
import { companyResourcePlans } from "../../catalog/index.ts";
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
        "SKUs (skuPartNumber) the client group gets. Default: MICROSOFT_REMOTE_ASSIST, INTUNE_A, AAD_PREMIUM — the only licences the guide says clients need.",
      guide: "§CC-company-resources",
    }),
    disabledServicePlans: documented(uniqueList(servicePlanName).default(() => [...companyResourcePlans]), {
      description:
        "Service plans (Service_Plan_Name) that stay off in every assigned SKU. Default: the catalog's company-resource plans (Exchange, SharePoint/OneDrive, Office, Yammer/Viva Engage, Skype, Stream, Forms, Planner, Sway…); never TEAMS1, which Remote Assist calls need.",
      guide: "§CC-company-resources",
    }),
  }),
  { description: "Licences for client accounts.", guide: "§GR-2" },
);

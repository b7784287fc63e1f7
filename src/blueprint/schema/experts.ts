/** `experts`: the organisation's people clients call; named so isolation can let clients reach only them. */
import { z } from "zod";
import { displayName, documented, uniqueList } from "./common.ts";

/** An expert's address in the organisation's tenant (their sign-in name); normalized to lower case. */
const expertAddress = z
  .string()
  .regex(/^[A-Za-z0-9'._!#^~+-]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/, {
    message: "expected an address such as ada@contoso.com",
  })
  .transform((s) => s.toLowerCase());

export const expertsSchema = documented(
  z.strictObject({
    groupName: documented(displayName(120, "Entra (the experts group's display name)").default("Experts"), {
      description: "Display name of the group of experts (holofleet adds tenant.namingPrefix when it names the group).",
      guide: "§CC-isolation",
    }),
    segmentName: documented(displayName(120, "Microsoft Purview (the information-barrier segment name)").default("Experts"), {
      description: "Information-barrier segment of the experts (used with isolation.mode information-barriers).",
      guide: "§CC-isolation",
    }),
    access: documented(z.enum(["federation", "guests"]).nullable().default(null), {
      description:
        "Service tenant only (required there): how experts in your organisation's tenant reach clients in the service tenant (cross-tenant-overview.md). `guests`: holofleet invites each address into the service tenant (Graph invitations) and puts the guests in the experts group, so clients find experts by name and isolation covers them. `federation`: Teams external access between the two tenants (a PowerShell step for each tenant); nothing is created in the service tenant, and clients type an expert's full address to call.",
      guide: "§CC-company-resources",
    }),
    addresses: documented(uniqueList(expertAddress).default([]), {
      description:
        "Service tenant only (at least one there): the experts' addresses in your organisation's tenant. With `guests` each is invited; with `federation` their domains are the ones the service tenant allows.",
      guide: "§CC-company-resources",
    }),
    guestRedirectUrl: documented(
      z
        .string()
        .regex(/^https:\/\/[^\s/]+(?:\/\S*)?$/, { message: "expected an https URL such as https://myapplications.microsoft.com" })
        .default("https://myapplications.microsoft.com"),
      {
        description:
          "Guests only: where an expert lands after accepting the invitation (Graph inviteRedirectUrl, required by Graph). Default: Microsoft's My Apps portal.",
        guide: "§CC-company-resources",
      },
    ),
  }),
  { description: "The experts clients call with Remote Assist or Guides.", guide: "§CC-isolation" },
);

/**
 * The whole blueprint: the YAML surface (section schemas) and the normalization into the `Blueprint`
 * contract. Defaults that depend on another section are filled here: account aliases get
 * `@tenant.domain`, client usage locations fall back to the tenant's, the group tag derives from the
 * naming prefix, and the kiosk profile / app-control policy GUIDs derive from the tenant domain.
 */
import { z } from "zod";
import type { Blueprint, Client } from "../types.ts";
import { stableObjectGuid } from "../stable-guid.ts";
import { acknowledgeSchema } from "./acknowledge.ts";
import { clientsSchema } from "./clients.ts";
import { documented } from "./common.ts";
import { devicesSchema } from "./devices.ts";
import { expertsSchema } from "./experts.ts";
import { isolationSchema } from "./isolation.ts";
import { licensingSchema } from "./licensing.ts";
import { metadataSchema } from "./metadata.ts";
import { passwordsSchema } from "./passwords.ts";
import { tenantSchema } from "./tenant.ts";

export const API_VERSION = "holofleet/v1";

/** The YAML surface, before cross-section defaults. `z.toJSONSchema` of this is what editors see. */
export const blueprintInputSchema = documented(
  z.strictObject({
    apiVersion: documented(z.literal(API_VERSION), { description: "Blueprint format version: `holofleet/v1`." }),
    metadata: metadataSchema,
    tenant: tenantSchema,
    licensing: licensingSchema.prefault({}),
    devices: devicesSchema.prefault({}),
    isolation: isolationSchema.prefault({}),
    experts: expertsSchema.prefault({}),
    clients: clientsSchema,
    passwords: passwordsSchema.prefault({}),
    acknowledge: acknowledgeSchema,
  }),
  {
    description:
      "holofleet blueprint: one file that states a HoloLens 2 external-client program (Microsoft's guide 'Deploy cloud connected HoloLens 2 to external clients').",
  },
);

type BlueprintInput = z.output<typeof blueprintInputSchema>;

function normalizeClients(input: BlueprintInput): Client[] {
  return input.clients.map((client) => {
    const displayName = client.displayName ?? client.id;
    return {
      id: client.id,
      displayName,
      usageLocation: client.usageLocation ?? input.tenant.usageLocation,
      loanDays: client.loanDays,
      accounts: client.accounts.map((account) => {
        const alias = account.upn.split("@")[0]!;
        const userPrincipalName = account.upn.includes("@")
          ? account.upn.toLowerCase()
          : `${account.upn}@${input.tenant.domain}`.toLowerCase();
        const explicitName = "displayName" in account ? account.displayName : undefined;
        return { userPrincipalName, displayName: explicitName ?? `${displayName} ${alias}`, devices: account.devices };
      }),
    };
  });
}

/** Fills the cross-section defaults; the result is the `Blueprint` contract the compiler reads. */
export function normalizeBlueprint(input: BlueprintInput): Blueprint {
  const { tenant, devices } = input;
  const { autopilot, kiosk, appControl } = devices;
  return {
    apiVersion: input.apiVersion,
    metadata: input.metadata,
    tenant,
    licensing: input.licensing,
    devices: {
      ...devices,
      autopilot: { ...autopilot, groupTag: autopilot.groupTag ?? `${tenant.namingPrefix}-HOLOLENS` },
      kiosk: { ...kiosk, profileId: kiosk.profileId ?? stableObjectGuid(tenant.domain, "kiosk-profile") },
      appControl: {
        ...appControl,
        policyId: appControl.policyId ?? stableObjectGuid(tenant.domain, "app-control-policy"),
      },
    },
    isolation: input.isolation,
    experts: input.experts,
    clients: normalizeClients(input),
    passwords: input.passwords,
    acknowledge: input.acknowledge,
  };
}

export const blueprintSchema = blueprintInputSchema.transform(normalizeBlueprint);

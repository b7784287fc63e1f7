/**
 * The whole blueprint: the YAML surface (section schemas) and the normalization into the `Blueprint`
 * contract. Defaults that depend on another key are filled here, per section: account aliases get
 * `@tenant.clientDomain` (else `@tenant.domain`), client usage locations fall back to the tenant's, the
 * group tag derives from the naming prefix, the kiosk profile / app-control policy GUIDs from the tenant domain, and the settings
 * pages from the OS baseline.
 */
import { z } from "zod";
import type { Blueprint, Client, ClientAccount, DevicesSection, TenantSection } from "../types.ts";
import { stableObjectGuid } from "../stable-guid.ts";
import { acknowledgeSchema } from "./acknowledge.ts";
import { clientsSchema } from "./clients.ts";
import { consoleSchema } from "./console.ts";
import { documented } from "./common.ts";
import { DEVICE_SUBSECTIONS, devicesSchema } from "./devices.ts";
import { defaultSettingsPages } from "./devices/settings-pages.ts";
import { expertsSchema } from "./experts.ts";
import { isolationSchema } from "./isolation.ts";
import { licensingSchema } from "./licensing.ts";
import { loansSchema } from "./loans.ts";
import { metadataSchema } from "./metadata.ts";
import { passwordsSchema } from "./passwords.ts";
import { tenantSchema } from "./tenant.ts";

export const API_VERSION = "holofleet/v1";

/**
 * The top-level sections and their schemas. The loader validates each on its own, so a problem in one
 * section does not hide the problems (or the semantic findings) of another.
 */
export const sectionSchemas = {
  metadata: metadataSchema,
  tenant: tenantSchema,
  licensing: licensingSchema.prefault({}),
  devices: devicesSchema.prefault({}),
  isolation: isolationSchema.prefault({}),
  experts: expertsSchema.prefault({}),
  clients: clientsSchema,
  passwords: passwordsSchema.prefault({}),
  loans: loansSchema.prefault({}),
  console: consoleSchema.prefault({}),
  acknowledge: acknowledgeSchema,
};

export const apiVersionSchema = documented(z.literal(API_VERSION), { description: "Blueprint format version: `holofleet/v1`." });

/** The YAML surface, before cross-section defaults. `z.toJSONSchema` of this is what editors see. */
export const blueprintInputSchema = documented(
  z.strictObject({ apiVersion: apiVersionSchema, ...sectionSchemas }),
  {
    description:
      "holofleet blueprint: one file that states a HoloLens 2 external-client program (Microsoft's guide 'Deploy cloud connected HoloLens 2 to external clients').",
  },
);

export type BlueprintInput = z.output<typeof blueprintInputSchema>;

/**
 * The tenant values other sections' defaults derive from; absent when the tenant section could not give
 * them (`clientDomain` is null when the file leaves it out, absent when the file's value is wrong).
 */
export type TenantDefaults = Partial<Pick<TenantSection, "domain" | "clientDomain" | "namingPrefix" | "usageLocation">>;

/** The domain bare aliases are expanded with: tenant.clientDomain, else tenant.domain; undefined when unknown. */
export function aliasDomain(tenant: TenantDefaults): string | undefined {
  if (!("clientDomain" in tenant) || tenant.clientDomain === undefined) return undefined;
  return tenant.clientDomain ?? tenant.domain;
}

/** The `devices` subsections that passed their own schema (the loader validates each on its own). */
export type DevicesInput = Partial<BlueprintInput["devices"]>;

/**
 * Fills the defaults of the `devices` subsections that depend on another key: the group tag
 * (tenant.namingPrefix), the kiosk profile and app-control policy GUIDs (tenant.domain) and the settings
 * pages (devices.osBaseline). A subsection whose default needs a value that is missing (the tenant key
 * or the baseline failed and the file does not give the value itself) is left out; the others are kept,
 * in schema order.
 */
export function normalizeDeviceSubsections(devices: DevicesInput, tenant: TenantDefaults): Partial<DevicesSection> {
  const { osBaseline, autopilot, kiosk, appControl, settingsPages } = devices;
  const derive = (name: "kiosk-profile" | "app-control-policy") => (tenant.domain === undefined ? undefined : stableObjectGuid(tenant.domain, name));
  const groupTag = autopilot?.groupTag ?? (tenant.namingPrefix === undefined ? undefined : `${tenant.namingPrefix}-HOLOLENS`);
  const profileId = kiosk?.profileId ?? derive("kiosk-profile");
  const policyId = appControl?.policyId ?? derive("app-control-policy");
  const pages = settingsPages?.pages ?? (osBaseline ? defaultSettingsPages(osBaseline.build) : undefined);
  const normalized: Partial<DevicesSection> = {
    ...devices,
    autopilot: autopilot && groupTag !== undefined ? { ...autopilot, groupTag } : undefined,
    kiosk: kiosk && profileId !== undefined ? { ...kiosk, profileId } : undefined,
    appControl: appControl && policyId !== undefined ? { ...appControl, policyId } : undefined,
    settingsPages: settingsPages && pages !== undefined ? { ...settingsPages, pages } : undefined,
  };
  // Spreading `devices` first keeps the schema's key order; absent subsections are dropped, not undefined.
  return Object.fromEntries(Object.entries(normalized).filter(([, value]) => value !== undefined)) as Partial<DevicesSection>;
}

/** `devices` when every subsection is there; null when one is missing. */
export function completeDevices(devices: Partial<DevicesSection>): DevicesSection | null {
  return DEVICE_SUBSECTIONS.every((key) => devices[key] !== undefined) ? (devices as DevicesSection) : null;
}

/**
 * Fills the defaults of a whole, valid `devices` section (see `normalizeDeviceSubsections`). Null when a
 * tenant value a default needs is missing.
 */
export function normalizeDevices(devices: BlueprintInput["devices"], tenant: TenantDefaults): DevicesSection | null {
  return completeDevices(normalizeDeviceSubsections(devices, tenant));
}

/**
 * Fills the defaults of `clients`: bare aliases get `@tenant.clientDomain` (else `@tenant.domain`), usage
 * locations fall back to tenant.usageLocation, account display names to `<client displayName> <alias>`. Null when a tenant
 * value it needs is missing.
 */
export function normalizeClients(clients: BlueprintInput["clients"], tenant: TenantDefaults): Client[] | null {
  const normalized: Client[] = [];
  for (const client of clients) {
    const displayName = client.displayName ?? client.id;
    const usageLocation = client.usageLocation ?? tenant.usageLocation;
    if (usageLocation === undefined) return null;
    const accounts: ClientAccount[] = [];
    for (const account of client.accounts) {
      const alias = account.upn.split("@")[0]!;
      const domain = aliasDomain(tenant);
      if (!account.upn.includes("@") && domain === undefined) return null;
      const userPrincipalName = account.upn.includes("@") ? account.upn.toLowerCase() : `${account.upn}@${domain}`.toLowerCase();
      const explicitName = "displayName" in account ? account.displayName : undefined;
      accounts.push({ userPrincipalName, displayName: explicitName ?? `${displayName} ${alias}`, devices: account.devices });
    }
    normalized.push({ id: client.id, displayName, usageLocation, loanDays: client.loanDays, accounts });
  }
  return normalized;
}

/** Fills the cross-section defaults; the result is the `Blueprint` contract the compiler reads. */
export function normalizeBlueprint(input: BlueprintInput): Blueprint {
  // With a valid tenant section every value the defaults need is there, so neither normalizer is null.
  return {
    apiVersion: input.apiVersion,
    metadata: input.metadata,
    tenant: input.tenant,
    licensing: input.licensing,
    devices: normalizeDevices(input.devices, input.tenant)!,
    isolation: input.isolation,
    experts: input.experts,
    clients: normalizeClients(input.clients, input.tenant)!,
    passwords: input.passwords,
    loans: input.loans,
    console: input.console,
    acknowledge: input.acknowledge,
  };
}

export const blueprintSchema = blueprintInputSchema.transform(normalizeBlueprint);

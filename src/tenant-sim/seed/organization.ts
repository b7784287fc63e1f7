/**
 * Seeds the `organization` entity (v1.0 CSDL `organization`): the tenant itself, id = tenant id,
 * with its initial domain as the verified default domain. The directory area seeds `domains`;
 * both derive from the same `SeedContext.initialDomain`.
 */
import type { SimStore } from "../framework.ts";
import type { SeedContext } from "./context.ts";

export const ORGANIZATION_KIND = "organization";

export function seedOrganization(store: SimStore, ctx: SeedContext): void {
  if (store.get(ORGANIZATION_KIND, ctx.tenantId)) return;
  store.put(ORGANIZATION_KIND, {
    "@odata.type": "#microsoft.graph.organization",
    id: ctx.tenantId,
    deletedDateTime: null,
    assignedPlans: [],
    businessPhones: [],
    city: null,
    country: null,
    countryLetterCode: "US",
    createdDateTime: ctx.now().toISOString().replace(/\.\d{3}Z$/, "Z"),
    defaultUsageLocation: "US",
    displayName: ctx.displayName,
    marketingNotificationEmails: [],
    mobileDeviceManagementAuthority: "intune",
    onPremisesLastSyncDateTime: null,
    onPremisesSyncEnabled: null,
    partnerTenantType: null,
    postalCode: null,
    preferredLanguage: "en",
    privacyProfile: null,
    provisionedPlans: [],
    securityComplianceNotificationMails: [],
    securityComplianceNotificationPhones: [],
    state: null,
    street: null,
    technicalNotificationMails: [],
    tenantType: "AAD",
    verifiedDomains: [
      { capabilities: "Email, OfficeCommunicationsOnline, Intune", isDefault: true, isInitial: true, name: ctx.initialDomain, type: "Managed" },
    ],
  });
}

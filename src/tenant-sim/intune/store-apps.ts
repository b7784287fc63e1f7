/**
 * The Microsoft Store apps the program relies on, as a tenant that deploys them holds them in
 * `deviceAppManagement/mobileApps`: Dynamics 365 Remote Assist (the app clients use to reach the
 * experts) and Dynamics 365 Guides. Their identity is the package family name the HoloLens docs give
 * (hololens-facts.md, the WDAC PFN table: `Microsoft.MicrosoftRemoteAssist_8wekyb3d8bbwe`,
 * `Microsoft.Dynamics365.Guides_8wekyb3d8bbwe`); the Store app type that carries a package identity
 * in both v1.0 and beta is `microsoftStoreForBusinessApp`, whose `packageIdentityName` is the part of
 * the PFN before the publisher hash (8wekyb3d8bbwe is Microsoft Corporation's). The Store product
 * key is not in the reference and stays null. Seeded once per tenant; ids are the tenant's own.
 */
import { randomUUID } from "node:crypto";
import type { SimStore } from "../framework.ts";
import type { SeedContext } from "../seed/context.ts";

export const MOBILE_APPS_KIND = "mobileApps";
export const STORE_APP_TYPE = "microsoft.graph.microsoftStoreForBusinessApp";

export interface StoreAppFacts {
  displayName: string;
  /** Package family name (hololens-facts.md). */
  packageFamilyName: string;
}

export const PROGRAM_STORE_APPS: readonly StoreAppFacts[] = [
  { displayName: "Dynamics 365 Remote Assist", packageFamilyName: "Microsoft.MicrosoftRemoteAssist_8wekyb3d8bbwe" },
  { displayName: "Dynamics 365 Guides", packageFamilyName: "Microsoft.Dynamics365.Guides_8wekyb3d8bbwe" },
];

export interface MobileAppDoc {
  id: string;
  "@odata.type": string;
  displayName: string;
  description: string | null;
  publisher: string;
  developer: string | null;
  owner: string | null;
  notes: string | null;
  informationUrl: string | null;
  privacyInformationUrl: string | null;
  largeIcon: null;
  isFeatured: boolean;
  publishingState: string;
  createdDateTime: string;
  lastModifiedDateTime: string;
  packageIdentityName: string;
  productKey: string | null;
  licenseType: string;
  totalLicenseCount: number;
  usedLicenseCount: number;
  /** Beta's `roleScopeTagIds`. */
  _roleScopeTagIds: string[];
}

/** The part of a package family name before `_<publisher hash>`. */
export function packageIdentityNameOf(packageFamilyName: string): string {
  return packageFamilyName.slice(0, packageFamilyName.lastIndexOf("_"));
}

export function storeAppDoc(app: StoreAppFacts, id: string, now: Date): MobileAppDoc {
  const at = now.toISOString();
  return {
    id,
    "@odata.type": `#${STORE_APP_TYPE}`,
    displayName: app.displayName,
    description: null,
    publisher: "Microsoft Corporation",
    developer: null,
    owner: null,
    notes: null,
    informationUrl: null,
    privacyInformationUrl: null,
    largeIcon: null,
    isFeatured: false,
    publishingState: "published",
    createdDateTime: at,
    lastModifiedDateTime: at,
    packageIdentityName: packageIdentityNameOf(app.packageFamilyName),
    productKey: null,
    licenseType: "online",
    totalLicenseCount: 0,
    usedLicenseCount: 0,
    _roleScopeTagIds: ["0"],
  };
}

/** Seeds the program's Store apps (idempotent: an app with the same package identity is kept). */
export function seedStoreApps(store: SimStore, ctx: SeedContext): void {
  const present = new Set(store.list<MobileAppDoc>(MOBILE_APPS_KIND).map((a) => a.packageIdentityName));
  for (const app of PROGRAM_STORE_APPS) {
    const doc = storeAppDoc(app, randomUUID(), ctx.now());
    if (!present.has(doc.packageIdentityName)) store.put(MOBILE_APPS_KIND, doc);
  }
}

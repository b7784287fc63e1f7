/**
 * Test-only builders for directory documents (users, groups, devices, SKUs) in a store, so the
 * unit tests of the directory logic read as scenarios rather than JSON.
 */
import { randomUUID } from "node:crypto";
import type { SimStore } from "../framework.ts";
import { saveDirectoryObject } from "./change-log.ts";
import type { DeviceDoc, GroupDoc, SkuDoc, UserDoc } from "./types.ts";

export const INTUNE_SKU = "061f9ace-7d42-4136-88ac-31dc755f143f";
export const INTUNE_PLAN = "c1ec4a95-1f05-45b3-a911-aa3fa01094f5";
export const RA_SKU = "7a551360-26c4-4f61-84e6-ef715673e083";
export const RA_TEAMS_PLAN = "57ff2da0-773e-42df-b2af-ffb7a2317929";

export function putSku(store: SimStore, skuId: string, partNumber: string, enabled: number, plans: [string, string][]): SkuDoc {
  const sku: SkuDoc = {
    id: `tenant_${skuId}`,
    skuId,
    skuPartNumber: partNumber,
    appliesTo: "User",
    capabilityStatus: "Enabled",
    consumedUnits: 0,
    prepaidUnits: { enabled, lockedOut: 0, suspended: 0, warning: 0 },
    servicePlans: plans.map(([servicePlanId, servicePlanName]) => ({ servicePlanId, servicePlanName, provisioningStatus: "Success", appliesTo: "User" })),
    subscriptionIds: [randomUUID()],
    accountId: "tenant",
    accountName: "tenant",
  };
  store.put("subscribedSkus", sku);
  return sku;
}

export function putUser(store: SimStore, upn: string, extra: Partial<UserDoc> = {}): UserDoc {
  return saveDirectoryObject(store, "users", {
    id: randomUUID(),
    userPrincipalName: upn,
    displayName: upn,
    usageLocation: "DE",
    assignedLicenses: [],
    assignedPlans: [],
    licenseAssignmentStates: [],
    ...extra,
  });
}

export function putGroup(store: SimStore, displayName: string, extra: Partial<GroupDoc> = {}): GroupDoc {
  return saveDirectoryObject(store, "groups", {
    id: randomUUID(),
    displayName,
    groupTypes: [],
    assignedLicenses: [],
    hasMembersWithLicenseErrors: false,
    licenseProcessingState: null,
    _members: [],
    ...extra,
  });
}

export function putDevice(store: SimStore, displayName: string, physicalIds: string[]): DeviceDoc {
  return saveDirectoryObject(store, "devices", { id: randomUUID(), deviceId: randomUUID(), displayName, physicalIds, operatingSystem: "Windows", accountEnabled: true });
}

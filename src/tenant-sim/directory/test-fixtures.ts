/**
 * Test-only builders for directory documents (users, groups, devices, SKUs) in a store, so the
 * unit tests of the directory logic read as scenarios rather than JSON.
 */
import { randomUUID } from "node:crypto";
import type { HttpMethod, RouteContext, SimStore } from "../framework.ts";
import { answerCollection, answerEntity, type ODataRequest } from "../odata/collection.ts";
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

/** The store, with a record of every whole-collection read (`list`) made through it. */
export function countingLists<S extends SimStore>(store: S): { store: S; listed: string[] } {
  const listed: string[] = [];
  const proxy = new Proxy(store, {
    get(target, prop, receiver) {
      if (prop === "list") return (kind: string) => (listed.push(kind), target.list(kind));
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
  return { store: proxy, listed };
}

/** A route context over `store` for calling a directory handler directly (no HTTP, no token). */
export function routeContextFor(store: SimStore, method: HttpMethod, params: Record<string, string>, body?: unknown): RouteContext {
  const query = new URLSearchParams();
  const req: ODataRequest = { version: "v1.0", query, headers: {}, baseUrl: "https://127.0.0.1:1", path: "/" };
  return {
    version: "v1.0",
    method,
    params,
    query,
    headers: {},
    body,
    baseUrl: req.baseUrl,
    appId: "00000000-0000-0000-0000-0000000000aa",
    roles: [],
    store,
    now: () => new Date("2026-01-02T03:04:05Z"),
    tenantId: "00000000-0000-0000-0000-0000000000bb",
    requestId: "test",
    collection: (items, options) => answerCollection(req, items, options),
    entity: (item, contextPath, defaultSelect) => answerEntity(req, item, contextPath, defaultSelect),
  };
}

/** Seeds the tenant-wide policies as a new tenant with Intune has them (idempotent; run again after `reset`). */
import type { SimStore } from "../framework.ts";
import type { SeedContext } from "../seed/context.ts";
import { defaultDeviceRegistrationPolicy, DEVICE_REGISTRATION_POLICY_ID, DEVICE_REGISTRATION_POLICY_KIND } from "./device-registration-policy.ts";
import { defaultIntuneMdmPolicy, MDM_POLICIES_KIND } from "./mdm-policy.ts";

export function seedPolicies(store: SimStore, _ctx: SeedContext): void {
  if (!store.get(DEVICE_REGISTRATION_POLICY_KIND, DEVICE_REGISTRATION_POLICY_ID)) store.put(DEVICE_REGISTRATION_POLICY_KIND, defaultDeviceRegistrationPolicy());
  const intune = defaultIntuneMdmPolicy();
  if (!store.get(MDM_POLICIES_KIND, intune.id)) store.put(MDM_POLICIES_KIND, intune);
}

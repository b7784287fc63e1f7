/**
 * Guide §GR-6.1: disable developer mode with `ApplicationManagement/AllowDeveloperUnlock`: 0 explicit deny,
 * 1 explicit allow, 65535 not configured (`policy-csp-applicationmanagement.md`, hololens-facts §1). Left
 * unconfigured, a device owner can still turn developer mode on, so only 0 closes it.
 */

export const DEVELOPER_UNLOCK_DENY = 0;
export const DEVELOPER_UNLOCK_ALLOW = 1;
export const DEVELOPER_UNLOCK_NOT_CONFIGURED = 65535;

/** The policy value for a blueprint's `developerMode`. */
export function developerUnlockValue(allowed: boolean): number {
  return allowed ? DEVELOPER_UNLOCK_ALLOW : DEVELOPER_UNLOCK_DENY;
}

/** Whether developer mode can be turned on under this effective value (null: no profile sets it). */
export function developerModeAllowed(allowDeveloperUnlock: number | null): boolean {
  return allowDeveloperUnlock !== DEVELOPER_UNLOCK_DENY;
}

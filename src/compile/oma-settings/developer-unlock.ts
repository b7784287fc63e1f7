/**
 * Guide §GR-6.1: `ApplicationManagement/AllowDeveloperUnlock`, int — 0 explicit deny, 1 explicit allow,
 * 65535 not configured (`policy-csp-applicationmanagement.md`, hololens-facts §8).
 */
import type { DevicesSection } from "../../blueprint/types.ts";
import { developerUnlockValue } from "../../guide/developer-mode.ts";
import { omaInteger, POLICY_CONFIG, type SourcedOmaSetting } from "./oma-setting.ts";

export const DEVELOPER_UNLOCK_URI = `${POLICY_CONFIG}/ApplicationManagement/AllowDeveloperUnlock`;

export function developerUnlockSettings(devices: DevicesSection): SourcedOmaSetting[] {
  return [
    {
      path: ["devices", "developerMode"],
      setting: omaInteger(
        "Developer mode",
        devices.developerMode
          ? "Developer mode allowed (explicit allow)."
          : "Clients cannot put the device into developer mode (guide §GR-6.1).",
        DEVELOPER_UNLOCK_URI,
        developerUnlockValue(devices.developerMode),
      ),
    },
  ];
}

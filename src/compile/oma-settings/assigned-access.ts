/**
 * Guide §GR-5, kiosk: the AssignedAccess configuration XML as an Intune custom setting. Intune's kiosk
 * template cannot express a global profile, so the docs use a custom OMA-URI with data type String and
 * the XML pasted as the value (`kiosk-configure-steps.md`, hololens-facts §7).
 */
import { omaString, type SourcedOmaSetting } from "./oma-setting.ts";

export const ASSIGNED_ACCESS_URI = "./Device/Vendor/MSFT/AssignedAccess/Configuration";

export function assignedAccessSettings(kioskXml: string | null): SourcedOmaSetting[] {
  if (kioskXml === null) return [];
  return [
    {
      path: ["devices", "kiosk"],
      setting: omaString(
        "Kiosk: global assigned access",
        "Every user who signs in gets the multi-app kiosk (guide §GR-5). Same XML as kiosk/assigned-access.xml.",
        ASSIGNED_ACCESS_URI,
        kioskXml,
      ),
    },
  ];
}

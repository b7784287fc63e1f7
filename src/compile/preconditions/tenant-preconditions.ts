/**
 * The tenant preconditions of the program (hololens2-autopilot.md steps 2 and 3; the guide's
 * prerequisite "Microsoft Entra join with MDM Auto Enrollment"): automatic MDM enrollment must include
 * the client accounts, Windows enrollment must not be blocked for them, and they must be allowed to Entra
 * join. These settings govern everyone in the tenant, so holofleet describes them and never writes them;
 * plan and audit read them and judge the answer with `evaluatePrecondition`. Read permissions are the
 * permissions map's (PERMS); the MDM user scope has none for applications.
 */
import type { Blueprint } from "../../blueprint/types.ts";
import { addresses } from "../graph/addresses.ts";
import { prefixedName } from "../graph/naming.ts";
import type { TenantPrecondition } from "../types.ts";

/** Microsoft Intune's application id: the id of its MDM policy (mobiledevicemanagementpolicies-get.md). */
export const INTUNE_MDM_APPLICATION_ID = "0000000a-0000-0000-c000-000000000000";

export function compileTenantPreconditions(bp: Blueprint): TenantPrecondition[] {
  const clients = { $ref: addresses.clientsGroup };
  const clientsGroupName = prefixedName(bp, "Client accounts");
  return [
    {
      address: addresses.precondition("mdm-user-scope"),
      condition: { type: "mdmUserScope", mdmApplicationId: INTUNE_MDM_APPLICATION_ID, includedGroup: clients },
      read: {
        api: "beta",
        path: "/policies/mobileDeviceManagementPolicies?$expand=includedGroups",
        // "Application: Not supported" (mobiledevicemanagementpolicies-list.md): only a signed-in admin can read it.
        permissions: { application: [], delegated: ["Policy.Read.All", "Policy.ReadWrite.MobilityManagement"] },
      },
      source: "hololens2-autopilot.md step 2 (Enable Automatic MDM Enrollment); guide prerequisites (MDM auto enrollment)",
      remedy: `In the Microsoft Entra admin center, Mobility (MDM and WIP) > Microsoft Intune: set MDM user scope to All, or to Some with the group "${clientsGroupName}".`,
    },
    {
      address: addresses.precondition("windows-enrollment"),
      condition: { type: "windowsEnrollment", users: clients, osVersion: `10.0.${bp.devices.osBaseline.build}` },
      read: {
        api: "beta",
        path: "/deviceManagement/deviceEnrollmentConfigurations?$expand=assignments",
        permissions: {
          application: ["DeviceManagementConfiguration.Read.All", "DeviceManagementConfiguration.ReadWrite.All", "DeviceManagementServiceConfig.Read.All", "DeviceManagementServiceConfig.ReadWrite.All"],
          delegated: ["DeviceManagementConfiguration.Read.All", "DeviceManagementConfiguration.ReadWrite.All", "DeviceManagementServiceConfig.Read.All", "DeviceManagementServiceConfig.ReadWrite.All"],
        },
      },
      source: "hololens2-autopilot.md step 3 (Ensure that MDM enrollment isn't blocked for Windows devices)",
      remedy: `In the Intune admin center, Devices > Enrollment > Windows > Device platform restriction: allow Windows (MDM) for the group "${clientsGroupName}" (a restriction of higher priority than the blocking one, or change the blocking one), with no OS version range that excludes 10.0.${bp.devices.osBaseline.build}.`,
    },
    {
      address: addresses.precondition("entra-join"),
      condition: { type: "entraJoin", group: clients },
      read: {
        api: "v1.0",
        path: "/policies/deviceRegistrationPolicy",
        permissions: { application: ["Policy.Read.DeviceConfiguration", "Policy.ReadWrite.DeviceConfiguration"], delegated: ["Policy.Read.All", "Policy.Read.DeviceConfiguration", "Policy.ReadWrite.DeviceConfiguration"] },
      },
      source: "guide prerequisites (Microsoft Entra join); hololens2-autopilot.md overview (Autopilot joins the device to Microsoft Entra ID)",
      remedy: `In the Microsoft Entra admin center, Devices > Device settings: set "Users may join devices to Microsoft Entra" to All, or to Selected with the group "${clientsGroupName}".`,
    },
  ];
}

/** `updateRing` (Graph I/O): the shared profile provider over `deviceConfigurations`, read in v1.0. */
import { createProfileProvider } from "../intune-profile.ts";

const WRITE = ["DeviceManagementConfiguration.ReadWrite.All"];
const READ = ["DeviceManagementConfiguration.Read.All", "DeviceManagementConfiguration.ReadWrite.All"];

export const updateRingProvider = createProfileProvider({
  kind: "updateRing",
  collection: "/deviceManagement/deviceConfigurations",
  readVersion: "v1.0",
  odataTypes: ["#microsoft.graph.windowsUpdateForBusinessConfiguration"],
  permissions: {
    read: [{ request: "GET /deviceManagement/deviceConfigurations", application: READ, delegated: READ }],
    create: [{ request: "POST /deviceManagement/deviceConfigurations", application: WRITE, delegated: WRITE }],
    update: [{ request: "PATCH /deviceManagement/deviceConfigurations/{id}", application: WRITE, delegated: WRITE }],
    delete: [{ request: "DELETE /deviceManagement/deviceConfigurations/{id}", application: WRITE, delegated: WRITE }],
  },
});

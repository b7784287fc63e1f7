/** `autopilotProfile` (Graph I/O): the shared profile provider over beta `windowsAutopilotDeploymentProfiles`. */
import { createProfileProvider } from "../intune-profile.ts";

const WRITE = ["DeviceManagementServiceConfig.ReadWrite.All"];
const READ = ["DeviceManagementServiceConfig.Read.All", "DeviceManagementServiceConfig.ReadWrite.All"];

export const autopilotProfileProvider = createProfileProvider({
  kind: "autopilotProfile",
  collection: "/deviceManagement/windowsAutopilotDeploymentProfiles",
  readVersion: "beta",
  odataTypes: ["#microsoft.graph.azureADWindowsAutopilotDeploymentProfile"],
  permissions: {
    read: [{ request: "GET /deviceManagement/windowsAutopilotDeploymentProfiles (beta)", application: READ, delegated: READ }],
    create: [{ request: "POST /deviceManagement/windowsAutopilotDeploymentProfiles (beta)", application: WRITE, delegated: WRITE }],
    update: [{ request: "PATCH /deviceManagement/windowsAutopilotDeploymentProfiles/{id} (beta)", application: WRITE, delegated: WRITE }],
    delete: [{ request: "DELETE /deviceManagement/windowsAutopilotDeploymentProfiles/{id} (beta)", application: WRITE, delegated: WRITE }],
  },
});

/**
 * `enrollmentStatusPage` (Graph I/O): the shared profile provider over beta
 * `deviceEnrollmentConfigurations`, limited to the ESP's type (the collection also holds the tenant's
 * enrollment limit, platform restrictions and Windows Hello defaults, which are not holofleet's).
 */
import { createProfileProvider } from "../intune-profile.ts";

const WRITE = ["DeviceManagementServiceConfig.ReadWrite.All"];
const READ = ["DeviceManagementServiceConfig.Read.All", "DeviceManagementServiceConfig.ReadWrite.All"];

export const enrollmentStatusPageProvider = createProfileProvider({
  kind: "enrollmentStatusPage",
  collection: "/deviceManagement/deviceEnrollmentConfigurations",
  readVersion: "beta",
  odataTypes: ["#microsoft.graph.windows10EnrollmentCompletionPageConfiguration"],
  permissions: {
    read: [{ request: "GET /deviceManagement/deviceEnrollmentConfigurations (beta)", application: READ, delegated: READ }],
    create: [{ request: "POST /deviceManagement/deviceEnrollmentConfigurations (beta)", application: WRITE, delegated: WRITE }],
    update: [{ request: "PATCH /deviceManagement/deviceEnrollmentConfigurations/{id} (beta)", application: WRITE, delegated: WRITE }],
    delete: [{ request: "DELETE /deviceManagement/deviceEnrollmentConfigurations/{id} (beta)", application: WRITE, delegated: WRITE }],
  },
});

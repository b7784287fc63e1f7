/**
 * Stable resource addresses (`<kind>.<name>`). Names come from blueprint keys (client ids, UPNs) or are
 * fixed for singletons, so the same blueprint always yields the same addresses and a plan can match
 * desired resources to what it applied before.
 */

export const addresses = {
  devicesGroup: "group.devices",
  clientsGroup: "group.clients",
  expertsGroup: "group.experts",
  clientGroup: (clientId: string) => `group.client-${clientId}`,
  /** A group the console's Entra sign-in maps to a role (`console-operators` → `group.console-operators`). */
  consoleGroup: (key: string) => `group.${key}`,
  user: (userPrincipalName: string) => `user.${userPrincipalName.toLowerCase()}`,
  clientsLicense: "groupLicense.clients",
  kioskProfile: "customConfiguration.kiosk",
  restrictionsProfile: "customConfiguration.device-restrictions",
  appControlProfile: "customConfiguration.app-control",
  updateRing: "updateRing.hololens",
  autopilotProfile: "autopilotProfile.hololens",
  /** The assignment of a profile is named by the profile's whole address, which is unique across kinds. */
  assignment: (profileAddress: string) => `configurationAssignment.${profileAddress}`,
  domain: (domain: string) => `domain.${domain.toLowerCase()}`,
  enrollmentStatusPage: "enrollmentStatusPage.hololens",
  /** A guest invitation is named by the invited address, its identity in the tenant. */
  guestInvitation: (address: string) => `guestInvitation.${address.toLowerCase()}`,
  /** An expert's membership of the experts group, named by the expert's address. */
  expertMembership: (address: string) => `groupMember.experts.${address.toLowerCase()}`,
  precondition: (name: "mdm-user-scope" | "windows-enrollment" | "entra-join") => `precondition.${name}`,
} as const;

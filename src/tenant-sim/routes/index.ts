/**
 * The route registry of the local tenant: every Graph route (`allRoutes`), the background tickers
 * run before each request (`allTickers`) and the area-specific `/_sim/…` routes (`allSimRoutes`).
 * Each area adds one import line and one spread per list. The core `/_sim` routes (faults, clock,
 * stats, applications, reset) are mounted by `app.ts` from `sim-core.ts`.
 */
import type { RouteDef, SimControlRoute, SimTicker } from "../framework.ts";
import { organizationRoutes } from "./organization.ts";
import { directoryObjectRoutes } from "./directory-objects.ts";
import { deviceRoutes } from "./devices.ts";
import { domainRoutes } from "./domains.ts";
import { groupRoutes } from "./groups.ts";
import { subscribedSkuRoutes } from "./subscribed-skus.ts";
import { userRoutes } from "./users.ts";
import { dynamicMembershipTicker } from "../directory/dynamic-membership.ts";
import { groupLicensingTicker } from "../directory/licensing.ts";
import { deviceConfigurationRoutes } from "./device-configurations.ts";
import { managedDeviceRoutes, managedDeviceTickers } from "./managed-devices.ts";
import { autopilotAssignmentTickers, autopilotRoutes, autopilotTickers } from "./autopilot.ts";
import { simDeviceRoutes } from "./sim-devices.ts";
import { roleScopeTagRoutes } from "./role-scope-tags.ts";
import { roleDefinitionRoutes } from "./role-definitions.ts";
import { assignmentFilterRoutes } from "./assignment-filters.ts";
import { deviceCompliancePolicyRoutes } from "./device-compliance-policies.ts";
import { configurationPolicyRoutes } from "./configuration-policies.ts";
import { mobileAppRoutes } from "./mobile-apps.ts";
import { auditEventRoutes } from "./audit-events.ts";
import { directoryAuditRoutes } from "./directory-audits.ts";
import { simAuthRoutes } from "../auth/sim-auth-routes.ts";
import { enrollmentConfigurationRoutes } from "./enrollment-configurations.ts";
import { policyRoutes } from "./policies.ts";
import { invitationRoutes, invitationSimRoutes } from "./invitations.ts";

export const allRoutes: RouteDef[] = [
  ...organizationRoutes,
  ...domainRoutes,
  ...subscribedSkuRoutes,
  ...userRoutes,
  ...groupRoutes,
  ...deviceRoutes,
  ...directoryObjectRoutes,
  ...deviceConfigurationRoutes,
  ...managedDeviceRoutes,
  ...autopilotRoutes,
  ...roleScopeTagRoutes,
  ...roleDefinitionRoutes,
  ...assignmentFilterRoutes,
  ...deviceCompliancePolicyRoutes,
  ...configurationPolicyRoutes,
  ...mobileAppRoutes,
  ...auditEventRoutes,
  ...directoryAuditRoutes,
  ...enrollmentConfigurationRoutes,
  ...policyRoutes,
  ...invitationRoutes,
];

// Intune tickers first: devices they register join dynamic groups in the same tick. Autopilot profile
// assignment last: it reads the groups dynamic membership just computed.
export const allTickers: SimTicker[] = [...autopilotTickers, ...managedDeviceTickers, dynamicMembershipTicker, groupLicensingTicker, ...autopilotAssignmentTickers];

export const allSimRoutes: SimControlRoute[] = [...simDeviceRoutes, ...simAuthRoutes, ...invitationSimRoutes];

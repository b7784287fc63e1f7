/**
 * Every resource kind holofleet plans and applies, with its provider: a sorted literal map (no
 * filesystem globbing), one entry per folder. The engine looks kinds up here and nowhere else.
 */
import type { ResourceKind } from "../compile/types.ts";
import { autopilotProfileKind } from "./autopilot-profile/kind.ts";
import { autopilotProfileProvider } from "./autopilot-profile/provider.ts";
import { configurationAssignmentKind } from "./configuration-assignment/kind.ts";
import { configurationAssignmentProvider } from "./configuration-assignment/provider.ts";
import { customConfigurationKind } from "./custom-configuration/kind.ts";
import { customConfigurationProvider } from "./custom-configuration/provider.ts";
import { domainKind } from "./domain/kind.ts";
import { domainProvider } from "./domain/provider.ts";
import { enrollmentStatusPageKind } from "./enrollment-status-page/kind.ts";
import { enrollmentStatusPageProvider } from "./enrollment-status-page/provider.ts";
import { groupKind } from "./group/kind.ts";
import { groupProvider } from "./group/provider.ts";
import { groupLicenseKind } from "./group-license/kind.ts";
import { groupLicenseProvider } from "./group-license/provider.ts";
import { groupMemberKind } from "./group-member/kind.ts";
import { groupMemberProvider } from "./group-member/provider.ts";
import { guestInvitationKind } from "./guest-invitation/kind.ts";
import { guestInvitationProvider } from "./guest-invitation/provider.ts";
import type { RegisteredKind } from "./types.ts";
import { updateRingKind } from "./update-ring/kind.ts";
import { updateRingProvider } from "./update-ring/provider.ts";
import { userKind } from "./user/kind.ts";
import { userProvider } from "./user/provider.ts";

export const resourceKinds: Readonly<Record<ResourceKind, RegisteredKind>> = {
  autopilotProfile: { definition: autopilotProfileKind, provider: autopilotProfileProvider },
  configurationAssignment: { definition: configurationAssignmentKind, provider: configurationAssignmentProvider },
  customConfiguration: { definition: customConfigurationKind, provider: customConfigurationProvider },
  domain: { definition: domainKind, provider: domainProvider },
  enrollmentStatusPage: { definition: enrollmentStatusPageKind, provider: enrollmentStatusPageProvider },
  group: { definition: groupKind, provider: groupProvider },
  groupLicense: { definition: groupLicenseKind, provider: groupLicenseProvider },
  groupMember: { definition: groupMemberKind, provider: groupMemberProvider },
  guestInvitation: { definition: guestInvitationKind, provider: guestInvitationProvider },
  updateRing: { definition: updateRingKind, provider: updateRingProvider },
  user: { definition: userKind, provider: userProvider },
};

/** The kinds' pure definitions only (what the planner needs). */
export type KindDefinitions = Readonly<Record<ResourceKind, RegisteredKind["definition"]>>;

export const kindDefinitions: KindDefinitions = Object.fromEntries(Object.entries(resourceKinds).map(([k, v]) => [k, v.definition])) as KindDefinitions;

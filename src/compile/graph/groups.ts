/**
 * Entra groups (graph-facts §1): the dynamic device group Autopilot devices land in by group tag, one
 * group of accounts per client, the all-clients group licences are assigned to (security groups), and the
 * experts group, and the console groups the console's Entra sign-in maps to roles. Under the stricter isolation modes the groups isolation filters on are private
 * Microsoft 365 groups (the experts group in both, the client groups under information barriers). Every group carries `uniqueName` so
 * apply can upsert it (`PATCH /groups(uniqueName='…')`) instead of risking a duplicate on a retried POST.
 */
import type { Blueprint } from "../../blueprint/types.ts";
import type { Diagnostic } from "../../diag/diagnostic.ts";
import type { DesiredResource } from "../types.ts";
import { addresses } from "./addresses.ts";
import {
  clientGroupName,
  clientGroupNicknameParts,
  EXPERTS_GROUP_NICKNAME_PARTS,
  GROUP_DISPLAY_NAME_MAX as DISPLAY_NAME_MAX,
  groupNickname,
  MAIL_NICKNAME_MAX,
  prefixedName,
} from "../../blueprint/object-names.ts";
import { CONSOLE_GROUP_KEYS, isConsoleGroupKey, type ConsoleGroupKey } from "../../blueprint/schema/console.ts";
import { ownedDescription } from "./naming.ts";
import { clientSegmentName } from "./users.ts";

/** Graph's `displayName` limit for groups (group-post-groups.md). */

/**
 * The dynamic rule for devices imported with `groupTag` (the tag becomes the Entra device's `OrderID`),
 * written as `hololens2-autopilot.md` prints it.
 */
export function groupTagMembershipRule(groupTag: string): string {
  return `(device.devicePhysicalIds -any _ -eq "[OrderID]:${groupTag}")`;
}

/** A group tag a rule string can hold without escaping: no quotes, backticks or control characters. */
const SAFE_GROUP_TAG = /^[^"`\u0000-\u001f]+$/;

function securityGroup(
  bp: Blueprint,
  address: string,
  name: string,
  nickParts: string[],
  description: string,
  extra: Record<string, unknown> = {},
  dependsOn: string[] = [],
): DesiredResource {
  const nickname = groupNickname(bp.tenant.namingPrefix, ...nickParts);
  return {
    kind: "group",
    address,
    api: "v1.0",
    collection: "/groups",
    body: {
      description: ownedDescription(bp, description),
      displayName: prefixedName(bp, name),
      groupTypes: [],
      mailEnabled: false,
      mailNickname: nickname,
      securityEnabled: true,
      uniqueName: nickname,
      ...extra,
    },
    dependsOn,
  };
}

/**
 * A group made a private Microsoft 365 group: `groupTypes: ["Unified"]`, mail-enabled, with the (then
 * tenant-unique) mailNickname (graph-facts §1). Information-barrier segments are `MemberOf` such groups —
 * only Microsoft 365 (modern) groups are IB-aware, security groups and distribution lists count as non-IB
 * (hololens-facts §14.1) — and Exchange address lists find their members by the group. `Private`, because
 * anyone in the organisation may join a public Microsoft 365 group (Graph group resource) and would land
 * in its segment or address list.
 */
function privateMicrosoft365Group(bp: Blueprint, group: DesiredResource, description: string): DesiredResource {
  return {
    ...group,
    body: {
      ...group.body,
      description: ownedDescription(bp, description),
      groupTypes: ["Unified"],
      mailEnabled: true,
      securityEnabled: false,
      visibility: "Private",
    },
  };
}

/**
 * The experts group. Both stricter isolation modes find the experts by this group — the experts segment is
 * `MemberOf` it, the scoped-search address lists `MemberOfGroup` it — so there it is a private Microsoft
 * 365 group. Membership rather than a user attribute, because holofleet does not own the experts' accounts
 * (staff, or guests in a service tenant). The baseline keeps a security group.
 */
function expertsGroup(bp: Blueprint): DesiredResource {
  const description = "The organisation's experts that clients call; add members here.";
  const group = securityGroup(bp, addresses.expertsGroup, bp.experts.groupName, EXPERTS_GROUP_NICKNAME_PARTS, description);
  switch (bp.isolation.mode) {
    case "information-barriers":
      return privateMicrosoft365Group(bp, group, `${description} A Microsoft 365 group, as information-barrier segments need (its members form segment ${bp.experts.segmentName}).`);
    case "scoped-directory-search":
      return privateMicrosoft365Group(bp, group, `${description} A Microsoft 365 group, so every client's address list can include its members.`);
    default:
      return group;
  }
}

/**
 * A client's group. Under information barriers its members form the client's segment (`MemberOf`, the
 * one attribute all segments use), so it is a private Microsoft 365 group there; a security group otherwise.
 */
function clientGroup(bp: Blueprint, client: Blueprint["clients"][number], members: { $ref: string }[]): DesiredResource {
  const group = securityGroup(
    bp,
    addresses.clientGroup(client.id),
    clientGroupName(client.displayName),
    clientGroupNicknameParts(client.id),
    `Accounts of client ${client.displayName}.`,
    members.length ? { "members@odata.bind": members } : {},
    members.map((m) => m.$ref),
  );
  if (bp.isolation.mode !== "information-barriers") return group;
  return privateMicrosoft365Group(
    bp,
    group,
    `Accounts of client ${client.displayName}; a Microsoft 365 group, as information-barrier segments need (its members form segment ${clientSegmentName(bp, client)}).`,
  );
}

const CONSOLE_GROUP_NAMES: Record<ConsoleGroupKey, { name: string }> = {
  "console-admins": { name: "Console admins" },
  "console-operators": { name: "Console operators" },
  "console-viewers": { name: "Console viewers" },
};

/**
 * The security groups the console's Entra sign-in names by key (`console.entraSignIn.roles`), one per
 * key named: the people who run the program sign in to the console as members. Security groups,
 * because the `groups` claim with `SecurityGroup` lists those; the admin adds the members, as for experts.
 */
function consoleGroups(bp: Blueprint): DesiredResource[] {
  const roles = bp.console?.entraSignIn?.roles;
  if (!roles) return [];
  const named = new Set([...roles.admin, ...roles.operator, ...roles.viewer].filter(isConsoleGroupKey));
  return CONSOLE_GROUP_KEYS.filter((key) => named.has(key)).map((key) => {
    const granted = (["admin", "operator", "viewer"] as const).filter((role) => roles[role].includes(key));
    return securityGroup(
      bp,
      addresses.consoleGroup(key),
      CONSOLE_GROUP_NAMES[key].name,
      key.split("-"),
      `People who sign in to holofleet's console with Entra ID as ${granted.join(" and ")}; add members here.`,
    );
  });
}

/** A `members@odata.bind` list of user references, sorted by address. */
function memberBindings(upns: readonly string[]): { $ref: string }[] {
  return [...new Set(upns.map(addresses.user))].sort().map((address) => ({ $ref: address }));
}

export interface GroupsResult {
  groups: DesiredResource[];
  diagnostics: Diagnostic[];
}

export function compileGroups(bp: Blueprint): GroupsResult {
  const diagnostics: Diagnostic[] = [];
  const groups: DesiredResource[] = [];

  if (bp.devices.autopilot.enabled) {
    const tag = bp.devices.autopilot.groupTag;
    if (!SAFE_GROUP_TAG.test(tag)) {
      diagnostics.push({
        severity: "error",
        code: "HF3203",
        message: `group tag "${tag}" contains a quote, backtick or control character`,
        why: "the tag is matched inside a quoted dynamic membership rule",
        fix: "use letters, digits and dashes",
        path: ["devices", "autopilot", "groupTag"],
      });
    } else {
      groups.push(
        securityGroup(bp, addresses.devicesGroup, "HoloLens 2 devices", ["hololens-devices"], `HoloLens 2 devices imported with group tag ${tag}; profiles are assigned here.`, {
          groupTypes: ["DynamicMembership"],
          membershipRule: groupTagMembershipRule(tag),
          membershipRuleProcessingState: "On",
        }),
      );
    }
  } else {
    // Without Autopilot there is no group tag to match: an assigned group the admin adds devices to, so
    // the device profiles still have a target.
    groups.push(
      securityGroup(bp, addresses.devicesGroup, "HoloLens 2 devices", ["hololens-devices"], "HoloLens 2 devices (add them here; Autopilot is off); profiles are assigned here."),
    );
  }

  const clients = [...bp.clients].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const allUpns: string[] = [];
  for (const client of clients) {
    const upns = client.accounts.map((a) => a.userPrincipalName);
    allUpns.push(...upns);
    groups.push(clientGroup(bp, client, memberBindings(upns)));
  }

  // Group-based licensing does not follow nested groups, so the licence group lists the accounts
  // themselves rather than the per-client groups.
  const allMembers = memberBindings(allUpns);
  groups.push(
    securityGroup(
      bp,
      addresses.clientsGroup,
      "Client accounts",
      ["clients"],
      "Every client account; licences are assigned to this group (guide §GR-2).",
      allMembers.length ? { "members@odata.bind": allMembers } : {},
      allMembers.map((m) => m.$ref),
    ),
  );

  groups.push(expertsGroup(bp));
  groups.push(...consoleGroups(bp));

  for (const group of groups) {
    const name = group.body.displayName as string;
    const nick = group.body.mailNickname as string;
    if (name.length > DISPLAY_NAME_MAX || nick.length > MAIL_NICKNAME_MAX || nick.length === 0) {
      diagnostics.push({
        severity: "error",
        code: "HF3205",
        message: `group ${group.address}: display name (${name.length}) or mailNickname "${nick}" (${nick.length}) exceeds Graph's limits of ${DISPLAY_NAME_MAX} and ${MAIL_NICKNAME_MAX} characters`,
        path: group.address === addresses.expertsGroup ? ["experts", "groupName"] : ["clients"],
      });
    }
  }
  return { groups, diagnostics };
}

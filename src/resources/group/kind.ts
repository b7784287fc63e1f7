/**
 * `group` (pure): the dynamic device group, each client's group, the all-clients group and the
 * experts group (graph-facts §1). Identity: `uniqueName` (the upsert key, equal to `mailNickname`).
 * A group is holofleet's when its description carries the marker. Graph cannot change a group's
 * `uniqueName` once set, nor turn a security group into a Microsoft 365 group or back (the experts
 * group switches when `isolation.mode` does): both force a replacement. Members are managed only
 * for groups whose body binds them; the experts group's members are the admin's.
 */
import type { DesiredResource } from "../../compile/types.ts";
import { isUnknown } from "../../engine/diff.ts";
import { carriesMarker } from "../ownership.ts";
import { sortedStrings, toJson } from "../normalise.ts";
import type { Attributes, Json, OwnershipContext, RemoteObject, ResourceKindDefinition } from "../types.ts";

const BIND = "members@odata.bind";

/** Whether Graph makes a Microsoft 365 group of these `groupTypes` (graph-facts §1). */
export function isMicrosoft365(groupTypes: unknown): boolean {
  return Array.isArray(groupTypes) && groupTypes.some((t) => String(t).toLowerCase() === "unified");
}

/** Whether the desired body manages the group's members (it binds them). */
export function managesMembers(body: Record<string, unknown>): boolean {
  return Array.isArray(body[BIND]);
}

/** The object id at the end of a `…/directoryObjects/<id>` bind URL. */
export function idOfBind(url: string): string {
  return (url.replace(/\/+$/, "").split("/").pop() ?? url).toLowerCase();
}

/** Member ids sorted; ids known only after apply (`$unknown`) last, by address. */
function memberSet(values: readonly unknown[]): Json[] {
  const known = values.filter((v): v is string => typeof v === "string").map(idOfBind).sort();
  const unknown = values.filter(isUnknown).sort((a, b) => (a.$unknown < b.$unknown ? -1 : 1));
  return [...known, ...unknown];
}

const SCALARS = ["description", "displayName", "mailEnabled", "mailNickname", "securityEnabled", "uniqueName"] as const;

function attributes(source: Record<string, unknown>, desired: Record<string, unknown>): Attributes {
  const out: Attributes = {};
  for (const key of SCALARS) out[key] = toJson(source[key]);
  out.groupTypes = sortedStrings(source.groupTypes);
  out.microsoft365 = isMicrosoft365(source.groupTypes);
  // A group without a rule has neither property; an assigned group reads back null for both.
  out.membershipRule = toJson(source.membershipRule);
  out.membershipRuleProcessingState = toJson(source.membershipRuleProcessingState);
  if ("visibility" in desired) out.visibility = toJson(source.visibility);
  return out;
}

export const groupKind: ResourceKindDefinition = {
  kind: "group",
  title: "group",
  desiredAttributes(body) {
    const out = attributes(body, body);
    if (managesMembers(body)) out.members = memberSet(body[BIND] as unknown[]);
    return out;
  },
  remoteAttributes(remote: RemoteObject, desired: DesiredResource) {
    const out = attributes(remote.data, desired.body);
    if (managesMembers(desired.body)) out.members = memberSet((remote.data.members as string[] | undefined) ?? []);
    return out;
  },
  immutable: ["uniqueName", "microsoft365"],
  immutableBecause: {
    uniqueName: "Graph cannot change a group's uniqueName once it is set",
    microsoft365: "Graph cannot turn a security group into a Microsoft 365 group or back",
  },
  writeOnly: [],
  lifecycle: { create: true, update: true, delete: true },
  ownershipRule: "its description carries [holofleet:<namingPrefix>]",
  readStage: 0,
  blueprintPath(resource) {
    if (resource.address === "group.experts") return ["experts"];
    if (resource.address === "group.devices") return ["devices", "autopilot"];
    return ["clients"];
  },
};

export function ownsGroup(data: Record<string, unknown>, ctx: OwnershipContext): boolean {
  return carriesMarker(data.description, ctx);
}

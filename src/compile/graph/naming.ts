/**
 * How holofleet names the objects it creates: display names start with the blueprint's naming prefix,
 * descriptions end with an ownership marker (`[holofleet:<prefix>]`) that plan and audit use to find
 * what holofleet owns, and group nicknames / unique names follow Graph's character rules.
 */
import { MAIL_NICKNAME_MAX } from "../../blueprint/object-names.ts";
import type { Blueprint } from "../../blueprint/types.ts";

// The names themselves are shared with the blueprint's checks.
export { groupNickname, MAIL_NICKNAME_MAX, prefixedName } from "../../blueprint/object-names.ts";

/** The marker every description ends with; `plan` treats objects carrying it as holofleet's. */
export function ownershipMarker(namingPrefix: string): string {
  return `[holofleet:${namingPrefix}]`;
}

/** A description with the ownership marker and the blueprint it came from. */
export function ownedDescription(bp: Pick<Blueprint, "tenant" | "metadata">, text: string): string {
  return `${text} Managed by holofleet (blueprint ${bp.metadata.name}); changes made elsewhere are overwritten. ${ownershipMarker(bp.tenant.namingPrefix)}`;
}

/** The local part of a UPN made safe for `mailNickname`. */
export function userNickname(userPrincipalName: string): string {
  const local = userPrincipalName.split("@")[0] ?? userPrincipalName;
  return local.replace(/[^A-Za-z0-9'\-_!#^~]+/g, "-").slice(0, MAIL_NICKNAME_MAX);
}

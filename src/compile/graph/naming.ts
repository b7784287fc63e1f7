/**
 * How holofleet names the objects it creates: display names start with the blueprint's naming prefix,
 * descriptions end with an ownership marker (`[holofleet:<prefix>]`) that plan and audit use to find
 * what holofleet owns, and group nicknames / unique names follow Graph's character rules.
 */
import type { Blueprint } from "../../blueprint/types.ts";

/** The marker every description ends with; `plan` treats objects carrying it as holofleet's. */
export function ownershipMarker(namingPrefix: string): string {
  return `[holofleet:${namingPrefix}]`;
}

/** `HF HoloLens 2 kiosk`: the prefix, a space, then the name. */
export function prefixedName(bp: Pick<Blueprint, "tenant">, name: string): string {
  return `${bp.tenant.namingPrefix} ${name}`;
}

/** A description with the ownership marker and the blueprint it came from. */
export function ownedDescription(bp: Pick<Blueprint, "tenant" | "metadata">, text: string): string {
  return `${text} Managed by holofleet (blueprint ${bp.metadata.name}); changes made elsewhere are overwritten. ${ownershipMarker(bp.tenant.namingPrefix)}`;
}

/** Graph's limit on `mailNickname` (group-post-groups.md). */
export const MAIL_NICKNAME_MAX = 64;

/**
 * `HF`, `clients`, `fabrikam` → `hf-clients-fabrikam`. mailNickname allows ASCII 0–127 except
 * `@ () \ [] " ; : . <> , SPACE` (graph-facts §1); holofleet keeps to `[a-z0-9-]`, which every
 * rule accepts, and uses the same text as the group's `uniqueName`.
 */
export function groupNickname(namingPrefix: string, ...parts: string[]): string {
  return [namingPrefix, ...parts]
    .join("-")
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^-|-$/g, "");
}

/** The local part of a UPN made safe for `mailNickname`. */
export function userNickname(userPrincipalName: string): string {
  const local = userPrincipalName.split("@")[0] ?? userPrincipalName;
  return local.replace(/[^A-Za-z0-9'\-_!#^~]+/g, "-").slice(0, MAIL_NICKNAME_MAX);
}

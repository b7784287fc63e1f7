/**
 * How holofleet names the groups and other objects it creates from a blueprint. The compiler builds the
 * Graph bodies with these functions and the blueprint check HF2030 holds the same names against Graph's
 * limits, so the two can never disagree about a name.
 */
import type { Blueprint } from "./types.ts";

/** Graph's limits for a group (graph-facts §1, group-post-groups.md). */
export const GROUP_DISPLAY_NAME_MAX = 256;
export const MAIL_NICKNAME_MAX = 64;

type Names = Pick<Blueprint, "tenant">;

/** `HF HoloLens 2 kiosk`: the prefix, a space, then the name. */
export function prefixedName(bp: Names, name: string): string {
  return `${bp.tenant.namingPrefix} ${name}`;
}

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

/** The name part of a client's group (before the prefix). */
export const clientGroupName = (clientDisplayName: string) => `Client ${clientDisplayName}`;
export const clientGroupNicknameParts = (clientId: string) => ["client", clientId];

export const clientGroupDisplayName = (bp: Names, clientDisplayName: string) => prefixedName(bp, clientGroupName(clientDisplayName));
export const expertsGroupDisplayName = (bp: Names, groupName: string) => prefixedName(bp, groupName);
export const clientGroupMailNickname = (bp: Names, clientId: string) =>
  groupNickname(bp.tenant.namingPrefix, ...clientGroupNicknameParts(clientId));
/** The experts group's mailNickname (also its uniqueName and Exchange alias). */
export const EXPERTS_GROUP_NICKNAME_PARTS = ["experts"];
export const expertsGroupMailNickname = (bp: Names) => groupNickname(bp.tenant.namingPrefix, ...EXPERTS_GROUP_NICKNAME_PARTS);

/**
 * The `groups` claim, as Entra emits it for an app whose `groupMembershipClaims` asks for it: the
 * object ids of the groups the user belongs to, nested ones included (`SecurityGroup`: security
 * groups only; `All`: every group). A JWT lists at most 200; past that Entra sends the overage
 * claim instead — `_claim_names: { groups: "src1" }` and `_claim_sources.src1.endpoint`, a Graph URL
 * the app calls for the full list (Microsoft's "groups overage claim"). Directory roles and groups
 * assigned to the app (`DirectoryRole`, `ApplicationGroup`) are not modelled: they list none.
 */
import type { SimStore } from "../framework.ts";
import type { GroupDoc } from "../directory/types.ts";
import { transitiveGroupIds } from "../directory/membership.ts";
import type { ApplicationDoc } from "./applications.ts";

/** Entra's limit for the `groups` claim of a JWT. */
export const JWT_GROUPS_LIMIT = 200;

export function groupClaims(store: SimStore, app: ApplicationDoc, userId: string, graphOrigin: string): Record<string, unknown> {
  const wanted = (app.groupMembershipClaims ?? "None").split(",").map((s) => s.trim());
  const all = wanted.includes("All");
  if (!all && !wanted.includes("SecurityGroup")) return {};
  const ids = transitiveGroupIds(store, userId).filter((id) => all || store.get<GroupDoc>("groups", id)?.securityEnabled === true);
  if (ids.length <= JWT_GROUPS_LIMIT) return { groups: ids };
  return {
    _claim_names: { groups: "src1" },
    _claim_sources: { src1: { endpoint: `${graphOrigin}/v1.0/users/${userId}/getMemberObjects` } },
  };
}

/**
 * Ownership: holofleet changes or deletes only what it owns. Groups, configuration profiles, the
 * update ring and the Autopilot profile carry the marker `[holofleet:<namingPrefix>]` at the end of
 * their description (src/compile/graph/naming.ts writes it); the other kinds state their own rule
 * (docs/plan-apply.md, "Ownership").
 */
import { ownershipMarker } from "../compile/graph/naming.ts";
import type { OwnershipContext } from "./types.ts";

export { ownershipMarker };

/** Whether a description carries this blueprint's marker. */
export function carriesMarker(description: unknown, ctx: OwnershipContext): boolean {
  return typeof description === "string" && description.includes(ownershipMarker(ctx.namingPrefix));
}

export function markerMissing(ctx: OwnershipContext): string {
  return `its description has no ${ownershipMarker(ctx.namingPrefix)} marker`;
}

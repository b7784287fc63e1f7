/**
 * Digests a saved plan is checked by (`apply --plan`): the blueprint's desired resources (no secret
 * is in them: passwords are placeholders until apply) and everything the plan read, as the kinds
 * normalise it — so a volatile field (a modified time, a device status) does not make a plan stale,
 * and any change to what holofleet compares does.
 */
import { createHash } from "node:crypto";
import { canonicalJson } from "../compile/canonical-json.ts";
import type { DesiredResource } from "../compile/types.ts";
import type { KindDefinitions } from "../resources/registry.ts";
import type { TenantSnapshot } from "./plan.ts";

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

export function desiredDigest(desired: readonly DesiredResource[]): string {
  return sha256(canonicalJson([...desired].sort((a, b) => (a.address < b.address ? -1 : 1))));
}

export function snapshotFingerprint(snapshot: TenantSnapshot, desired: readonly DesiredResource[], kinds: KindDefinitions): string {
  const found = [...desired]
    .sort((a, b) => (a.address < b.address ? -1 : 1))
    .map((r) => {
      const remote = snapshot.found.get(r.address);
      return [r.address, remote ? { id: remote.id, owned: remote.owned, attributes: kinds[r.kind].remoteAttributes(remote, r) } : null];
    });
  const extras = snapshot.extras.map((e) => ({ kind: e.kind, id: e.id, owned: e.owned, label: e.label ?? null })).sort((a, b) => (`${a.kind}/${a.id}` < `${b.kind}/${b.id}` ? -1 : 1));
  const skus = snapshot.skus
    .map((s) => ({ skuId: s.skuId.toLowerCase(), skuPartNumber: s.skuPartNumber, plans: s.servicePlans.map((p) => `${p.servicePlanName}=${p.servicePlanId.toLowerCase()}`).sort() }))
    .sort((a, b) => (a.skuPartNumber < b.skuPartNumber ? -1 : 1));
  return sha256(canonicalJson({ found, extras, skus }));
}

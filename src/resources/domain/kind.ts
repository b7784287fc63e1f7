/**
 * `domain` (pure): a verified domain's password validity (`PATCH /domains/{id}`, for
 * `passwords.policy: extended`). The domain is the tenant's: holofleet never creates or deletes one
 * and owns only the properties it sets. The id is the key, in the path, never in the body.
 */
import { toJson } from "../normalise.ts";
import type { Attributes, ResourceKindDefinition } from "../types.ts";

function pick(source: Record<string, unknown>, keys: readonly string[]): Attributes {
  const out: Attributes = {};
  for (const k of keys) out[k] = toJson(source[k]);
  return out;
}

/** The properties a domain body sets (its `id` names the domain). */
export const domainProperties = (body: Record<string, unknown>) => Object.keys(body).filter((k) => k !== "id");

export const domainKind: ResourceKindDefinition = {
  kind: "domain",
  title: "domain",
  desiredAttributes: (body) => pick(body, domainProperties(body)),
  remoteAttributes: (remote, desired) => pick(remote.data, domainProperties(desired.body)),
  immutable: [],
  writeOnly: [],
  lifecycle: { create: false, update: true, delete: false },
  ownershipRule: "the domain is the tenant's; holofleet owns only the properties it sets",
  readStage: 0,
  blueprintPath: () => ["passwords", "policy"],
};

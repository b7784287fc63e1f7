/**
 * `enrollmentStatusPage` (pure): the beta `windows10EnrollmentCompletionPageConfiguration` of
 * hololens2-autopilot.md step 7. Identity: the display name among enrollment configurations of that
 * type (the tenant's default page, "All users and all devices", has another name and no marker, so it
 * is never touched). Owned by the description marker, like the profiles. Every property the blueprint
 * sets is compared; those the service adds (priority, version, dates) are not holofleet's.
 */
import { markedIntuneKind, odataType } from "../intune-profile.ts";
import { emptyAsNull, sortedStrings, toJson } from "../normalise.ts";
import type { Attributes, Json, ResourceKindDefinition } from "../types.ts";

function normaliseValue(key: string, v: unknown): Json {
  if (key === "@odata.type") return odataType(v);
  if (key === "description" || key === "customErrorMessage") return emptyAsNull(v);
  // Sets, whatever order the service answers in.
  if (key === "selectedMobileAppIds" || key === "roleScopeTagIds") return sortedStrings(v);
  return toJson(v);
}

function pickAs(source: Record<string, unknown>, keys: readonly string[]): Attributes {
  const out: Attributes = {};
  for (const k of keys) out[k] = normaliseValue(k, source[k]);
  return out;
}

export const enrollmentStatusPageKind: ResourceKindDefinition = {
  kind: "enrollmentStatusPage",
  title: "Enrollment Status Page",
  desiredAttributes: (body) => pickAs(body, Object.keys(body)),
  remoteAttributes: (remote, desired) => pickAs(remote.data, Object.keys(desired.body)),
  ...markedIntuneKind("an enrollment configuration"),
  blueprintPath: () => ["devices", "enrollmentStatusPage"],
};

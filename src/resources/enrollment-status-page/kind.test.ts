import { describe, expect, it } from "vitest";
import { compile } from "../../compile/compile.ts";
import { secureBlueprint } from "../../compile/testing/blueprint-fixture.ts";
import { diffAttributes } from "../../engine/diff.ts";
import { enrollmentStatusPageKind as kind } from "./kind.ts";

function desiredPage() {
  const result = compile(secureBlueprint());
  return result.desired.find((r) => r.kind === "enrollmentStatusPage")!;
}

describe("enrollmentStatusPage kind", () => {
  it("what beta reads back (extra service fields, sets in another order, no '#') → no change", () => {
    const r = desiredPage();
    const data = { ...r.body, "@odata.type": "microsoft.graph.windows10EnrollmentCompletionPageConfiguration", id: "e1", priority: 1, version: 2, roleScopeTagIds: ["0"], createdDateTime: "2026-01-01T00:00:00Z" };
    expect(diffAttributes(kind.remoteAttributes({ id: "e1", data, owned: true }, r), kind.desiredAttributes(r.body), kind)).toEqual([]);
  });
  it("a time-out changed by hand → one attribute change, before and after", () => {
    const r = desiredPage();
    const data = { ...r.body, installProgressTimeoutInMinutes: 5 };
    expect(diffAttributes(kind.remoteAttributes({ id: "e1", data, owned: true }, r), kind.desiredAttributes(r.body), kind)).toEqual([
      { path: "installProgressTimeoutInMinutes", before: 5, after: r.body.installProgressTimeoutInMinutes },
    ]);
  });
});

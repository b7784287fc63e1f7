import { describe, expect, it } from "vitest";
import { federatedExpertsOutsideSegments } from "./federated-experts-outside-segments.ts";
import { blueprintForCheck, FIXTURE_CLIENT } from "./test-support.ts";

const text = (access: string, mode: string, model = "service-tenant") =>
  `apiVersion: holofleet/v1\nmetadata:\n  name: fixture\ntenant:\n  domain: contoso.onmicrosoft.com\n  model: ${model}\nisolation:\n  mode: ${mode}\nexperts:\n  access: ${access}\n  addresses: [ada@contoso-hq.com]\n${FIXTURE_CLIENT}`;
const located = (t: string) => {
  const { bp, src } = blueprintForCheck(t);
  return federatedExpertsOutsideSegments(bp, src).map((d) => [d.code, d.severity, d.path?.join("."), d.source?.start.line]);
};

describe("federated-experts-outside-segments", () => {
  it("federation with information barriers in a service tenant → HF2073 warning at experts.access", () => {
    expect(located(text("federation", "information-barriers"))).toEqual([["HF2073", "warning", "experts.access", 10]]);
  });

  it("guests, or scoped directory search, or the same tenant → nothing", () => {
    expect(located(text("guests", "information-barriers"))).toEqual([]);
    expect(located(text("federation", "scoped-directory-search"))).toEqual([]);
    expect(located(text("federation", "information-barriers", "same-tenant"))).toEqual([]);
  });
});

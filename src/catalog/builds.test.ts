import { describe, expect, it } from "vitest";
import { compareBuilds, normalizeBuild, parseBuild } from "./builds.ts";

describe("builds", () => {
  it("parses major.minor and the 10.0. form", () => {
    expect(parseBuild("22621.1266")).toEqual({ major: 22621, minor: 1266 });
    expect(parseBuild("10.0.22621.1266")).toEqual({ major: 22621, minor: 1266 });
    expect(normalizeBuild(" 10.0.19041.1128 ")).toBe("19041.1128");
  });

  it("rejects what is not a build", () => {
    for (const bad of ["", "22621", "20H2", "10.0.22621", "22621.1266.1", "11.0.22621.1266", "abc.def"]) expect(parseBuild(bad), bad).toBeUndefined();
  });

  it("orders by major, then minor, numerically", () => {
    expect(compareBuilds("19041.1128", "19041.1128")).toBe(0);
    expect(compareBuilds("10.0.19041.1128", "19041.1128")).toBe(0);
    expect(compareBuilds("19041.1103", "19041.1128")).toBeLessThan(0);
    // Numeric, not text: 1099 < 1128 although "9" > "1".
    expect(compareBuilds("19041.999", "19041.1128")).toBeLessThan(0);
    expect(compareBuilds("20346.1002", "19041.1223")).toBeGreaterThan(0);
    expect(compareBuilds("22621.1113", "20348.1543")).toBeGreaterThan(0);
    const sorted = ["22621.1266", "18362.1039", "20348.1432", "19041.1128"].sort(compareBuilds);
    expect(sorted).toEqual(["18362.1039", "19041.1128", "20348.1432", "22621.1266"]);
  });

  it("throws on a malformed build instead of guessing an order", () => {
    expect(() => compareBuilds("20H2", "19041.1128")).toThrow(RangeError);
    expect(() => compareBuilds("19041.1128", "latest")).toThrow(/not a HoloLens build number: "latest"/);
  });
});

import { describe, expect, it } from "vitest";
import { expertsSchema } from "./experts.ts";

const hf = (issue: object) => ("params" in issue ? (issue.params as { hf?: string }).hf : undefined);

describe("experts", () => {
  it("defaults: no access mode, no addresses, My Apps as the guests' landing page", () => {
    expect(expertsSchema.parse({})).toMatchObject({ access: null, addresses: [], guestRedirectUrl: "https://myapplications.microsoft.com" });
  });

  it("addresses are lower-cased; the same address twice (any case) is a duplicate (HF1017)", () => {
    expect(expertsSchema.parse({ access: "guests", addresses: ["Ana.Silva@Woodgrove.com"] }).addresses).toEqual(["ana.silva@woodgrove.com"]);
    const dup = expertsSchema.safeParse({ addresses: ["ana@woodgrove.com", "ANA@woodgrove.com"] });
    expect(dup.success).toBe(false);
    expect(dup.error!.issues.map((i) => [i.path.join("."), hf(i)])).toEqual([["addresses.1", "HF1017"]]);
  });

  it("refuses a value that is not an address, an unknown access mode and a redirect that is not https", () => {
    for (const bad of [{ addresses: ["ana"] }, { addresses: ["ana@woodgrove"] }, { access: "b2b" }, { guestRedirectUrl: "http://myapps.microsoft.com" }]) {
      expect(expertsSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});

import { describe, expect, it } from "vitest";
import { secureBlueprint } from "../testing/blueprint-fixture.ts";
import { scopedDirectorySearchSteps } from "./scoped-directory-search.ts";

describe("scopedDirectorySearchSteps", () => {
  it("names the Teams admin center switch and every client", () => {
    const md = scopedDirectorySearchSteps(secureBlueprint());
    expect(md).toContain("Scope directory search using an Exchange address book policy");
    expect(md).toContain("| Fabrikam, Inc. (`fabrikam`) | `HF-Client-fabrikam` | 1 |");
    expect(md).toContain("HF Experts");
  });
});

describe("scopedDirectorySearchSteps in a service tenant", () => {
  it("explains how clients reach experts who live in the organisation's tenant", () => {
    expect(scopedDirectorySearchSteps(secureBlueprint({ tenant: { model: "service-tenant" } }))).toContain("Teams federation");
    expect(scopedDirectorySearchSteps(secureBlueprint())).not.toContain("Teams federation");
  });
});

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { REQUIRED_APP_ROLES, REQUIRED_DELEGATED_SCOPES } from "../src/auth/required-permissions.ts";
import { updateDoc } from "./gen-local-tenant-docs.ts";
import { PERMISSIONS_DOC, permissionSections } from "./gen-permissions-docs.ts";

describe("docs/permissions.md", () => {
  it("has current generated tables (run `npx tsx scripts/gen-permissions-docs.ts`)", () => {
    const text = readFileSync(PERMISSIONS_DOC, "utf8");
    expect(updateDoc(text, permissionSections())).toBe(text);
  });

  it("has one row per application permission and lists every delegated one", () => {
    const { application = "", delegated = "" } = permissionSections();
    expect(application.split("\n").filter((l) => l.startsWith("| `")).map((l) => l.split("`")[1])).toEqual(REQUIRED_APP_ROLES);
    for (const scope of REQUIRED_DELEGATED_SCOPES) expect(delegated).toContain(`\`${scope}\``);
  });
});

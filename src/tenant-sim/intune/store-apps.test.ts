import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { referenceDir } from "../conformance/csdl.ts";
import { PROGRAM_STORE_APPS, packageIdentityNameOf } from "./store-apps.ts";

const FACTS = join(referenceDir(), "hololens-facts.md");

describe("the program's Store apps", () => {
  it.skipIf(!existsSync(FACTS))("use the package family names hololens-facts.md gives for Remote Assist and Guides", () => {
    const facts = readFileSync(FACTS, "utf8");
    for (const app of PROGRAM_STORE_APPS) {
      const row = facts.split("\n").find((line) => line.startsWith(`| ${app.displayName} |`) && line.includes("_8wekyb3d8bbwe`"));
      expect(row, app.displayName).toContain(`\`${app.packageFamilyName}\``);
    }
  });

  it("derive the package identity name from the family name", () => {
    expect(packageIdentityNameOf("Microsoft.Dynamics365.Guides_8wekyb3d8bbwe")).toBe("Microsoft.Dynamics365.Guides");
  });
});

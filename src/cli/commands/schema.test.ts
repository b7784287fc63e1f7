import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { blueprintJsonSchema } from "../../blueprint/json-schema.ts";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

describe("holofleet schema", () => {
  it("prints the blueprint JSON Schema → parses, same as blueprintJsonSchema()", () => {
    const run = spawnSync(process.execPath, ["bin/holofleet.js", "schema"], { cwd: repoRoot, encoding: "utf8" });
    expect(run.status).toBe(0);
    const printed = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(printed).toEqual(blueprintJsonSchema());
    expect(printed.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
  });
});

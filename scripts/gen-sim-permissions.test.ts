import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildPermissionFiles, readSourceMap, trimPermissions } from "./gen-sim-permissions.ts";

const committed = (name: string) => JSON.parse(readFileSync(new URL(`../src/tenant-sim/generated/${name}`, import.meta.url), "utf8")) as unknown;
const source = readSourceMap();

describe("generated permissions maps", () => {
  it.skipIf(!source)("are current: regenerating from the reference gives the committed application and delegated files", () => {
    const built = buildPermissionFiles(source!);
    expect(committed("permissions.json")).toEqual(built.application);
    expect(committed("delegated-permissions.json")).toEqual(built.delegated);
  });

  it("each scheme keeps only its own permissions", () => {
    const map = {
      permissions: {
        "Group.ReadWrite.All": { pathSets: [{ schemeKeys: ["Application", "DelegatedWork"], methods: ["GET"], paths: { "/groups": "" } }] },
        "Group.Create": { pathSets: [{ schemeKeys: ["Application"], methods: ["POST"], paths: { "/groups": "least=Application" } }] },
        "User.Read": { pathSets: [{ schemeKeys: ["DelegatedWork"], methods: ["GET"], paths: { "/me": "" } }] },
      },
    };
    const wanted = new Set(["/groups", "/me"]);
    expect(trimPermissions(map, wanted)).toEqual({ "/groups": { GET: ["Group.ReadWrite.All"], POST: ["Group.Create"] } });
    expect(trimPermissions(map, wanted, "DelegatedWork")).toEqual({ "/groups": { GET: ["Group.ReadWrite.All"] }, "/me": { GET: ["User.Read"] } });
  });
});

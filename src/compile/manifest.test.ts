import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { buildManifest, readManifestListing, sha256Hex } from "./manifest.ts";
import type { Artifact } from "./types.ts";

describe("buildManifest", () => {
  const artifacts: Artifact[] = [
    { kind: "steps", file: "z.md", content: "z\n", description: "Z" },
    { kind: "app-control-binary", file: "a/p.cip", content: new Uint8Array([1, 2, 3]), omaUri: "./Vendor/MSFT/X", dataType: "omaSettingBase64", description: "P" },
  ];

  it("lists every artifact sorted by file, with kind, OMA-URI, data type, size and SHA-256", () => {
    const manifest = JSON.parse(buildManifest("demo", artifacts).content as string);
    expect(manifest).toEqual({
      format: "holofleet-compile-output",
      formatVersion: 1,
      blueprint: "demo",
      artifacts: [
        {
          file: "a/p.cip",
          kind: "app-control-binary",
          description: "P",
          omaUri: "./Vendor/MSFT/X",
          dataType: "omaSettingBase64",
          sha256: createHash("sha256").update(new Uint8Array([1, 2, 3])).digest("hex"),
          bytes: 3,
        },
        { file: "z.md", kind: "steps", description: "Z", sha256: sha256Hex("z\n"), bytes: 2 },
      ],
    });
  });

  it("same artifacts in any order → same bytes", () => {
    expect(buildManifest("demo", [...artifacts].reverse()).content).toBe(buildManifest("demo", artifacts).content);
  });
});

describe("readManifestListing", () => {
  it("holofleet's own manifest → manifest.json and every artifact file", () => {
    const text = buildManifest("demo", [{ kind: "steps", file: "a/b.md", content: "b", description: "B" }]).content as string;
    expect(readManifestListing(text)).toEqual({ files: ["manifest.json", "a/b.md"] });
  });

  it.each([
    ["a web app manifest", '{"name":"x","icons":[]}', "is not holofleet's"],
    ["a manifest of the same shape without the marker", '{"formatVersion":1,"blueprint":"x","artifacts":[{"file":"a"}]}', "is not holofleet's"],
    ["broken JSON", "{", "is not JSON"],
    ["null", "null", "is not holofleet's"],
    ["the marker with a file that is not text", '{"format":"holofleet-compile-output","artifacts":[{"file":1}]}', "has no list of artifact files"],
  ])("%s → not ours, with the reason", (_what, text, reason) => {
    const listing = readManifestListing(text);
    expect("notOurs" in listing && listing.notOurs).toContain(reason);
  });
});

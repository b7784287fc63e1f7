import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { buildManifest, sha256Hex } from "./manifest.ts";
import type { Artifact } from "./types.ts";

describe("buildManifest", () => {
  const artifacts: Artifact[] = [
    { kind: "steps", file: "z.md", content: "z\n", description: "Z" },
    { kind: "app-control-binary", file: "a/p.cip", content: new Uint8Array([1, 2, 3]), omaUri: "./Vendor/MSFT/X", dataType: "omaSettingBase64", description: "P" },
  ];

  it("lists every artifact sorted by file, with kind, OMA-URI, data type, size and SHA-256", () => {
    const manifest = JSON.parse(buildManifest("demo", artifacts).content as string);
    expect(manifest).toEqual({
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

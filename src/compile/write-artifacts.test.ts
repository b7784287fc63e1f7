import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { UserError } from "../diag/diagnostic.ts";
import type { Artifact } from "./types.ts";
import { checkArtifactPath, writeArtifacts } from "./write-artifacts.ts";

const artifacts: Artifact[] = [
  { kind: "manifest", file: "manifest.json", content: "{}\n", description: "m" },
  { kind: "kiosk-xml", file: "kiosk/assigned-access.xml", content: "<x/>\n", description: "k" },
  { kind: "app-control-binary", file: "app-control/p.cip", content: new Uint8Array([0, 1, 2, 255]), description: "b" },
];

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), "holofleet-write-"));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function tree(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join("/")).sort();
}

describe("writeArtifacts", () => {
  it("writes text and binary artifacts under a new directory", async () => {
    const out = path.join(root, "out", "nested");
    await writeArtifacts(out, artifacts);
    expect(await tree(out)).toEqual(["app-control/p.cip", "kiosk/assigned-access.xml", "manifest.json"]);
    expect(new Uint8Array(await readFile(path.join(out, "app-control/p.cip")))).toEqual(new Uint8Array([0, 1, 2, 255]));
    expect(await readdir(path.join(root, "out"))).toEqual(["nested"]);
  });

  it("replaces a previous compile output completely (stale files disappear)", async () => {
    const out = path.join(root, "out");
    await writeArtifacts(out, [...artifacts, { kind: "steps", file: "old.md", content: "old", description: "o" }]);
    await writeArtifacts(out, artifacts);
    expect(await tree(out)).toEqual(["app-control/p.cip", "kiosk/assigned-access.xml", "manifest.json"]);
    expect(await readdir(root)).toEqual(["out"]);
  });

  it("refuses to replace a non-empty directory that is not a compile output (HF9002)", async () => {
    const out = path.join(root, "docs");
    await mkdir(out);
    await writeFile(path.join(out, "notes.txt"), "mine");
    const err = await writeArtifacts(out, artifacts).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).diagnostics[0]).toMatchObject({ code: "HF9002" });
    expect(await readFile(path.join(out, "notes.txt"), "utf8")).toBe("mine");
  });

  it("a write that fails half-way leaves the previous output untouched and no temp directory", async () => {
    const out = path.join(root, "out");
    await writeArtifacts(out, artifacts);
    // "kiosk" is written as a file, so writing "kiosk/…" afterwards must fail.
    const broken: Artifact[] = [
      { kind: "manifest", file: "manifest.json", content: "new", description: "m" },
      { kind: "steps", file: "kiosk", content: "file", description: "s" },
      { kind: "kiosk-xml", file: "kiosk/assigned-access.xml", content: "<y/>", description: "k" },
    ];
    await expect(writeArtifacts(out, broken)).rejects.toBeInstanceOf(UserError);
    expect(await readFile(path.join(out, "manifest.json"), "utf8")).toBe("{}\n");
    expect(await readdir(root)).toEqual(["out"]);
  });

  it("an output path below a regular file is a located user error (HF9002), not a crash", async () => {
    await writeFile(path.join(root, "file"), "x");
    const err = await writeArtifacts(path.join(root, "file", "out"), artifacts).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).diagnostics[0]).toMatchObject({ code: "HF9002", message: expect.stringMatching(/^cannot create .*file.out: ENOTDIR/) });
    expect(await readFile(path.join(root, "file"), "utf8")).toBe("x");
  });

  it("an existing regular file as the output path is refused (HF9002) and kept", async () => {
    await writeFile(path.join(root, "out"), "x");
    const err = await writeArtifacts(path.join(root, "out"), artifacts).catch((e: unknown) => e);
    expect((err as UserError).diagnostics[0]).toMatchObject({ code: "HF9002", message: expect.stringContaining("is not a directory") });
    expect(await readFile(path.join(root, "out"), "utf8")).toBe("x");
  });

  it("an empty existing directory is fine", async () => {
    const out = path.join(root, "empty");
    await mkdir(out);
    await writeArtifacts(out, artifacts);
    expect((await tree(out)).length).toBe(3);
  });

  it.each(["../escape.txt", "/abs.txt", "a/../../b", "a\\b", "", "a//b", "./a"])("artifact path %j is rejected", (file) => {
    expect(() => checkArtifactPath(file)).toThrow(/plain relative path/);
  });
});

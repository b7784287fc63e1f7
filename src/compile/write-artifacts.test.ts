import { mkdtemp, mkdir, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { UserError } from "../diag/diagnostic.ts";
import { buildManifest } from "./manifest.ts";
import type { Artifact } from "./types.ts";
import { checkArtifactPath, writeArtifacts } from "./write-artifacts.ts";

/** Artifacts with holofleet's manifest of them, as `compile()` returns them. */
function withManifest(files: Artifact[]): Artifact[] {
  return [buildManifest("demo", files), ...files];
}

const artifacts: Artifact[] = withManifest([
  { kind: "kiosk-xml", file: "kiosk/assigned-access.xml", content: "<x/>\n", description: "k" },
  { kind: "app-control-binary", file: "app-control/p.cip", content: new Uint8Array([0, 1, 2, 255]), description: "b" },
]);

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
    await writeArtifacts(out, withManifest([...artifacts.slice(1), { kind: "steps", file: "docs/old.md", content: "old", description: "o" }]));
    await writeArtifacts(out, artifacts);
    expect(await tree(out)).toEqual(["app-control/p.cip", "kiosk/assigned-access.xml", "manifest.json"]);
    expect(await readdir(root)).toEqual(["out"]);
  });

  it("a non-empty directory without manifest.json → refused (HF9004), kept", async () => {
    const out = path.join(root, "docs");
    await mkdir(out);
    await writeFile(path.join(out, "notes.txt"), "mine");
    const err = await writeArtifacts(out, artifacts).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).diagnostics[0]).toMatchObject({ code: "HF9004", message: expect.stringContaining("holds no manifest.json") });
    expect(await tree(out)).toEqual(["notes.txt"]);
  });

  it("another tool's manifest.json with files and sub-folders → refused (HF9004), every file kept", async () => {
    const out = path.join(root, "site");
    await mkdir(path.join(out, "assets", "img"), { recursive: true });
    await writeFile(path.join(out, "manifest.json"), '{"name":"My App","short_name":"app","start_url":"/"}');
    await writeFile(path.join(out, "index.html"), "<html></html>");
    await writeFile(path.join(out, "assets", "img", "logo.png"), "png");
    const err = await writeArtifacts(out, artifacts).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).diagnostics[0]).toMatchObject({
      code: "HF9004",
      message: expect.stringContaining(`its manifest.json is not holofleet's (no "format": "holofleet-compile-output")`),
    });
    expect(await tree(out)).toEqual(["assets/img/logo.png", "index.html", "manifest.json"]);
    expect(await readdir(root)).toEqual(["site"]);
  });

  it.each([
    ["not JSON", "manifest.json is not JSON", "{oops"],
    ["a JSON list", "is not holofleet's", "[]"],
    ["the marker without a list of files", "has no list of artifact files", '{"format":"holofleet-compile-output"}'],
    ["the marker and a path outside the folder", "which is not a path inside it", '{"format":"holofleet-compile-output","artifacts":[{"file":"../x"}]}'],
  ])("a manifest.json that is %s → refused (HF9004), kept", async (_what, reason, text) => {
    const out = path.join(root, "out");
    await mkdir(out);
    await writeFile(path.join(out, "manifest.json"), text);
    const err = await writeArtifacts(out, artifacts).catch((e: unknown) => e);
    expect((err as UserError).diagnostics[0]).toMatchObject({ code: "HF9004", message: expect.stringContaining(reason) });
    expect(await readFile(path.join(out, "manifest.json"), "utf8")).toBe(text);
  });

  it("holofleet's previous output plus a file and a folder it does not list → refused (HF9004) naming them, nothing lost", async () => {
    const out = path.join(root, "out");
    await writeArtifacts(out, artifacts);
    await writeFile(path.join(out, "kiosk", "my-notes.txt"), "mine");
    await mkdir(path.join(out, "backup", "deep"), { recursive: true });
    await writeFile(path.join(out, "backup", "deep", "old.xml"), "old");
    const err = await writeArtifacts(out, withManifest([artifacts[1]!])).catch((e: unknown) => e);
    expect((err as UserError).diagnostics[0]).toMatchObject({
      code: "HF9004",
      message: expect.stringContaining("holds 2 entries its manifest.json does not list (backup/, kiosk/my-notes.txt)"),
    });
    expect(await tree(out)).toEqual(["app-control/p.cip", "backup/deep/old.xml", "kiosk/assigned-access.xml", "kiosk/my-notes.txt", "manifest.json"]);
    expect(await readdir(root)).toEqual(["out"]);
  });

  it("holofleet's previous output with a listed file deleted by hand → replaced", async () => {
    const out = path.join(root, "out");
    await writeArtifacts(out, artifacts);
    await rm(path.join(out, "app-control"), { recursive: true });
    await writeArtifacts(out, artifacts);
    expect(await tree(out)).toEqual(["app-control/p.cip", "kiosk/assigned-access.xml", "manifest.json"]);
  });

  it("a symbolic link inside a previous output → refused (HF9004), the link and its target kept", async () => {
    const out = path.join(root, "out");
    await writeArtifacts(out, artifacts);
    await mkdir(path.join(root, "elsewhere"));
    await writeFile(path.join(root, "elsewhere", "data.txt"), "data");
    await symlink(path.join(root, "elsewhere"), path.join(out, "link"));
    const err = await writeArtifacts(out, artifacts).catch((e: unknown) => e);
    expect((err as UserError).diagnostics[0]).toMatchObject({ code: "HF9004", message: expect.stringContaining("(link)") });
    expect(await readFile(path.join(out, "link", "data.txt"), "utf8")).toBe("data");
  });

  it("--out that is a symbolic link → refused (HF9004), the folder it points to kept", async () => {
    const real = path.join(root, "real");
    await writeArtifacts(real, artifacts);
    await symlink(real, path.join(root, "out"));
    const err = await writeArtifacts(path.join(root, "out"), artifacts).catch((e: unknown) => e);
    expect((err as UserError).diagnostics[0]).toMatchObject({ code: "HF9004", message: expect.stringContaining("is a symbolic link") });
    expect(await tree(real)).toEqual(["app-control/p.cip", "kiosk/assigned-access.xml", "manifest.json"]);
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
    expect(await readFile(path.join(out, "manifest.json"), "utf8")).toBe(artifacts[0]!.content);
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

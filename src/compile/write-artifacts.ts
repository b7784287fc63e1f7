/**
 * Writes compile artifacts to a directory atomically: everything goes into a temporary sibling directory
 * first, which then replaces the output directory with a rename, so a failure never leaves a half-written
 * output behind. An existing output directory is replaced only when it is empty or a previous compile
 * output (it holds `manifest.json`), never an unrelated folder.
 */
import { mkdir, mkdtemp, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { UserError } from "../diag/diagnostic.ts";
import { MANIFEST_FILE } from "./manifest.ts";
import type { Artifact } from "./types.ts";

function outputError(message: string, fix?: string, cause?: unknown): UserError {
  return new UserError(message, [{ severity: "error", code: "HF9002", message, ...(fix ? { fix } : {}) }], { cause });
}

/** An artifact path must stay inside the output directory: relative, forward slashes, no `..`. */
export function checkArtifactPath(file: string): void {
  const parts = file.split("/");
  if (file === "" || file.includes("\\") || path.posix.isAbsolute(file) || parts.some((p) => p === "" || p === "." || p === "..")) {
    throw new Error(`artifact path "${file}" is not a plain relative path`);
  }
}

async function existingEntries(dir: string): Promise<string[] | null> {
  try {
    const info = await stat(dir);
    if (!info.isDirectory()) throw outputError(`${dir} exists and is not a directory`, "choose another --out path");
    return await readdir(dir);
  } catch (err) {
    if (err instanceof UserError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return null;
    // ENOTDIR (a parent is a file), EACCES (a parent is not searchable)…: the user's path, not a bug.
    throw outputError(`cannot create ${dir}: ${(err as Error).message}`, "choose an --out path inside a writable directory", err);
  }
}

/** Writes `artifacts` under `outDir`; resolves once the complete directory is in place. */
export async function writeArtifacts(outDir: string, artifacts: readonly Artifact[]): Promise<void> {
  for (const a of artifacts) checkArtifactPath(a.file);
  const target = path.resolve(outDir);
  const parent = path.dirname(target);
  const name = path.basename(target);

  const entries = await existingEntries(target);
  if (entries !== null && entries.length > 0 && !entries.includes(MANIFEST_FILE)) {
    throw outputError(
      `${outDir} is not empty and is not a holofleet compile output (no ${MANIFEST_FILE})`,
      "choose an empty or new --out directory; holofleet only replaces its own output",
    );
  }

  try {
    await mkdir(parent, { recursive: true });
  } catch (err) {
    throw outputError(`cannot create ${parent}: ${(err as Error).message}`, undefined, err);
  }
  let staging: string;
  try {
    staging = await mkdtemp(path.join(parent, `.${name}.tmp-`));
  } catch (err) {
    throw outputError(`cannot write to ${parent}: ${(err as Error).message}`, "check the directory's permissions", err);
  }

  let previous: string | null = null;
  try {
    for (const a of artifacts) {
      const file = path.join(staging, ...a.file.split("/"));
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, a.content);
    }
    if (entries !== null) {
      previous = `${staging}.previous`;
      await rename(target, previous);
    }
    await rename(staging, target);
  } catch (err) {
    // Put the old output back if it was already moved aside, then drop the staging copy.
    if (previous !== null) await rename(previous, target).catch(() => undefined);
    await rm(staging, { recursive: true, force: true });
    throw outputError(`cannot write ${outDir}: ${(err as Error).message}`, undefined, err);
  }
  if (previous !== null) await rm(previous, { recursive: true, force: true });
}

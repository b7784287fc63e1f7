/**
 * Writes compile artifacts to a directory atomically: everything goes into a temporary sibling directory
 * first, which then replaces the output directory with a rename, so a failure never leaves a half-written
 * output behind. An existing output directory is replaced only when it is empty, or when it is
 * holofleet's own previous output — its `manifest.json` carries holofleet's format marker and the folder
 * holds nothing that manifest does not list. Anything else is refused (HF9004) and left untouched, and
 * of a replaced output only the listed files are deleted.
 */
import type { Dirent } from "node:fs";
import { lstat, mkdir, mkdtemp, readdir, readFile, rename, rm, rmdir, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { UserError } from "../diag/diagnostic.ts";
import { MANIFEST_FILE, readManifestListing } from "./manifest.ts";
import type { Artifact } from "./types.ts";

function outputError(message: string, fix?: string, cause?: unknown): UserError {
  return new UserError(message, [{ severity: "error", code: "HF9002", message, ...(fix ? { fix } : {}) }], { cause });
}

const NOT_OURS_FIX = "Choose an empty or new --out directory; holofleet replaces only its own output, and only when it holds nothing else.";

function notOursError(outDir: string, reason: string): UserError {
  const message = `${outDir} is not empty and holofleet may not replace it: ${reason}; nothing was written`;
  return new UserError(message, [{ severity: "error", code: "HF9004", message, fix: NOT_OURS_FIX }]);
}

/** An artifact path must stay inside the output directory: relative, forward slashes, no `..`. */
export function checkArtifactPath(file: string): void {
  const parts = file.split("/");
  if (file === "" || file.includes("\\") || path.posix.isAbsolute(file) || parts.some((p) => p === "" || p === "." || p === "..")) {
    throw new Error(`artifact path "${file}" is not a plain relative path`);
  }
}

/** What a previous output may hold: its listed files and the folders on their paths. */
interface Ownership {
  files: string[];
  folders: string[];
}

/** Lists a few names, then how many more: the reason must stay one readable line. */
function someOf(names: readonly string[], shown = 5): string {
  const head = names.slice(0, shown).join(", ");
  return names.length > shown ? `${head} and ${names.length - shown} more` : head;
}

/**
 * Decides whether `dir` (which exists) may be replaced; returns what to delete from it, or throws HF9004
 * with the reason. Symbolic links count as not listed: deleting through them could reach other folders.
 */
async function ownedContent(dir: string, outDir: string): Promise<Ownership> {
  const top = await readdir(dir, { withFileTypes: true });
  if (top.length === 0) return { files: [], folders: [] };
  // Only the top level is read before the manifest says what belongs: --out may name a large folder.
  if (!top.some((e) => e.name === MANIFEST_FILE && e.isFile())) throw notOursError(outDir, `it holds no ${MANIFEST_FILE}, so it is not a holofleet compile output`);
  const listing = readManifestListing(await readFile(path.join(dir, MANIFEST_FILE), "utf8"));
  if ("notOurs" in listing) throw notOursError(outDir, listing.notOurs);
  for (const file of listing.files) {
    try {
      checkArtifactPath(file);
    } catch {
      throw notOursError(outDir, `its ${MANIFEST_FILE} lists ${JSON.stringify(file)}, which is not a path inside it`);
    }
  }
  const files = new Set(listing.files);
  const folders = new Set(listing.files.flatMap((f) => f.split("/").slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join("/"))));
  // Walks only into listed folders; anything else found is named in the refusal.
  const unlisted: string[] = [];
  const visit = async (entries: Dirent[], prefix: string): Promise<void> => {
    for (const entry of entries) {
      const rel = prefix + entry.name;
      if (entry.isFile() && files.has(rel)) continue;
      if (entry.isDirectory() && folders.has(rel)) await visit(await readdir(path.join(dir, ...rel.split("/")), { withFileTypes: true }), `${rel}/`);
      else unlisted.push(entry.isDirectory() ? `${rel}/` : rel);
    }
  };
  await visit(top, "");
  unlisted.sort();
  if (unlisted.length > 0) {
    const count = unlisted.length === 1 ? "an entry" : `${unlisted.length} entries`;
    throw notOursError(outDir, `it holds ${count} its ${MANIFEST_FILE} does not list (${someOf(unlisted)})`);
  }
  return { files: [...files], folders: [...folders] };
}

/** The existing output path: absent (null), or a directory we may replace (what to delete from it). */
async function existingOutput(dir: string, outDir: string): Promise<Ownership | null> {
  let info;
  try {
    info = await lstat(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return null;
    // ENOTDIR (a parent is a file), EACCES (a parent is not searchable)…: the user's path, not a bug.
    throw outputError(`cannot create ${dir}: ${(err as Error).message}`, "choose an --out path inside a writable directory", err);
  }
  if (info.isSymbolicLink()) throw notOursError(outDir, "it is a symbolic link");
  if (!info.isDirectory()) throw outputError(`${dir} exists and is not a directory`, "choose another --out path");
  try {
    return await ownedContent(dir, outDir);
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw outputError(`cannot read ${dir}: ${(err as Error).message}`, "check the directory's permissions", err);
  }
}

/**
 * Deletes what a previous output listed from its moved-aside copy, deepest folders last, and the copy
 * itself. Only listed paths are touched: if anything else appeared meanwhile, its folder stays.
 */
async function removeOwned(dir: string, owned: Ownership): Promise<void> {
  for (const file of owned.files) await unlink(path.join(dir, ...file.split("/"))).catch(() => undefined);
  const deepestFirst = [...owned.folders].sort((a, b) => b.split("/").length - a.split("/").length);
  for (const folder of deepestFirst) await rmdir(path.join(dir, ...folder.split("/"))).catch(() => undefined);
  await rmdir(dir).catch(() => undefined);
}

/** Writes `artifacts` under `outDir`; resolves once the complete directory is in place. */
export async function writeArtifacts(outDir: string, artifacts: readonly Artifact[]): Promise<void> {
  for (const a of artifacts) checkArtifactPath(a.file);
  const target = path.resolve(outDir);
  const parent = path.dirname(target);
  const name = path.basename(target);

  const owned = await existingOutput(target, outDir);

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
  let replaced: Ownership | null = null;
  try {
    for (const a of artifacts) {
      const file = path.join(staging, ...a.file.split("/"));
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, a.content);
    }
    if (owned !== null) {
      previous = `${staging}.previous`;
      await rename(target, previous);
      // Checked again once moved aside: a file added since the first check must not be deleted.
      replaced = await ownedContent(previous, outDir);
    }
    await rename(staging, target);
  } catch (err) {
    // Put the old output back if it was already moved aside, then drop the staging copy.
    if (previous !== null) await rename(previous, target).catch(() => undefined);
    await rm(staging, { recursive: true, force: true });
    if (err instanceof UserError) throw err;
    throw outputError(`cannot write ${outDir}: ${(err as Error).message}`, undefined, err);
  }
  if (previous !== null && replaced !== null) await removeOwned(previous, replaced);
}

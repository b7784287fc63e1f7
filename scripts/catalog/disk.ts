/**
 * The generator's file-system edge: where the reference folder is (`HOLOFLEET_REFERENCE_DIR`, else
 * `<repo root>/../shared/reference`), a reader over it, and where the generated modules live.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { referenceFile, type ReferenceReader } from "./reference.ts";

export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const GENERATED_DIR = join(REPO_ROOT, "src", "catalog", "generated");

export function referenceDir(env: NodeJS.ProcessEnv = process.env): string {
  const override = env["HOLOFLEET_REFERENCE_DIR"];
  return override ? resolve(override) : resolve(REPO_ROOT, "..", "shared", "reference");
}

export function referenceDirExists(dir: string): boolean {
  return existsSync(join(dir, "ddf")) && existsSync(join(dir, "docs"));
}

export function diskReader(dir: string): ReferenceReader {
  return (path) => referenceFile(path, readFileSync(join(dir, ...path.split("/"))));
}

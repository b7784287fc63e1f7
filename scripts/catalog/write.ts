/**
 * Compares generated modules with a directory and writes only what changed (and removes modules the
 * generator no longer makes), so `npm run catalog` touches nothing when the catalog is fresh.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface GeneratedDiff {
  /** Modules that are missing or differ. */
  stale: string[];
  /** `.ts` files in the directory that the generator does not make. */
  extra: string[];
}

export function diffGenerated(files: ReadonlyMap<string, string>, dir: string): GeneratedDiff {
  const existing = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".ts")) : [];
  const stale = [...files].filter(([name, text]) => !existsSync(join(dir, name)) || readFileSync(join(dir, name), "utf8") !== text).map(([name]) => name);
  const extra = existing.filter((name) => !files.has(name)).sort();
  return { stale, extra };
}

export function writeGenerated(files: ReadonlyMap<string, string>, dir: string, diff: GeneratedDiff): void {
  mkdirSync(dir, { recursive: true });
  for (const name of diff.stale) writeFileSync(join(dir, name), files.get(name) ?? "");
  for (const name of diff.extra) rmSync(join(dir, name));
}

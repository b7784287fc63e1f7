/**
 * Test-only: what a CLI run left on disk — every file under a directory with its bytes, relative
 * paths with forward slashes, sorted — so tests can compare it with `manifest.json` or search it.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";

export function filesUnder(dir: string): { file: string; bytes: Buffer }[] {
  const out: { file: string; bytes: Buffer }[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) out.push({ file: relative(dir, full).split(sep).join("/"), bytes: readFileSync(full) });
    }
  };
  walk(dir);
  return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

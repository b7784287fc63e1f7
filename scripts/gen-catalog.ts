/**
 * `npm run catalog`: regenerates `src/catalog/generated/` from the reference folder.
 * `npm run catalog -- --check` writes nothing and exits 1 when the committed files are stale.
 */
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { diskReader, GENERATED_DIR, referenceDir, referenceDirExists } from "./catalog/disk.ts";
import { generateCatalog } from "./catalog/generate.ts";
import { ReferenceFormatError } from "./catalog/reference.ts";

function main(argv: readonly string[]): number {
  const check = argv.includes("--check");
  const dir = referenceDir();
  if (!referenceDirExists(dir)) {
    console.error(`gen-catalog: reference folder not found at ${dir} (set HOLOFLEET_REFERENCE_DIR)`);
    return 1;
  }
  let files: Map<string, string>;
  try {
    files = generateCatalog(diskReader(dir));
  } catch (err) {
    if (err instanceof ReferenceFormatError || (err as NodeJS.ErrnoException).code === "ENOENT") {
      console.error(`gen-catalog: ${(err as Error).message}`);
      return 1;
    }
    throw err;
  }
  const existing = existsSync(GENERATED_DIR) ? readdirSync(GENERATED_DIR).filter((f) => f.endsWith(".ts")) : [];
  const stale = [...files].filter(([name, text]) => !existsSync(join(GENERATED_DIR, name)) || readFileSync(join(GENERATED_DIR, name), "utf8") !== text).map(([name]) => name);
  const extra = existing.filter((name) => !files.has(name));
  if (check) {
    for (const name of [...stale, ...extra]) console.error(`gen-catalog: src/catalog/generated/${name} is out of date`);
    return stale.length + extra.length === 0 ? 0 : 1;
  }
  mkdirSync(GENERATED_DIR, { recursive: true });
  for (const name of stale) writeFileSync(join(GENERATED_DIR, name), files.get(name) ?? "");
  for (const name of extra) rmSync(join(GENERATED_DIR, name));
  for (const [name, text] of files) console.log(`${stale.includes(name) ? "wrote    " : "unchanged"} src/catalog/generated/${name} (${text.length} bytes)`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));

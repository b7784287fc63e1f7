/**
 * `npm run catalog`: regenerates `src/catalog/generated/` from the reference folder
 * (`HOLOFLEET_REFERENCE_DIR`, else `<repo root>/../shared/reference`).
 * `npm run catalog -- --check` writes nothing and exits 1 when the committed files are stale.
 */
import { diskReader, GENERATED_DIR, referenceDir, referenceDirExists } from "./catalog/disk.ts";
import { generateCatalog } from "./catalog/generate.ts";
import { ReferenceFormatError } from "./catalog/reference.ts";
import { diffGenerated, writeGenerated } from "./catalog/write.ts";

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
    // A reference file that changed shape, or one that is missing: a located message, no stack trace.
    if (err instanceof ReferenceFormatError || (err as NodeJS.ErrnoException).code === "ENOENT") {
      console.error(`gen-catalog: ${(err as Error).message}`);
      return 1;
    }
    throw err;
  }
  const diff = diffGenerated(files, GENERATED_DIR);
  if (check) {
    for (const name of [...diff.stale, ...diff.extra]) console.error(`gen-catalog: src/catalog/generated/${name} is out of date; run npm run catalog`);
    return diff.stale.length + diff.extra.length === 0 ? 0 : 1;
  }
  writeGenerated(files, GENERATED_DIR, diff);
  for (const [name, text] of files) console.log(`${diff.stale.includes(name) ? "wrote    " : "unchanged"} src/catalog/generated/${name} (${text.length} bytes)`);
  for (const name of diff.extra) console.log(`removed   src/catalog/generated/${name}`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));

/**
 * Locates the shared reference folder for tests that read Microsoft's published material (samples,
 * DDFs): `$HOLOFLEET_REFERENCE_DIR`, else `<repo root>/../shared/reference`. Null when it is absent,
 * so such tests skip on a bare clone and run in CI, where the folder exists.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

export function referenceDir(): string | null {
  const dir = process.env.HOLOFLEET_REFERENCE_DIR ?? path.resolve(REPO_ROOT, "../shared/reference");
  return existsSync(dir) ? dir : null;
}

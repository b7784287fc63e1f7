/**
 * Builds `dist/`, the JavaScript the `holofleet` bin runs, so the CLI starts without transpiling
 * TypeScript. Runs on `npm install` and `npm ci` (the `prepare` script); with `--if-stale`, before the
 * tests and benchmarks, only when something under `src/` (or the build's own config) changed since the
 * last build. `tsc` emits `src/**` to `dist/**` with the same layout (imports rewritten from `.ts` to
 * `.js`); the data files modules read next to themselves (XSDs, generated JSON) are copied beside them.
 * Types are not checked here: `npx tsc --noEmit` does that.
 */
import { execFileSync } from "node:child_process";
import { cpSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const src = join(root, "src");
const dist = join(root, "dist");
/** Written last: its time is when dist/ was complete. */
const stamp = join(dist, ".built");
/** Besides src/, what the build's output depends on. */
const INPUTS = ["tsconfig.json", "tsconfig.build.json", "package.json", "scripts/build.js"];
/** Test material stays out of the build. */
const TEST_ONLY_DIRS = new Set(["__golden__", "fixtures"]);

/** Every file under `dir` the build copies as it is: not TypeScript, not test material. */
function dataFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(entry.parentPath, entry.name);
    if (entry.isDirectory()) return TEST_ONLY_DIRS.has(entry.name) ? [] : dataFiles(path);
    return entry.isFile() && !/\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/**
 * Latest modification time of what the build reads under `dir`, folders included (a deleted file
 * changes its folder's time); tests and test material are not built, so editing them does not count.
 */
function latestChange(dir) {
  let latest = statSync(dir).mtimeMs;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    if (entry.isDirectory()) latest = TEST_ONLY_DIRS.has(entry.name) ? latest : Math.max(latest, latestChange(path));
    else if (!/\.test\.tsx?$/.test(entry.name)) latest = Math.max(latest, statSync(path).mtimeMs);
  }
  return latest;
}

/** Whether dist/ was built after the last change to its inputs. */
export function isBuildCurrent() {
  let built;
  try {
    built = statSync(stamp).mtimeMs;
  } catch {
    return false;
  }
  const inputs = Math.max(latestChange(src), ...INPUTS.map((file) => statSync(join(root, file)).mtimeMs));
  return inputs < built;
}

export function build() {
  // From scratch, so that a module deleted from src/ cannot linger in dist/.
  rmSync(dist, { recursive: true, force: true });
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  execFileSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json")], { cwd: root, stdio: "inherit" });
  for (const file of dataFiles(src)) cpSync(file, join(dist, relative(src, file)));
  writeFileSync(stamp, "");
  return dist;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.includes("--if-stale") && isBuildCurrent()) process.exit(0);
  const started = Date.now();
  build();
  process.stdout.write(`holofleet: built dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

/**
 * Vitest global setup: tests that run the CLI as users do (`node bin/holofleet.js`, also what
 * `tenant local start` spawns) run the JavaScript build in dist/, so it is rebuilt first whenever
 * anything under src/ changed since the last build. Unit tests import the TypeScript sources directly.
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export default function setup(): void {
  execFileSync(process.execPath, [fileURLToPath(new URL("../scripts/build.js", import.meta.url)), "--if-stale"], { stdio: "inherit" });
}

#!/usr/bin/env node
// Runs the JavaScript build of the CLI (dist/), which `npm install` and `npm ci` make (the prepare script).
import { existsSync } from "node:fs";

const entry = new URL("../dist/cli/main.js", import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write("holofleet is not built: run `npm install` (or `npm run build`) in its folder first.\n");
  process.exit(1);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv);

#!/usr/bin/env node
// `npm start`: the whole program against the local tenant, as an admin would run it — the bundled
// example checked, a local tenant arranged for it (started again if it exists), the program applied,
// the example's devices imported into the fleet and Windows Autopilot, and the tenant audited.
// Each step is the real CLI; running it again converges (nothing is created twice).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const BLUEPRINT = "examples/same-tenant-three-clients.holofleet.yaml";
const DEVICES = "examples/same-tenant-three-clients.hardware-hashes.csv";
const TENANT_FILE = ".holofleet/tenant/tenant.json";

function holofleet(...args) {
  process.stdout.write(`\n$ holofleet ${args.join(" ")}\n`);
  const run = spawnSync(process.execPath, ["bin/holofleet.js", ...args], { stdio: "inherit" });
  if (run.status !== 0) {
    process.stderr.write(`\nnpm start stopped: \`holofleet ${args.join(" ")}\` exited with ${run.status ?? run.signal}\n`);
    process.exit(run.status || 1);
  }
}

holofleet("validate", BLUEPRINT);
holofleet("compile", BLUEPRINT, "--out", "out");
// A tenant made by an earlier `npm start` keeps its state; only a new one is arranged for the blueprint.
if (existsSync(TENANT_FILE)) holofleet("tenant", "local", "start");
else holofleet("tenant", "local", "start", "--blueprint", BLUEPRINT);
holofleet("apply", BLUEPRINT, "--auto-approve");
holofleet("fleet", "import", DEVICES, "--blueprint", BLUEPRINT, "--wait", "120");
holofleet("audit", "--blueprint", BLUEPRINT, "--fail-on", "none");
process.stdout.write(
  "\nThe local tenant keeps running in the background (details in .holofleet/tenant/tenant.json).\n" +
    `Try \`npx holofleet plan ${BLUEPRINT}\`, \`npx holofleet fleet list\` or \`npx holofleet loan ship --device HL2-000101 --client fabrikam --blueprint ${BLUEPRINT}\`;\n` +
    "stop the tenant with `npx holofleet tenant local stop`.\n",
);

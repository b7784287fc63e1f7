#!/usr/bin/env node
// `npm start`: the whole program against the local tenant, as an admin would run it — the bundled
// example checked, a local tenant arranged for it (started again if it exists), the program applied,
// the example's devices imported into the fleet and Windows Autopilot, the tenant audited, and the web
// console served in the foreground (a first admin account made once, its password shown once). Each step
// is the real CLI; running it again converges (nothing is created twice). Ctrl-C stops the console and
// the local tenant this script started.
import { spawn, spawnSync } from "node:child_process";
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
// The devices first: the import opens the fleet store, where apply then notes itself (the console's "last apply").
holofleet("fleet", "import", DEVICES, "--blueprint", BLUEPRINT, "--wait", "120");
holofleet("apply", BLUEPRINT, "--auto-approve");
holofleet("audit", "--blueprint", BLUEPRINT, "--fail-on", "none");

// The first admin of the console, made once; a later run keeps the account (and its password).
const users = spawnSync(process.execPath, ["bin/holofleet.js", "console", "users", "list", "--json"], { encoding: "utf8" });
if (users.status !== 0) {
  process.stderr.write(users.stderr);
  process.exit(users.status || 1);
}
if (JSON.parse(users.stdout).users.length === 0) {
  process.stdout.write("\n$ holofleet console users add admin --role admin --json\n");
  const added = spawnSync(process.execPath, ["bin/holofleet.js", "console", "users", "add", "admin", "--role", "admin", "--json"], { encoding: "utf8" });
  if (added.status !== 0) {
    process.stderr.write(added.stderr);
    process.exit(added.status || 1);
  }
  const { password } = JSON.parse(added.stdout);
  process.stdout.write(`\nConsole account: admin\nOne-time password (shown once, not stored): ${password}\n`);
} else {
  process.stdout.write("\nConsole accounts exist already; a new password for admin: `npx holofleet console users reset-password admin`.\n");
}

process.stdout.write(`\n$ holofleet console --blueprint ${BLUEPRINT}\n`);
const consoleRun = spawn(process.execPath, ["bin/holofleet.js", "console", "--blueprint", BLUEPRINT], { stdio: "inherit" });
// Ctrl-C reaches the console too (same process group); this script waits for it to close, then stops the tenant.
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    if (consoleRun.exitCode === null) consoleRun.kill(signal);
  });
}
consoleRun.on("exit", (code, signal) => {
  process.stdout.write("\n$ holofleet tenant local stop\n");
  spawnSync(process.execPath, ["bin/holofleet.js", "tenant", "local", "stop"], { stdio: "inherit" });
  process.exit(signal ? 0 : (code ?? 0));
});

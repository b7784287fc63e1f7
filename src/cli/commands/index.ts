/**
 * The command table, sorted by verb. Each entry names one command, says what the top-level help shows
 * for it, and loads its module (which adds the command and its subcommands) only when that command
 * runs, so `holofleet --help` and each command load little beyond what they use.
 */
import type { Command } from "commander";

export type RegisterCommand = (program: Command) => void;

export interface CommandEntry {
  /** The verb, as typed: `holofleet <name> …`. */
  name: string;
  /** The usage after the verb in the top-level help (`[options] <blueprint>`); empty when there is none. */
  usage: string;
  /** The one-line description; the command module registers the same text (a test keeps them equal). */
  description: string;
  /** Imports the command's module and returns its register function. */
  load(): Promise<RegisterCommand>;
}

export const commands: CommandEntry[] = [
  {
    name: "appcontrol",
    usage: "",
    description: "compile and decode WDAC (App Control for Business) policies",
    load: async () => (await import("./appcontrol.ts")).registerAppControl,
  },
  {
    name: "apply",
    usage: "[options] [blueprint]",
    description: "make the tenant match the blueprint: plan, ask, apply (or apply a saved plan with --plan)",
    load: async () => (await import("./apply.ts")).registerApply,
  },
  {
    name: "audit",
    usage: "[options]",
    description: "effective posture of every HoloLens device and client account against the guide, read live or from a snapshot (exit 0 ok, 1 error, 3 failures at or above --fail-on)",
    load: async () => (await import("./audit.ts")).registerAudit,
  },
  {
    name: "compile",
    usage: "[options] <blueprint>",
    description: "compile a blueprint into Intune/Graph artifacts, kiosk XML, WDAC policy and manifest.json",
    load: async () => (await import("./compile.ts")).registerCompile,
  },
  {
    name: "console",
    usage: "[options]",
    description: "serve the web console (sign in, see the fleet, ship and return devices) until Ctrl-C",
    load: async () => (await import("./console.ts")).registerConsole,
  },
  {
    name: "drift",
    usage: "[options] <blueprint>",
    description: "report what was changed in the tenant by hand (exit 0 none, 2 drift, 1 error)",
    load: async () => (await import("./drift.ts")).registerDrift,
  },
  {
    name: "fleet",
    usage: "",
    description: "devices: import hardware hashes into the fleet store and Windows Autopilot, list them, show one",
    load: async () => (await import("./fleet.ts")).registerFleet,
  },
  {
    name: "loan",
    usage: "",
    description: "lend devices to clients: prepare, ship, return, list and show loans",
    load: async () => (await import("./loan.ts")).registerLoan,
  },
  {
    name: "login",
    usage: "[options]",
    description: "sign in as a person with a device code (delegated permissions); tokens are kept in .holofleet/auth/ (mode 0600)",
    load: async () => (await import("./login.ts")).registerLogin,
  },
  {
    name: "logout",
    usage: "[options]",
    description: "forget the signed-in people (all, or only those of --tenant)",
    load: async () => (await import("./logout.ts")).registerLogout,
  },
  {
    name: "passwords",
    usage: "",
    description: "client account passwords: rotate one, list those that expire before their device is back",
    load: async () => (await import("./passwords.ts")).registerPasswords,
  },
  {
    name: "plan",
    usage: "[options] <blueprint>",
    description: "show what apply would change in the tenant, and why (exit 0; with --detailed-exitcode 0 none, 2 changes, 1 error)",
    load: async () => (await import("./plan.ts")).registerPlan,
  },
  {
    name: "schema",
    usage: "",
    description: "print the JSON Schema of holofleet.yaml blueprints",
    load: async () => (await import("./schema.ts")).registerSchema,
  },
  {
    name: "snapshot",
    usage: "[options]",
    description: "read the tenant through Graph into a snapshot file for `holofleet audit --snapshot` (exit 0 written, 1 error)",
    load: async () => (await import("./snapshot.ts")).registerSnapshot,
  },
  {
    name: "tenant",
    usage: "",
    description: "manage tenants",
    load: async () => (await import("./tenant.ts")).registerTenant,
  },
  {
    name: "validate",
    usage: "[options] <blueprint>",
    description: "check a blueprint: YAML, schema and semantic checks (exit 0 valid, 1 invalid)",
    load: async () => (await import("./validate.ts")).registerValidate,
  },
];

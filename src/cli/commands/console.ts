/**
 * `holofleet console [--port N] [--host H] [--blueprint file] [target flags]` serves the web console in
 * the foreground until SIGINT or SIGTERM; `console users add|list|reset-password` manage its local
 * accounts (a one-time password from the CSPRNG, shown once; the store keeps only its scrypt hash).
 * The console serves plain HTTP, so it listens on loopback unless --allow-remote says a TLS proxy is
 * in front: otherwise passwords and session cookies would cross the network in clear.
 */
import { isIP } from "node:net";
import { InvalidArgumentError, Option, type Command } from "commander";
import { UserError } from "../../diag/diagnostic.ts";
import { openFleetStore } from "../../fleet/store/open-fleet-store.ts";
import { CONSOLE_ROLES, type ConsoleRole, type FleetStore } from "../../fleet/store/port.ts";
import { cliActor, storeUserError } from "../../operations/fleet-context.ts";
import { generatePassword } from "../../passwords/generate-password.ts";
import { hashPassword } from "../../console/auth/local-password.ts";
import { addFleetOptions, FLEET_FORMAT_VERSION, type FleetFlags } from "./fleet.ts";

/** Console passwords: long enough that guessing within the rate limit is hopeless, from the program's alphabet. */
const CONSOLE_PASSWORD_LENGTH = 24;

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65_535) throw new InvalidArgumentError("a port number between 0 and 65535 (0: any free port)");
  return n;
}

export function isLoopback(host: string): boolean {
  if (host === "localhost") return true;
  if (isIP(host) === 4) return host.startsWith("127.");
  return host === "::1";
}

async function withStore<T>(body: (store: FleetStore) => Promise<T>): Promise<T> {
  let store: FleetStore;
  try {
    store = await openFleetStore();
  } catch (err) {
    throw storeUserError(err) ?? err;
  }
  try {
    return await body(store);
  } catch (err) {
    throw storeUserError(err) ?? err;
  } finally {
    await store.close();
  }
}

function printPassword(json: boolean | undefined, name: string, role: ConsoleRole, password: string, what: string): void {
  if (json) {
    process.stdout.write(`${JSON.stringify({ name, role, password })}\n`);
    return;
  }
  process.stderr.write(`${what}; the password is shown once:\n`);
  process.stdout.write(`${password}\n`);
}

interface ConsoleFlags extends FleetFlags {
  port: number;
  host: string;
  allowRemote?: boolean;
}

export function registerConsole(program: Command): void {
  const consoleCmd = addFleetOptions(program.command("console"))
    .description("serve the web console (sign in, see the fleet, ship and return devices) until Ctrl-C")
    .option("--port <n>", "port to listen on (0: any free port)", port, 4400)
    .option("--host <host>", "address to listen on", "127.0.0.1")
    .option("--allow-remote", "listen beyond loopback (only behind a TLS proxy: the console itself serves plain HTTP)")
    .action(async (flags: ConsoleFlags) => {
      if (!isLoopback(flags.host) && !flags.allowRemote) {
        throw new UserError("", [
          {
            severity: "error",
            code: "HF8204",
            message: `--host ${flags.host} is not a loopback address; the console serves plain HTTP, so passwords and session cookies would cross the network in clear`,
            fix: "Keep the default 127.0.0.1, or put a TLS proxy in front and pass --allow-remote.",
          },
        ]);
      }
      const { startConsole } = await import("../../console/server.ts");
      const running = await startConsole({
        blueprintFile: flags.blueprint,
        host: flags.host,
        port: flags.port,
        target: { tenant: flags.tenant, graphUrl: flags.graphUrl, authorityUrl: flags.authorityUrl },
      });
      process.stdout.write(`holofleet console: ${running.url}\n`);
      process.stderr.write("serving until Ctrl-C\n");
      const signal = await new Promise<NodeJS.Signals>((stop) => {
        process.once("SIGINT", () => stop("SIGINT"));
        process.once("SIGTERM", () => stop("SIGTERM"));
      });
      process.stderr.write(`${signal}: stopping the console\n`);
      await running.close();
    });

  const users = consoleCmd.command("users").description("the console's local accounts");

  users
    .command("add <name>")
    .description("add a local account and print its one-time password")
    .addOption(new Option("--role <role>", "what the account may do").choices([...CONSOLE_ROLES]).makeOptionMandatory())
    .option("--json", 'print { "name", "role", "password" }')
    .action(async (name: string, flags: { role: ConsoleRole; json?: boolean }) => {
      const password = generatePassword(CONSOLE_PASSWORD_LENGTH);
      const passwordHash = await hashPassword(password);
      await withStore((store) => store.consoleUsers.add({ name, role: flags.role, passwordHash }, cliActor()));
      printPassword(flags.json, name, flags.role, password, `added ${name} (${flags.role})`);
    });

  users
    .command("list")
    .description("the local accounts and their roles (never a password or hash)")
    .option("--json", "print JSON: { formatVersion, users: [...] }")
    .action(async (flags: { json?: boolean }) => {
      const list = await withStore((store) => store.consoleUsers.list());
      if (flags.json) {
        process.stdout.write(`${JSON.stringify({ formatVersion: FLEET_FORMAT_VERSION, users: list.map((u) => ({ name: u.name, role: u.role, createdAt: u.createdAt, updatedAt: u.updatedAt })) }, null, 2)}\n`);
        return;
      }
      if (list.length === 0) process.stdout.write("no console user (add one with `holofleet console users add <name> --role admin`)\n");
      for (const u of list) process.stdout.write(`${u.name.padEnd(24)} ${u.role}\n`);
    });

  users
    .command("reset-password <name>")
    .description("give a local account a new one-time password (its open sessions stay until they expire or sign out)")
    .option("--json", 'print { "name", "role", "password" }')
    .action(async (name: string, flags: { json?: boolean }) => {
      const password = generatePassword(CONSOLE_PASSWORD_LENGTH);
      const passwordHash = await hashPassword(password);
      const user = await withStore(async (store) => {
        const found = await store.consoleUsers.get(name);
        if (!found) throw new UserError("", [{ severity: "error", code: "HF8203", message: `no console user named ${name}`, fix: "List them with `holofleet console users list`." }]);
        return store.consoleUsers.setPasswordHash(name, found.version, passwordHash, cliActor());
      });
      printPassword(flags.json, user.name, user.role, password, `new password for ${user.name}`);
    });
}

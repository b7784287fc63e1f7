/**
 * The `holofleet` command line: a table of commands, each in `commands/<verb>.ts` and imported only
 * when it runs, and one error boundary that prints user errors as located diagnostics (no stack trace)
 * and exits non-zero. `bin/holofleet.js` runs the JavaScript build of this module (`dist/cli/main.js`).
 */
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Command, CommanderError, Help } from "commander";
import { commands, type CommandEntry } from "./commands/index.ts";
import { runCli } from "./run.ts";

/** The verb `argv` runs (`help <verb>` counts as the verb), or undefined for `holofleet` / `--help` alone. */
export function verbOf(argv: readonly string[]): string | undefined {
  const words = argv.slice(2).filter((a) => !a.startsWith("-"));
  return words[0] === "help" ? words[1] : words[0];
}

/**
 * The program for `argv`: the command it runs fully registered (its module imported), every other
 * command as a name and description only, which is all the top-level help and "did you mean" need.
 */
export async function buildProgram(argv: readonly string[]): Promise<Command> {
  const program = new Command("holofleet")
    .description("Ship HoloLens 2 devices to external clients safely.")
    .option("--verbose", "print more detail, including stack traces of internal errors")
    .showHelpAfterError()
    .exitOverride();
  const verb = verbOf(argv);
  const listed = new Map<Command, CommandEntry>();
  for (const entry of commands) {
    if (entry.name === verb) (await entry.load())(program);
    else listed.set(program.command(entry.name).description(entry.description), entry);
  }
  const help = new Help();
  program.configureHelp({
    subcommandTerm: (cmd) => {
      const entry = listed.get(cmd);
      return entry ? [entry.name, entry.usage].filter(Boolean).join(" ") : help.subcommandTerm(cmd);
    },
  });
  return program;
}

/** Runs the CLI for `argv` (`[node, script, …args]`) and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  return runCli(await buildProgram(argv), argv);
}

// Run directly (`tsx src/cli/main.ts …`, as `npm run holofleet` does) rather than imported.
const isEntry = process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
if (isEntry) process.exitCode = await main(process.argv);

export { CommanderError };

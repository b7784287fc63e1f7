/**
 * The `holofleet` command line: a table of commands, each in `commands/<verb>.ts`, and one error
 * boundary that prints user errors as located diagnostics (no stack trace) and exits non-zero.
 */
import { Command, CommanderError } from "commander";
import { commands } from "./commands/index.ts";
import { runCli } from "./run.ts";

export function buildProgram(): Command {
  const program = new Command("holofleet")
    .description("Ship HoloLens 2 devices to external clients safely.")
    .option("--verbose", "print more detail, including stack traces of internal errors")
    .showHelpAfterError()
    .exitOverride();
  for (const register of commands) register(program);
  return program;
}

const isEntry = process.argv[1] !== undefined && /(?:main\.ts|holofleet(?:\.js)?)$/.test(process.argv[1]);
if (isEntry) {
  process.exitCode = await runCli(buildProgram(), process.argv);
}

export { CommanderError };

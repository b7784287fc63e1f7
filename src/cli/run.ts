/** The CLI's error boundary: the only place that turns thrown errors into output and exit codes. */
import { Command, CommanderError } from "commander";
import { formatDiagnostic, sortDiagnostics, UserError } from "../diag/diagnostic.ts";

/** Exit code a command asks for without it being an error (e.g. `plan --detailed-exitcode`). */
export class ExitCode extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

export async function runCli(program: Command, argv: string[]): Promise<number> {
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (err) {
    if (err instanceof ExitCode) return err.code;
    if (err instanceof CommanderError) {
      // Commander already printed the message; help and version are not errors.
      return err.exitCode === 0 ? 0 : 1;
    }
    if (err instanceof UserError) {
      for (const d of sortDiagnostics(err.diagnostics)) process.stderr.write(formatDiagnostic(d) + "\n");
      if (err.diagnostics.length === 0 || err.message) process.stderr.write(`error: ${err.message}\n`);
      return 1;
    }
    const verbose = program.opts<{ verbose?: boolean }>().verbose;
    const e = err as Error;
    process.stderr.write(`internal error: ${e?.message ?? String(err)}\n`);
    if (verbose && e?.stack) process.stderr.write(e.stack + "\n");
    else process.stderr.write("(run with --verbose for details)\n");
    return 1;
  }
}

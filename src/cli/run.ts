/** The CLI's error boundary: the only place that turns thrown errors into output and exit codes. */
import { Command, CommanderError } from "commander";
import { formatDiagnostic, sortDiagnostics, UserError, type Diagnostic } from "../diag/diagnostic.ts";
import { GraphRequestError } from "../graph/errors.ts";

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
    if (err instanceof GraphRequestError) {
      // The tenant's answer, not a bug: say which request it refused and what usually fixes it.
      process.stderr.write(formatDiagnostic(graphRefusal(err)) + "\n");
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

/** A refused Graph request as a diagnostic: the status, Graph's code and message, the (redacted) request. */
export function graphRefusal(err: GraphRequestError): Diagnostic {
  const fix =
    err.status === 403
      ? "Give holofleet's app (or the signed-in person) the permission this request needs: docs/permissions.md lists them, each with its calls."
      : err.status === 401
        ? "Sign in again (`holofleet login`) or check the AZURE_* credentials."
        : err.status === 0 || err.status >= 500
          ? "The tenant or the network failed; run the command again (holofleet's writes are safe to repeat)."
          : "Check the request against the tenant's state; run with --verbose for the details.";
  return {
    severity: "error",
    code: "HF5001",
    message: `Microsoft Graph answered ${err.status || "nothing"}${err.code ? ` ${err.code}` : ""} to ${err.request.method} ${err.request.url}: ${err.message}${err.requestId ? ` (request-id ${err.requestId})` : ""}`,
    fix,
  };
}

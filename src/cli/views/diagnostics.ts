/**
 * Diagnostics as text, capped the way compilers cap them: the first TEXT_DIAGNOSTIC_LIMIT in order,
 * then one line with the count of the rest. A file with 100,000 unknown keys prints a screenful, not
 * 100,000 lines; `--json` reports carry every diagnostic.
 */
import { formatDiagnostic, sortDiagnostics, type Diagnostic } from "../../diag/diagnostic.ts";

export const TEXT_DIAGNOSTIC_LIMIT = 50;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** The lines to print: errors go to standard error, warnings to standard output (as before). */
export function diagnosticLines(diagnostics: readonly Diagnostic[], limit = TEXT_DIAGNOSTIC_LIMIT): { stream: "stdout" | "stderr"; line: string }[] {
  const sorted = sortDiagnostics(diagnostics);
  const shown = sorted.slice(0, limit).map((d) => ({ stream: d.severity === "error" ? ("stderr" as const) : ("stdout" as const), line: formatDiagnostic(d) }));
  const rest = sorted.slice(limit);
  if (rest.length === 0) return shown;
  const errors = rest.filter((d) => d.severity === "error").length;
  const kinds = [errors ? plural(errors, "error") : "", rest.length - errors ? plural(rest.length - errors, "warning") : ""].filter(Boolean).join(", ");
  return [...shown, { stream: "stderr", line: `… and ${rest.length} more (${kinds}) not shown; --json lists them all` }];
}

export function writeDiagnostics(diagnostics: readonly Diagnostic[], limit = TEXT_DIAGNOSTIC_LIMIT): void {
  for (const { stream, line } of diagnosticLines(diagnostics, limit)) process[stream].write(line + "\n");
}

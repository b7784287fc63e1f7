/**
 * Diagnostics are values, not exceptions: every stage collects them and the CLI renders them once
 * as `file:line:col  code  message`. A diagnostic says what is wrong, why it matters and what to do.
 */

export type Severity = "error" | "warning";

/** A 1-based position in a source file. */
export interface SourcePosition {
  line: number;
  col: number;
}

export interface SourceRange {
  file: string;
  start: SourcePosition;
  end?: SourcePosition;
}

export interface Diagnostic {
  severity: Severity;
  /** Stable code from `codes.ts`, e.g. `HF1001`. */
  code: string;
  /** What is wrong. */
  message: string;
  /** Why it matters (optional). */
  why?: string;
  /** What to do about it (optional). */
  fix?: string;
  /** Where, when the problem has a place in a file. */
  source?: SourceRange;
  /** The key path inside the document, e.g. `devices.kiosk.apps[2]`. */
  path?: (string | number)[];
}

export function hasErrors(diags: readonly Diagnostic[]): boolean {
  return diags.some((d) => d.severity === "error");
}

/** Renders a key path the way users write it: `devices.kiosk.apps[2]`. */
export function formatPath(path: readonly (string | number)[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out ? `.${part}` : part;
  }
  return out;
}

/** `file:line:col  code  message (key) — why. fix` on one line, the format CI logs and editors parse. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.source ? `${d.source.file}:${d.source.start.line}:${d.source.start.col}` : "-";
  const key = d.path && d.path.length ? ` (at ${formatPath(d.path)})` : "";
  const sev = d.severity === "warning" ? "warning " : "";
  const tail = [d.why, d.fix].filter(Boolean).join(" ");
  return `${where}  ${d.code}  ${sev}${d.message}${key}${tail ? ` — ${tail}` : ""}`;
}

/** Orders diagnostics by file, line, column, then code, so output is deterministic. */
export function sortDiagnostics(diags: readonly Diagnostic[]): Diagnostic[] {
  return [...diags].sort((a, b) => {
    const fa = a.source?.file ?? "";
    const fb = b.source?.file ?? "";
    if (fa !== fb) return fa < fb ? -1 : 1;
    const la = a.source?.start.line ?? 0;
    const lb = b.source?.start.line ?? 0;
    if (la !== lb) return la - lb;
    const ca = a.source?.start.col ?? 0;
    const cb = b.source?.start.col ?? 0;
    if (ca !== cb) return ca - cb;
    return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
  });
}

/** An error a user caused (bad input, missing file). The CLI prints it without a stack trace. */
export class UserError extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(message: string, diagnostics: Diagnostic[] = [], options?: { cause?: unknown }) {
    super(message, options);
    this.name = "UserError";
    this.diagnostics = diagnostics;
  }
}

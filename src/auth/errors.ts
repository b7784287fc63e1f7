/**
 * `AuthenticationError`: a sign-in that cannot happen (a refused credential, an unreadable
 * certificate, nobody signed in), with a stable HF51xx code, what to do, and where when a file is
 * to blame. Its message passes through `redactText` and it never keeps a secret; the CLI turns it
 * into a diagnostic (`toDiagnostic`).
 */
import type { Diagnostic, SourceRange } from "../diag/diagnostic.ts";
import { redactText } from "../graph/redact.ts";

export class AuthenticationError extends Error {
  override readonly name = "AuthenticationError";
  readonly code: string;
  readonly fix?: string;
  readonly source?: SourceRange;

  constructor(code: string, message: string, opts: { fix?: string; source?: SourceRange; cause?: unknown } = {}) {
    super(redactText(message), opts.cause === undefined ? undefined : { cause: opts.cause });
    this.code = code;
    this.fix = opts.fix;
    this.source = opts.source;
  }

  toDiagnostic(): Diagnostic {
    return { severity: "error", code: this.code, message: this.message, ...(this.fix ? { fix: this.fix } : {}), ...(this.source ? { source: this.source } : {}) };
  }

  toJSON(): Record<string, unknown> {
    return { name: this.name, code: this.code, message: this.message, fix: this.fix, source: this.source };
  }
}

interface MsalLikeError {
  errorCode?: unknown;
  errorMessage?: unknown;
  subError?: unknown;
}

/**
 * The useful part of an MSAL error: for a server error the `AADSTS…` description (without the
 * timestamp and trace ids around it), otherwise MSAL's code and message.
 */
export function describeMsalError(err: unknown): string {
  const e = (err ?? {}) as MsalLikeError & { message?: unknown };
  const text = typeof e.errorMessage === "string" && e.errorMessage ? e.errorMessage : typeof e.message === "string" ? e.message : String(err);
  const aadsts = /(AADSTS\d+:[\s\S]*?)(?:\s+(?:Trace ID|Correlation ID|Timestamp):|\s+-\s+(?:Correlation ID|Trace ID)|$)/.exec(text);
  if (aadsts) return redactText(aadsts[1]!.trim());
  const code = typeof e.errorCode === "string" && e.errorCode ? `${e.errorCode}: ` : "";
  return redactText(`${code}${text.replace(/^\w+:\s*/, "")}`.trim());
}

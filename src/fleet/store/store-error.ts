/**
 * The one error the fleet store throws (STYLE.md §F: a typed exception for I/O, turned into diagnostics
 * at the operations boundary). `kind` says what the caller can do: reload and retry (`conflict`), fix
 * the input (`not-found`, `duplicate`, `invalid`), or check the database (`unavailable`, `migration`).
 */

export type StoreErrorKind = "conflict" | "not-found" | "duplicate" | "invalid" | "unavailable" | "migration";

export class StoreError extends Error {
  readonly kind: StoreErrorKind;
  constructor(kind: StoreErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "StoreError";
    this.kind = kind;
  }
}

export function isStoreError(error: unknown, kind?: StoreErrorKind): error is StoreError {
  return error instanceof StoreError && (kind === undefined || error.kind === kind);
}

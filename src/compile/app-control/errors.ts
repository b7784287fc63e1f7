/**
 * Typed errors of the app-control module. A decode failure is a `SiPolicyDecodeError` (a bad binary
 * is a user error, so it extends `UserError` and the CLI prints it without a stack trace); invalid
 * XML handed to the synchronous compiler is a `SiPolicyXmlError` carrying located diagnostics.
 */
import { UserError, type Diagnostic } from "../../diag/diagnostic.ts";

export class SiPolicyDecodeError extends UserError {
  /** Byte offset in the (unwrapped) policy where decoding failed, when known. */
  readonly offset: number | undefined;
  constructor(message: string, offset?: number, options?: { cause?: unknown }) {
    super(offset === undefined ? message : `${message} (at byte 0x${offset.toString(16)})`, [], options);
    this.name = "SiPolicyDecodeError";
    this.offset = offset;
  }
}

export class SiPolicyXmlError extends UserError {
  constructor(message: string, diagnostics: Diagnostic[]) {
    super(message, diagnostics);
    this.name = "SiPolicyXmlError";
  }
}

/** A model that cannot be encoded (a reference to an ID it does not define, a malformed value). */
export class SiPolicyModelError extends UserError {
  constructor(message: string, diagnostics: Diagnostic[] = []) {
    super(message, diagnostics);
    this.name = "SiPolicyModelError";
  }
}

/**
 * Test support for the Intune body parsers: runs a parser and returns the `GraphHttpError` it
 * throws (or undefined), so a test can assert on the status and Graph's message.
 */
import { GraphHttpError } from "../framework.ts";

export function graphErrorOf(fn: () => unknown): GraphHttpError | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof GraphHttpError) return e;
    throw e;
  }
  return undefined;
}

/** The HTTP status the parser answers with, or undefined when it accepts the input. */
export function statusOf(fn: () => unknown): number | undefined {
  return graphErrorOf(fn)?.status;
}

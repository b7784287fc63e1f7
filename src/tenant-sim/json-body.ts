/**
 * Reading a JSON request body the way a strict service does: the bytes must be UTF-8 (RFC 8259
 * §8.1; a lenient decoder would store U+FFFD in their place), strings and names must be Unicode
 * text (no lone surrogate escapes, which SQLite would also turn into U+FFFD), and nesting is
 * bounded before the text is parsed, so no later walk over the value can exhaust the stack.
 */

/**
 * Deepest nesting of arrays and objects a body may have. The local tenant's own limit (Graph
 * documents none): every Graph body holofleet and the admin tools send stays under 10 levels.
 */
export const MAX_JSON_DEPTH = 64;

export type JsonBodyProblem = "encoding" | "depth" | "syntax";

export type JsonBody = { ok: true; value: unknown } | { ok: false; problem: JsonBodyProblem; message: string };

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

class NotUnicodeText extends Error {}

/** The deepest nesting of `[` and `{` outside strings, or `limit + 1` as soon as it passes `limit`. */
function nestingDepth(text: string, limit: number): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > deepest && (deepest = depth) > limit) return deepest;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

export function parseJsonBody(bytes: Uint8Array, maxDepth = MAX_JSON_DEPTH): JsonBody {
  let text: string;
  try {
    // The decoder drops a leading byte order mark, which JSON.parse would refuse.
    text = utf8.decode(bytes);
  } catch {
    return { ok: false, problem: "encoding", message: "The request body is not valid UTF-8." };
  }
  if (nestingDepth(text, maxDepth) > maxDepth)
    return { ok: false, problem: "depth", message: `The request body nests arrays and objects more than ${maxDepth} levels deep.` };
  try {
    const value: unknown = JSON.parse(text, (key, v: unknown) => {
      if (LONE_SURROGATE.test(key) || (typeof v === "string" && LONE_SURROGATE.test(v))) throw new NotUnicodeText();
      return v;
    });
    return { ok: true, value };
  } catch (err) {
    if (err instanceof NotUnicodeText)
      return { ok: false, problem: "encoding", message: "The request body holds a string that is not Unicode text (a lone surrogate escape)." };
    return { ok: false, problem: "syntax", message: "The request body is not valid JSON." };
  }
}

/** True for `application/json` with any parameters (`charset=utf-8`, `odata.metadata=minimal`). */
export function isJsonMediaType(contentType: string): boolean {
  return contentType.split(";")[0]!.trim().toLowerCase() === "application/json";
}

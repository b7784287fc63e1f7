/**
 * Reads a JSON document against a zod schema and turns every problem into a located diagnostic
 * (`file:line:col`, the key path, what was expected): a hand-edited or truncated snapshot or evidence file
 * gets an error that points at the place, never a crash. `JSON.parse` does the parsing; only when something
 * is wrong does jsonc-parser (the parser of VS Code's JSON support) build a tree to find where, so a large
 * valid snapshot costs one parse. Pure: text in, value and diagnostics out.
 */
import { findNodeAtLocation, parse as parseTolerant, parseTree, printParseErrorCode, type Node, type ParseError } from "jsonc-parser";
import type { z } from "zod";
import { formatPath, type Diagnostic, type SourcePosition } from "../diag/diagnostic.ts";

/** At most this many schema problems are reported; the rest are counted. */
const MAX_ISSUES = 20;

export interface JsonDocumentCodes {
  /** Not JSON at all (syntax error, truncation). */
  syntax: string;
  /** JSON that does not match the schema. */
  schema: string;
}

export interface JsonDocumentResult<T> {
  value: T | null;
  diagnostics: Diagnostic[];
}

/** UTF-8 and UTF-16 byte order marks are not part of the JSON. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** 1-based line and column of a character offset. */
export function positionAt(text: string, offset: number): SourcePosition {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, col: end - lineStart + 1 };
}

/** The node at `path`, or the nearest present parent (a missing key points at the object that lacks it). */
function nearestNode(root: Node | undefined, path: readonly (string | number)[]): Node | undefined {
  if (!root) return undefined;
  for (let n = path.length; n >= 0; n--) {
    const node = findNodeAtLocation(root, path.slice(0, n) as (string | number)[]);
    if (node) return node.parent?.type === "property" && node === node.parent.children?.[1] ? node.parent : node;
  }
  return root;
}

/** Parses JSON text; a syntax error becomes one located diagnostic. */
export function parseJson(text: string, file: string, code: string, what: string): { json: unknown; diagnostics: Diagnostic[] } {
  const body = stripBom(text);
  try {
    return { json: JSON.parse(body), diagnostics: [] };
  } catch (err) {
    const errors: ParseError[] = [];
    parseTolerant(body, errors, { allowTrailingComma: false, disallowComments: true, allowEmptyContent: false });
    const first = errors[0];
    const offset = first?.offset ?? body.length;
    const reason = first ? describeParseError(printParseErrorCode(first.error), offset >= body.trimEnd().length) : (err as Error).message;
    return {
      json: undefined,
      diagnostics: [
        {
          severity: "error",
          code,
          message: `${what} is not valid JSON: ${reason}`,
          fix: offset >= body.trimEnd().length ? "The file ends early: it may be truncated; write it again in full." : "Fix the JSON at this position.",
          source: { file, start: positionAt(body, offset) },
        },
      ],
    };
  }
}

function describeParseError(code: string, atEnd: boolean): string {
  if (atEnd) return "the document ends before it is complete";
  const words: Record<string, string> = {
    InvalidSymbol: "unexpected character",
    InvalidNumberFormat: "malformed number",
    PropertyNameExpected: "a property name (in double quotes) was expected",
    ValueExpected: "a value was expected",
    ColonExpected: "a colon was expected",
    CommaExpected: "a comma was expected",
    CloseBraceExpected: "a closing brace was expected",
    CloseBracketExpected: "a closing bracket was expected",
    EndOfFileExpected: "more content after the document ended",
    InvalidCommentToken: "comments are not allowed in JSON",
    UnexpectedEndOfComment: "comments are not allowed in JSON",
    UnexpectedEndOfString: "a string is not closed",
    UnexpectedEndOfNumber: "a number is cut off",
    InvalidUnicode: "invalid \\u escape",
    InvalidEscapeCharacter: "invalid escape character",
    InvalidCharacter: "invalid character in a string",
  };
  return words[code] ?? code;
}

/** What a zod issue expected, in words. */
function issueText(issue: z.core.$ZodIssue): string {
  return issue.message;
}

/** Validates parsed JSON against `schema`; every problem (up to 20) becomes a located diagnostic. */
export function validateJson<S extends z.ZodType>(
  json: unknown,
  text: string,
  file: string,
  schema: S,
  code: string,
  what: string,
): JsonDocumentResult<z.infer<S>> {
  const result = schema.safeParse(json);
  if (result.success) return { value: result.data, diagnostics: [] };
  const issues = result.error.issues;
  return { value: null, diagnostics: locateIssues(issues.slice(0, MAX_ISSUES), Math.max(0, issues.length - MAX_ISSUES), text, file, code, what) };
}

/** Located diagnostics for zod issues (the first `MAX_ISSUES`); `more` counts the ones left out. */
export function locateIssues(issues: readonly z.core.$ZodIssue[], more: number, text: string, file: string, code: string, what: string): Diagnostic[] {
  const body = stripBom(text);
  const root = parseTree(body);
  const diagnostics: Diagnostic[] = issues.slice(0, MAX_ISSUES).map((issue) => {
    const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
    const node = nearestNode(root, path);
    const where = path.length ? formatPath(path) : "the document";
    return {
      severity: "error",
      code,
      message: `${what}: ${where}: ${issueText(issue)}`,
      path,
      source: { file, start: positionAt(body, node?.offset ?? 0) },
    };
  });
  if (more > 0) diagnostics.push({ severity: "error", code, message: `${what}: ${more} more problems not shown`, source: { file, start: { line: 1, col: 1 } } });
  return diagnostics;
}

/** `parseJson` then `validateJson`. */
export function readJsonDocument<S extends z.ZodType>(text: string, file: string, schema: S, codes: JsonDocumentCodes, what: string): JsonDocumentResult<z.infer<S>> {
  const parsed = parseJson(text, file, codes.syntax, what);
  if (parsed.diagnostics.length) return { value: null, diagnostics: parsed.diagnostics };
  return validateJson(parsed.json, text, file, schema, codes.schema, what);
}

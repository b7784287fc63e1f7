/**
 * Turns zod issues into located diagnostics: what is wrong, what was expected and what to do, at the
 * line and column of the offending key or value (or its nearest present parent when a key is missing).
 */
import type { z } from "zod";
import { formatPath, type Diagnostic } from "../diag/diagnostic.ts";
import type { YamlSourceMap } from "./source-map.ts";
import { didYouMean } from "./suggest.ts";

type Issue = z.core.$ZodIssue;
type Path = (string | number)[];

interface SchemaDef {
  type: string;
  shape?: Record<string, { _zod: { def: SchemaDef } }>;
  innerType?: { _zod: { def: SchemaDef } };
  in?: { _zod: { def: SchemaDef } };
  element?: { _zod: { def: SchemaDef } };
  options?: { _zod: { def: SchemaDef } }[];
}

/** The object definitions a value at `path` may have (through defaults, pipes, unions and arrays). */
function objectDefsAt(def: SchemaDef, path: readonly (string | number)[]): SchemaDef[] {
  switch (def.type) {
    case "default":
    case "prefault":
    case "optional":
    case "nullable":
      return def.innerType ? objectDefsAt(def.innerType._zod.def, path) : [];
    case "pipe":
      return def.in ? objectDefsAt(def.in._zod.def, path) : [];
    case "union":
      return (def.options ?? []).flatMap((o) => objectDefsAt(o._zod.def, path));
    case "array":
      return path.length && typeof path[0] === "number" && def.element ? objectDefsAt(def.element._zod.def, path.slice(1)) : [];
    case "object": {
      if (path.length === 0) return [def];
      const child = def.shape?.[String(path[0])];
      return child ? objectDefsAt(child._zod.def, path.slice(1)) : [];
    }
    default:
      return [];
  }
}

/** Keys the schema accepts at `path`, for "did you mean" on unknown keys. */
export function knownKeysAt(schema: z.ZodType, path: readonly (string | number)[]): string[] {
  const defs = objectDefsAt(schema._zod.def as unknown as SchemaDef, path);
  return [...new Set(defs.flatMap((d) => Object.keys(d.shape ?? {})))];
}

/** Text from the file as a message quotes it: whole up to 80 characters, else its start and its length. */
export function shortText(text: string, max = 80): string {
  return text.length <= max ? text : `${text.slice(0, 60)}… (${text.length} characters)`;
}

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return `the string ${JSON.stringify(shortText(value))}`;
  if (typeof value === "number") return `the number ${value}`;
  if (typeof value === "boolean") return `the boolean ${value}`;
  return typeof value;
}

function expectedName(expected: string): string {
  switch (expected) {
    case "object":
      return "a mapping (key: value lines)";
    case "array":
      return "a list (`- item` lines or `[a, b]`)";
    case "boolean":
      return "true or false";
    default:
      return `a ${expected}`;
  }
}

function keyLabel(path: Path): string {
  return path.length ? `\`${formatPath(path)}\`` : "the blueprint";
}

/** YAML 1.2 reads these as text, not as booleans (YAML 1.1 did): a common surprise. */
const YAML11_BOOLEANS: Record<string, boolean> = { yes: true, no: false, on: true, off: false, y: true, n: false };

/** What to write instead of a value of the wrong type, when there is something specific to say. */
function typeFix(expected: string, input: unknown): string | undefined {
  if (expected === "string" && (typeof input === "number" || typeof input === "boolean")) {
    return "Quote the value so YAML reads it as text.";
  }
  if (expected === "boolean" && typeof input === "string" && input.toLowerCase() in YAML11_BOOLEANS) {
    return `YAML reads \`${input}\` as text: write ${YAML11_BOOLEANS[input.toLowerCase()]}.`;
  }
  if (expected === "number" && typeof input === "string") return "Write a plain number, without quotes or units.";
  if (expected === "array" && (typeof input === "string" || typeof input === "number")) {
    return `Write a list, e.g. [${String(input)}].`;
  }
  if (expected === "object" && Array.isArray(input)) return "Write `key: value` lines under the key instead of `- item` lines.";
  return undefined;
}

/** Picks the union branch the user most likely meant: the one that did not fail on the value's type. */
function bestUnionBranch(issue: Extract<Issue, { code: "invalid_union" }>): Issue[] | null {
  const meaningful = issue.errors.filter(
    (branch) => !(branch.length === 1 && branch[0]!.code === "invalid_type" && branch[0]!.path.length === 0),
  );
  return meaningful.length === 1 ? meaningful[0]! : null;
}

export function issueToDiagnostics(issue: Issue, file: string, src: YamlSourceMap, schema: z.ZodType): Diagnostic[] {
  const path = issue.path.map((p) => (typeof p === "symbol" ? String(p) : p)) as Path;
  const make = (
    code: string,
    message: string,
    fix: string | undefined,
    where = src.locate(path),
    at: Path = path,
  ): Diagnostic => ({
    severity: "error",
    code,
    message,
    ...(fix ? { fix } : {}),
    source: { file, start: where },
    path: at,
  });

  switch (issue.code) {
    case "unrecognized_keys": {
      const known = knownKeysAt(schema, path);
      return issue.keys.map((key) => {
        const keyPath = [...path, key];
        return make(
          "HF1010",
          `unknown key \`${shortText(key)}\` in ${keyLabel(path)}.${didYouMean(key, known)}`,
          known.length ? `Allowed keys: ${known.join(", ")}. Remove or rename the key.` : "Remove the key.",
          src.locateKey(keyPath),
          keyPath,
        );
      });
    }
    case "invalid_type": {
      if (!src.has(path)) {
        const parent = path.slice(0, -1);
        return [
          make(
            "HF1011",
            `required key \`${String(path[path.length - 1])}\` is missing in ${keyLabel(parent)}`,
            `Add \`${String(path[path.length - 1])}:\` with ${expectedName(issue.expected)}.`,
            src.locateKey(path),
          ),
        ];
      }
      return [
        make("HF1012", `${keyLabel(path)} is ${typeName(issue.input)}; expected ${expectedName(issue.expected)}`, typeFix(issue.expected, issue.input)),
      ];
    }
    case "invalid_value": {
      const allowed = issue.values.map((v) => String(v));
      const given = typeName(issue.input);
      return [
        make(
          "HF1013",
          `${keyLabel(path)} is ${given}; expected ${allowed.length === 1 ? allowed[0] : `one of ${allowed.join(", ")}`}.${typeof issue.input === "string" ? didYouMean(issue.input, allowed) : ""}`,
          undefined,
        ),
      ];
    }
    case "too_small":
    case "too_big": {
      const bound = issue.code === "too_small" ? issue.minimum : issue.maximum;
      const word = issue.code === "too_small" ? "at least" : "at most";
      const what =
        issue.origin === "array"
          ? `${bound} ${Number(bound) === 1 ? "entry" : "entries"}`
          : issue.origin === "string"
            ? `${bound} characters`
            : String(bound);
      const fix =
        issue.origin === "array"
          ? issue.code === "too_small"
            ? "Add entries to the list."
            : "Remove entries from the list."
          : issue.origin === "string"
            ? issue.code === "too_small"
              ? "Write a longer value."
              : "Shorten the value."
            : `Use a value of ${word} ${bound}.`;
      return [make("HF1014", `${keyLabel(path)} is ${typeName(issue.input)}; must be ${word} ${what}`, fix)];
    }
    case "invalid_format":
      return [make("HF1015", `${keyLabel(path)} is ${typeName(issue.input)}; ${issue.message}`, undefined)];
    case "custom": {
      const params = (issue.params ?? {}) as { hf?: string; fix?: string; why?: string };
      const diagnostic = make(params.hf ?? "HF1019", `${keyLabel(path)}: ${issue.message}`, params.fix);
      return [params.why ? { ...diagnostic, why: params.why } : diagnostic];
    }
    case "invalid_union": {
      const branch = bestUnionBranch(issue);
      if (branch) {
        return branch.flatMap((inner) =>
          issueToDiagnostics({ ...inner, path: [...issue.path, ...inner.path] } as Issue, file, src, schema),
        );
      }
      const expected = issue.errors
        .map((b) => b[0])
        .filter((i): i is Extract<Issue, { code: "invalid_type" }> => i?.code === "invalid_type")
        .map((i) => expectedName(i.expected));
      return [make("HF1012", `${keyLabel(path)} is ${typeName(issue.input)}; expected ${expected.join(" or ")}`, undefined)];
    }
    default:
      return [make("HF1019", `${keyLabel(path)}: ${issue.message}`, undefined)];
  }
}

/**
 * Loads a blueprint: YAML (with source positions) → each section (each `devices` subsection) against its
 * zod schema, with defaults → every semantic check whose sections are valid. Every problem is collected in one pass and returned as a
 * located diagnostic; nothing here throws for bad input.
 * `loadBlueprint` is pure; `loadBlueprintFile` is the thin shell that reads the file.
 */
import { open } from "node:fs/promises";
import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type YAMLError, type YAMLMap } from "yaml";
import { hasErrors, sortDiagnostics, type Diagnostic } from "../diag/diagnostic.ts";
import { runChecks } from "./checks/index.ts";
import { findDuplicateKeys } from "./duplicate-keys.ts";
import { parseSections } from "./parse-sections.ts";
import { retiredKey } from "./schema/retired-keys.ts";
import { blueprintInputSchema } from "./schema/blueprint.ts";
import { issueToDiagnostics } from "./issues.ts";
import { createSourceMap, type YamlSourceMap } from "./source-map.ts";
import type { Blueprint } from "./types.ts";

export interface LoadResult {
  /** The normalized blueprint, or null when any diagnostic is an error. */
  blueprint: Blueprint | null;
  sourceMap: YamlSourceMap;
  diagnostics: Diagnostic[];
}

const YAML_CODES: Partial<Record<YAMLError["code"], string>> = {
  DUPLICATE_KEY: "HF1002",
  TAB_AS_INDENT: "HF1003",
};

const YAML_FIXES: Partial<Record<YAMLError["code"], string>> = {
  DUPLICATE_KEY: "Each key may appear once in a mapping: merge the two entries or remove one.",
  TAB_AS_INDENT: "YAML indentation must use spaces: replace the tab with spaces.",
  BAD_INDENT: "Check the indentation and closing brackets here: keys of one mapping start in the same column.",
};

function yamlDiagnostic(err: YAMLError, file: string, lc: LineCounter, severity: "error" | "warning"): Diagnostic {
  const fix = YAML_FIXES[err.code] ?? "Fix the YAML syntax at this position.";
  // The yaml package appends a source excerpt to its messages; keep the first line only.
  const message = err.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
  return {
    severity,
    code: YAML_CODES[err.code] ?? "HF1001",
    message: `YAML: ${message}`,
    fix,
    source: { file, start: lc.linePos(err.pos[0]) },
  };
}

/**
 * Numeric-looking scalars where the schema wants text: YAML reads `osBaseline: 22621.1120` as the
 * float 22621.112 and serial `0042` as 42. Using the scalar's source text keeps what the user wrote.
 */
function keepNumericSourceText(doc: Document): void {
  const asText = (node: unknown): void => {
    if (isScalar(node) && typeof node.value === "number" && typeof node.source === "string") node.value = node.source;
  };
  asText(doc.getIn(["devices", "osBaseline"], true));
  const clients = doc.getIn(["clients"], true);
  if (!isSeq(clients)) return;
  for (const client of clients.items) {
    if (!isMap(client)) continue;
    const accounts = client.get("accounts", true);
    if (!isSeq(accounts)) continue;
    for (const account of accounts.items) {
      asText(account);
      if (!isMap(account)) continue;
      const devices = account.get("devices", true);
      if (isSeq(devices)) devices.items.forEach(asText);
    }
  }
}

/** Parses and validates blueprint text. `file` is only used in diagnostics. */
export function loadBlueprint(text: string, file: string): LoadResult {
  // Callers with text from elsewhere (not loadBlueprintFile) get the same bound on memory.
  if (text.length > MAX_BLUEPRINT_BYTES || Buffer.byteLength(text, "utf8") > MAX_BLUEPRINT_BYTES) {
    return { ...loadBlueprint("", file), diagnostics: [tooLarge(file, Buffer.byteLength(text, "utf8"))] };
  }
  const lineCounter = new LineCounter();
  // Duplicate keys are found by findDuplicateKeys: the yaml package's own check is quadratic.
  const parsed = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  const documents = Array.isArray(parsed) ? parsed : [];
  for (const d of documents) for (const err of findDuplicateKeys(d)) d.errors.push(err);
  const doc = documents[0] ?? null;
  const sourceMap = createSourceMap(file, doc, lineCounter);
  const diagnostics: Diagnostic[] = [];
  const done = (blueprint: Blueprint | null): LoadResult => ({
    blueprint,
    sourceMap,
    diagnostics: orderedUnique(diagnostics),
  });

  for (const extra of documents.slice(1)) {
    diagnostics.push({
      severity: "error",
      code: "HF1005",
      message: "a blueprint file holds one YAML document; found another after `---`",
      fix: "Put each blueprint in its own file.",
      source: { file, start: lineCounter.linePos(extra.range[0]) },
    });
  }
  for (const d of documents) {
    for (const err of d.errors) diagnostics.push(yamlDiagnostic(err, file, lineCounter, "error"));
    for (const warn of d.warnings) diagnostics.push(yamlDiagnostic(warn, file, lineCounter, "warning"));
  }
  // A broken YAML tree gives misleading schema errors; duplicate keys leave the tree usable (their
  // sections are only reported, not checked).
  const structural = doc?.errors.some((e) => e.code !== "DUPLICATE_KEY") ?? false;
  if (structural || documents.length > 1) return done(null);

  if (!doc || !isMap(doc.contents)) {
    diagnostics.push({
      severity: "error",
      code: "HF1004",
      message: doc?.contents ? "the blueprint must be a mapping of sections (apiVersion, metadata, tenant, …)" : "the blueprint is empty",
      fix: "Start from examples/minimal.holofleet.yaml or run `holofleet schema` for the full structure.",
      source: { file, start: sourceMap.locate([]) },
    });
    return done(null);
  }

  keepNumericSourceText(doc);
  let input: unknown;
  try {
    input = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    // toJS throws (rather than reporting) on alias expansion beyond maxAliasCount ("billion laughs").
    diagnostics.push({
      severity: "error",
      code: "HF1001",
      message: `YAML: ${(err as Error).message}`,
      fix: "Use fewer YAML aliases (*name); write the values out instead.",
      source: { file, start: sourceMap.locate([]) },
    });
    return done(null);
  }
  const sectioned = parseSections(input as Record<string, unknown>, sectionsWithDuplicateKeys(doc));
  // Loops, not push(...list): one issue may hold 100,000 unknown keys, more arguments than a call takes.
  for (const issue of sectioned.issues) {
    for (const d of issueToDiagnostics(issue, file, sourceMap, blueprintInputSchema)) diagnostics.push(d);
  }
  for (const { path, value } of sectioned.retired) {
    const { severity, message, why, fix } = retiredKey(path).explain(value);
    diagnostics.push({ severity, code: "HF1030", message, why, fix, source: { file, start: sourceMap.locateKey(path) }, path });
  }
  // Every check whose sections (and devices subsections) are valid runs, even when others have errors.
  for (const d of runChecks(sectioned.sections, sourceMap, { acknowledgeValid: sectioned.acknowledgeValid })) diagnostics.push(d);
  // Only a blueprint without errors goes on to the compiler; warnings travel with it.
  return done(hasErrors(diagnostics) ? null : sectioned.blueprint);
}

/**
 * Sections that hold a duplicate key (or are one): the YAML parser keeps one of the values, so what the
 * section says is ambiguous and no check should rely on it. Inside `devices` the ambiguity is narrowed to
 * the subsection (`devices.kiosk`), like schema errors, so the other subsections are still checked.
 */
function sectionsWithDuplicateKeys(doc: Document): Set<string> {
  const sections = new Set<string>();
  if (!isMap(doc.contents)) return sections;
  for (const err of doc.errors) {
    if (err.code !== "DUPLICATE_KEY") continue;
    const offset = err.pos[0];
    for (const { name, value } of pairsAround(doc.contents, offset)) {
      const inner = name === "devices" && isMap(value) ? pairsAround(value, offset) : [];
      // The duplicate is a subsection key or inside one; otherwise it is `devices` itself.
      if (inner.length > 0) for (const sub of inner) sections.add(`devices.${sub.name}`);
      else sections.add(name);
    }
  }
  return sections;
}

/** The pairs of `map` whose key or value spans `offset`, by key name. */
function pairsAround(map: YAMLMap, offset: number): { name: string; value: unknown }[] {
  return map.items.flatMap((pair) => {
    const key = pair.key;
    if (!isScalar(key) || !key.range) return [];
    const value = pair.value as { range?: [number, number, number] } | null;
    const end = value?.range?.[2] ?? key.range[2];
    return offset >= key.range[0] && offset <= end ? [{ name: String(key.value), value: pair.value }] : [];
  });
}

/** Drops repeated diagnostics (same place, code and message) and orders the rest deterministically. */
function orderedUnique(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  const unique = diagnostics.filter((d) => {
    const key = JSON.stringify([d.source?.file, d.source?.start.line, d.source?.start.col, d.code, d.message]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  // Messages break ties at one place and code; sortDiagnostics is stable, so that order survives.
  return sortDiagnostics([...unique].sort((a, b) => (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)));
}

/**
 * The largest blueprint holofleet reads, in bytes (UTF-8). Memory grows with the file (the YAML tree, the
 * values and every diagnostic): 4 MiB keeps a run well under 1 GB, and is room for about 15,000 clients
 * with two accounts and three devices each. docs/blueprint.md ("Limits") says the same.
 */
export const MAX_BLUEPRINT_BYTES = 4 * 1024 * 1024;

/** `size` says how large: the file's size, or "over the limit" when it was read from a stream. */
function tooLarge(file: string, size: number | null): Diagnostic {
  const limit = `${MAX_BLUEPRINT_BYTES / 1024 / 1024} MiB (${MAX_BLUEPRINT_BYTES} bytes)`;
  return {
    severity: "error",
    code: "HF9005",
    message: `blueprint ${file} is ${size === null ? "larger than" : `${size} bytes, over`} the limit of ${limit}`,
    fix: "Check that this is the blueprint you meant; the limit keeps memory bounded (docs/blueprint.md, Limits).",
    source: { file, start: { line: 1, col: 1 } },
  };
}

/**
 * The file's text, or its size when that is over MAX_BLUEPRINT_BYTES (null when it has no size, as a FIFO
 * or device: reading is bounded too, so such a file is never read whole either).
 */
async function readBounded(path: string): Promise<{ text: string } | { tooLarge: number | null }> {
  const handle = await open(path, "r");
  try {
    const { size } = await handle.stat();
    if (size > MAX_BLUEPRINT_BYTES) return { tooLarge: size };
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(64 * 1024);
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > MAX_BLUEPRINT_BYTES) return { tooLarge: null };
      chunks.push(chunk.subarray(0, bytesRead));
    }
    return { text: Buffer.concat(chunks, total).toString("utf8") };
  } finally {
    await handle.close();
  }
}

/**
 * Reads and loads a blueprint file; a missing or unreadable file is a diagnostic (HF9001), a file over
 * MAX_BLUEPRINT_BYTES another (HF9005) — both returned, not thrown, and the large file is never read whole.
 */
export async function loadBlueprintFile(path: string): Promise<LoadResult> {
  let read: Awaited<ReturnType<typeof readBounded>>;
  try {
    read = await readBounded(path);
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === "ENOENT" ? "file not found" : (err as Error).message;
    const result = loadBlueprint("", path);
    return {
      ...result,
      diagnostics: [
        {
          severity: "error",
          code: "HF9001",
          message: `cannot read blueprint ${path}: ${reason}`,
          fix: "Check the path, e.g. `holofleet validate examples/minimal.holofleet.yaml`.",
        },
      ],
    };
  }
  if ("tooLarge" in read) return { ...loadBlueprint("", path), diagnostics: [tooLarge(path, read.tooLarge)] };
  return loadBlueprint(read.text, path);
}

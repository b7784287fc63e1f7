/**
 * `parseSnapshot(text, file)`: a snapshot file → a validated `TenantSnapshot`, or located diagnostics
 * (HF6001 not JSON, HF6002 wrong shape, HF6003 a format version this holofleet does not read). Pure.
 * Memory matters at fleet scale (tens of megabytes of JSON): zod returns a copy of what it parses, so the
 * document's shell is validated first and then each entity on its own, keeping the parsed JSON itself (the
 * entity schemas neither default nor transform, so what they accept is what they would return).
 */
import type { z } from "zod";
import type { Diagnostic } from "../../diag/diagnostic.ts";
import { locateIssues, parseJson, positionAt, stripBom, validateJson } from "../json-document.ts";
import { SNAPSHOT_COLLECTIONS, SNAPSHOT_FORMAT_VERSION, snapshotShellSchema, type TenantSnapshot } from "./schema.ts";

/** Stop collecting after this many problems (the rest are counted). */
const MAX_ISSUES = 20;

export interface SnapshotLoadResult {
  snapshot: TenantSnapshot | null;
  diagnostics: Diagnostic[];
}

export function parseSnapshot(text: string, file: string): SnapshotLoadResult {
  const parsed = parseJson(text, file, "HF6001", "the snapshot");
  if (parsed.diagnostics.length) return { snapshot: null, diagnostics: parsed.diagnostics };
  const json = parsed.json as Record<string, unknown> | null;
  if (json !== null && typeof json === "object" && !Array.isArray(json) && json.formatVersion !== undefined && json.formatVersion !== SNAPSHOT_FORMAT_VERSION) {
    const body = stripBom(text);
    const at = body.indexOf('"formatVersion"');
    return {
      snapshot: null,
      diagnostics: [
        {
          severity: "error",
          code: "HF6003",
          message: `the snapshot has formatVersion ${JSON.stringify(json.formatVersion)}; this holofleet reads formatVersion ${SNAPSHOT_FORMAT_VERSION}`,
          fix: "Take the snapshot again with this version of holofleet, or audit it with the version that wrote it.",
          path: ["formatVersion"],
          source: { file, start: positionAt(body, Math.max(at, 0)) },
        },
      ],
    };
  }
  const shell = validateJson(parsed.json, text, file, snapshotShellSchema, "HF6002", "the snapshot");
  if (!shell.value) return { snapshot: null, diagnostics: shell.diagnostics };
  const issues: z.core.$ZodIssue[] = [];
  let more = 0;
  for (const [key, schema] of Object.entries(SNAPSHOT_COLLECTIONS)) {
    const list = json![key] as unknown[];
    for (let i = 0; i < list.length; i++) {
      const r = (schema as z.ZodType).safeParse(list[i]);
      if (r.success) continue;
      for (const issue of r.error.issues) {
        if (issues.length < MAX_ISSUES) issues.push({ ...issue, path: [key, i, ...issue.path] });
        else more++;
      }
    }
  }
  if (issues.length) return { snapshot: null, diagnostics: locateIssues(issues, more, text, file, "HF6002", "the snapshot") };
  // The shell carries the normalized small parts (evidence); the collections are the parsed JSON's own.
  const snapshot = { ...shell.value } as Record<string, unknown>;
  for (const key of Object.keys(SNAPSHOT_COLLECTIONS)) snapshot[key] = json![key];
  return { snapshot: snapshot as TenantSnapshot, diagnostics: [] };
}

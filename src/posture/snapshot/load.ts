/**
 * `parseSnapshot(text, file)`: a snapshot file → a validated `TenantSnapshot`, or located diagnostics
 * (HF6001 not JSON, HF6002 wrong shape, HF6003 a format version this holofleet does not read). Pure.
 */
import type { Diagnostic } from "../../diag/diagnostic.ts";
import { parseJson, positionAt, stripBom, validateJson } from "../json-document.ts";
import { SNAPSHOT_FORMAT_VERSION, snapshotSchema, type TenantSnapshot } from "./schema.ts";

export interface SnapshotLoadResult {
  snapshot: TenantSnapshot | null;
  diagnostics: Diagnostic[];
}

export function parseSnapshot(text: string, file: string): SnapshotLoadResult {
  const parsed = parseJson(text, file, "HF6001", "the snapshot");
  if (parsed.diagnostics.length) return { snapshot: null, diagnostics: parsed.diagnostics };
  const json = parsed.json as { formatVersion?: unknown } | null;
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
  const { value, diagnostics } = validateJson(parsed.json, text, file, snapshotSchema, "HF6002", "the snapshot");
  return { snapshot: value, diagnostics };
}

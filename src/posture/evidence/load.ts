/**
 * Evidence files → the snapshot's `evidence`. A file is recognised by its name (`organization-segments.json`,
 * …; see `kinds.ts`) or, under another name, by a property only its kind prints; then checked against what
 * its command prints. Every problem is a located diagnostic (HF6010–HF6013). Pure: text in.
 */
import type { Diagnostic } from "../../diag/diagnostic.ts";
import { parseJson, validateJson } from "../json-document.ts";
import { EVIDENCE_KINDS } from "./kinds.ts";
import { evidenceParts, type Evidence, type EvidenceKind } from "./schema.ts";

export interface EvidenceFile {
  file: string;
  text: string;
}

const KINDS = Object.keys(EVIDENCE_KINDS) as EvidenceKind[];

function baseName(file: string): string {
  return file.split(/[\\/]/).pop()!.toLowerCase();
}

/** The kind of an evidence file by its name, else by a property only that kind's entries carry. */
export function evidenceKindOf(file: string, json: unknown): EvidenceKind | null {
  const byName = KINDS.find((k) => EVIDENCE_KINDS[k].fileName === baseName(file));
  if (byName) return byName;
  const first = Array.isArray(json) ? json[0] : json;
  if (first === null || typeof first !== "object") return null;
  const keys = new Set(Object.keys(first as object));
  return KINDS.find((k) => keys.has(EVIDENCE_KINDS[k].signature)) ?? null;
}

export interface EvidenceLoadResult {
  evidence: Evidence;
  /** Which file each kind came from. */
  sources: Partial<Record<EvidenceKind, string>>;
  diagnostics: Diagnostic[];
}

/** Reads evidence files over `base` (the snapshot's own evidence); a file replaces the kind it holds. */
export function loadEvidence(files: readonly EvidenceFile[], base: Evidence = {}): EvidenceLoadResult {
  const evidence: Evidence = { ...base };
  const sources: Partial<Record<EvidenceKind, string>> = {};
  const diagnostics: Diagnostic[] = [];
  for (const { file, text } of files) {
    const parsed = parseJson(text, file, "HF6010", "the evidence file");
    if (parsed.diagnostics.length) {
      diagnostics.push(...parsed.diagnostics);
      continue;
    }
    const kind = evidenceKindOf(file, parsed.json);
    if (!kind) {
      diagnostics.push({
        severity: "error",
        code: "HF6012",
        message: `${file} is not an evidence file holofleet knows`,
        fix: `Name it after its kind (${KINDS.map((k) => EVIDENCE_KINDS[k].fileName).join(", ")}) and collect it with the command holofleet prints for that kind.`,
        source: { file, start: { line: 1, col: 1 } },
      });
      continue;
    }
    if (sources[kind]) {
      diagnostics.push({ severity: "error", code: "HF6013", message: `${file} and ${sources[kind]} both hold ${EVIDENCE_KINDS[kind].title}`, fix: "Give one file per kind.", source: { file, start: { line: 1, col: 1 } } });
      continue;
    }
    const checked = validateJson(parsed.json, text, file, evidenceParts[kind], "HF6011", `${EVIDENCE_KINDS[kind].title} (${EVIDENCE_KINDS[kind].fileName})`);
    if (checked.diagnostics.length) {
      diagnostics.push(...checked.diagnostics.map((d) => ({ ...d, fix: d.fix ?? `Collect it again with: ${EVIDENCE_KINDS[kind].command}` })));
      continue;
    }
    sources[kind] = file;
    (evidence as Record<EvidenceKind, unknown>)[kind] = checked.value;
  }
  return { evidence, sources, diagnostics };
}

/**
 * The audit use case, shared by the CLI and (later) the console: plain inputs in, the audit result, its
 * report meta and diagnostics out, progress as events. `audit()` is pure — the snapshot, blueprint and
 * evidence arrive as text; `readAuditInputs()` is the thin I/O step that reads them from files (UTF-8 or
 * UTF-16 with a byte order mark, as PowerShell writes). A live audit reads the tenant into the same snapshot
 * (`snapshot.ts`) and calls the same `audit()`.
 */
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { loadBlueprint } from "../blueprint/load.ts";
import type { Blueprint } from "../blueprint/types.ts";
import { hasErrors, type Diagnostic } from "../diag/diagnostic.ts";
import { EVIDENCE_KINDS } from "../posture/evidence/kinds.ts";
import { loadEvidence, type EvidenceFile } from "../posture/evidence/load.ts";
import type { EffectivePosture } from "../posture/effective/evaluate.ts";
import type { LoanExpectation } from "../posture/program.ts";
import { allRules, rules } from "../posture/rules/index.ts";
import type { AuditResult } from "../posture/rules/types.ts";
import { runAudit } from "../posture/run-audit.ts";
import { parseSnapshot, type SnapshotLoadResult } from "../posture/snapshot/load.ts";
import type { ReportMeta } from "../report/meta.ts";
import { deviceReachOf, type DeviceReach } from "./device-reach.ts";

export interface TextFile {
  file: string;
  text: string;
}

/** A snapshot already read and parsed (its text, tens of megabytes for a large fleet, already dropped). */
export interface ParsedSnapshotFile {
  file: string;
  parsed: SnapshotLoadResult;
}

export interface AuditInput {
  snapshot: TextFile | ParsedSnapshotFile;
  blueprint?: TextFile | null;
  evidence?: readonly TextFile[];
  /** Loans from the fleet store (planned); they win over the blueprint's loan lengths. */
  loans?: readonly LoanExpectation[];
  toolVersion: string;
  /** Also keep which profiles reach each device (`AuditOutcome.reach`, for the console). */
  withReach?: boolean;
}

export type AuditEvent =
  | { type: "snapshot-read"; file: string; takenAt: string; devices: number; users: number }
  | { type: "blueprint-read"; file: string; warnings: number }
  | { type: "evidence-read"; file: string; kind: string }
  | { type: "audited"; results: number; failures: number };

export interface AuditOutcome {
  /** Null when an input has errors (see `diagnostics`). */
  result: AuditResult | null;
  meta: ReportMeta | null;
  /** Input problems (errors stop the audit) and blueprint warnings. */
  diagnostics: Diagnostic[];
  /** Which profiles reach each device, by upper-case serial (only when `withReach` was asked). */
  reach?: Map<string, DeviceReach>;
}

export function audit(input: AuditInput, onEvent: (e: AuditEvent) => void = () => {}): AuditOutcome {
  const diagnostics: Diagnostic[] = [];
  const { snapshot, diagnostics: snapshotProblems } = "parsed" in input.snapshot ? input.snapshot.parsed : parseSnapshot(input.snapshot.text, input.snapshot.file);
  diagnostics.push(...snapshotProblems);
  if (snapshot) onEvent({ type: "snapshot-read", file: input.snapshot.file, takenAt: snapshot.takenAt, devices: snapshot.managedDevices.length, users: snapshot.users.length });

  let blueprint: Blueprint | null = null;
  let locate: ReportMeta["blueprint"] = null;
  if (input.blueprint) {
    const loaded = loadBlueprint(input.blueprint.text, input.blueprint.file);
    diagnostics.push(...loaded.diagnostics);
    if (loaded.blueprint) {
      blueprint = loaded.blueprint;
      locate = { file: input.blueprint.file, locate: (p) => loaded.sourceMap.locate(p) };
      onEvent({ type: "blueprint-read", file: input.blueprint.file, warnings: loaded.diagnostics.length });
    } else {
      diagnostics.push({ severity: "error", code: "HF6021", message: `${input.blueprint.file} has errors; the audit holds the tenant to a valid blueprint`, fix: "Fix the errors above (`holofleet validate` shows them), or audit without --blueprint against the guide's defaults." });
    }
  }

  const evidence = loadEvidence(input.evidence ?? [], snapshot?.evidence ?? {});
  diagnostics.push(...evidence.diagnostics);
  for (const [kind, file] of Object.entries(evidence.sources)) onEvent({ type: "evidence-read", file: file!, kind });

  if (!snapshot || hasErrors(diagnostics)) return { result: null, meta: null, diagnostics };
  let reach: Map<string, DeviceReach> | undefined;
  const onPosture = input.withReach ? (posture: EffectivePosture) => (reach = deviceReachOf(posture)) : undefined;
  const result = runAudit({ snapshot: { ...snapshot, evidence: evidence.evidence }, blueprint, blueprintFile: input.blueprint?.file ?? null, loans: input.loans, rules: allRules, onPosture });
  onEvent({ type: "audited", results: result.results.length, failures: result.summary.byStatus.fail });
  const meta: ReportMeta = { rules: Object.fromEntries(Object.entries(rules).map(([id, r]) => [id, r.meta])), toolVersion: input.toolVersion, blueprint: locate };
  return { result, meta, diagnostics, ...(reach && { reach }) };
}

/** Text from bytes: UTF-8 (BOM or not) or UTF-16 with a BOM. */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  return new TextDecoder("utf-8").decode(bytes);
}

export interface AuditFiles {
  /** Null for a live audit: the snapshot comes from the tenant (`snapshot.ts`), the other files from here. */
  snapshot: string | null;
  blueprint?: string | null;
  /** Evidence files, or folders holding them under their usual names. */
  evidence?: readonly string[];
}

/**
 * Reads the audit's files; a file that cannot be read is a located diagnostic, not a throw. The snapshot is
 * parsed as soon as it is read, so its text does not stay in memory during the audit.
 */
export async function readAuditInputs(files: AuditFiles): Promise<{ input: (Omit<AuditInput, "toolVersion" | "snapshot"> & { snapshot: AuditInput["snapshot"] | null }) | null; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  const read = async (file: string, code: string, what: string): Promise<TextFile | null> => {
    try {
      return { file, text: decodeText(new Uint8Array(await readFile(file))) };
    } catch (err) {
      const reason = (err as NodeJS.ErrnoException).code === "ENOENT" ? "file not found" : (err as NodeJS.ErrnoException).code ?? (err as Error).message;
      diagnostics.push({ severity: "error", code, message: `cannot read ${what} ${file}: ${reason}` });
      return null;
    }
  };
  const snapshotFile = files.snapshot;
  const snapshot = await (async (): Promise<ParsedSnapshotFile | null> => {
    if (snapshotFile === null) return null;
    const f = await read(snapshotFile, "HF6004", "the snapshot");
    return f ? { file: f.file, parsed: parseSnapshot(f.text, f.file) } : null;
  })();
  const blueprint = files.blueprint ? await read(files.blueprint, "HF9001", "the blueprint") : null;
  const evidence: EvidenceFile[] = [];
  const known = new Set(Object.values(EVIDENCE_KINDS).map((k) => k.fileName));
  for (const entry of files.evidence ?? []) {
    let isDir = false;
    try {
      isDir = (await stat(entry)).isDirectory();
    } catch {
      // Not there: read() below reports it.
    }
    if (!isDir) {
      const f = await read(entry, "HF6014", "the evidence file");
      if (f) evidence.push(f);
      continue;
    }
    const names = (await readdir(entry)).filter((n) => known.has(n.toLowerCase())).sort();
    if (names.length === 0) diagnostics.push({ severity: "warning", code: "HF6014", message: `${entry} holds no evidence file (${[...known].join(", ")})` });
    for (const name of names) {
      const f = await read(path.join(entry, name), "HF6014", "the evidence file");
      if (f) evidence.push(f);
    }
  }
  if ((snapshotFile !== null && !snapshot) || (files.blueprint && !blueprint) || hasErrors(diagnostics)) return { input: null, diagnostics };
  return { input: { snapshot, blueprint, evidence }, diagnostics };
}

/**
 * `manifest.json`: one entry per artifact with its kind, file, OMA-URI and Graph data type (for the
 * artifacts Intune takes as one custom setting) and SHA-256, sorted by file. It carries no timestamp,
 * so the same blueprint always gives the same manifest, and a `format` marker, so that a later compile
 * can tell holofleet's own output from another tool's `manifest.json` before replacing a folder.
 */
import { createHash } from "node:crypto";
import { canonicalJson } from "./canonical-json.ts";
import type { Artifact } from "./types.ts";

export const MANIFEST_FILE = "manifest.json";
export const MANIFEST_FORMAT_VERSION = 1;
/** The marker that makes a folder holofleet's compile output (and so replaceable by the next compile). */
export const MANIFEST_FORMAT = "holofleet-compile-output";

export interface ManifestEntry {
  file: string;
  kind: Artifact["kind"];
  description: string;
  omaUri?: string;
  dataType?: string;
  sha256: string;
  bytes: number;
}

export function artifactBytes(content: string | Uint8Array): Uint8Array {
  return typeof content === "string" ? new TextEncoder().encode(content) : content;
}

export function sha256Hex(content: string | Uint8Array): string {
  return createHash("sha256").update(artifactBytes(content)).digest("hex");
}

export function buildManifest(blueprintName: string, artifacts: readonly Artifact[]): Artifact {
  const entries: ManifestEntry[] = artifacts
    .filter((a) => a.kind !== "manifest")
    .map((a) => ({
      file: a.file,
      kind: a.kind,
      description: a.description,
      ...(a.omaUri ? { omaUri: a.omaUri } : {}),
      ...(a.dataType ? { dataType: a.dataType } : {}),
      sha256: sha256Hex(a.content),
      bytes: artifactBytes(a.content).byteLength,
    }))
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return {
    kind: "manifest",
    file: MANIFEST_FILE,
    description: "Every artifact with its kind, OMA-URI, data type and SHA-256.",
    content: canonicalJson({ format: MANIFEST_FORMAT, formatVersion: MANIFEST_FORMAT_VERSION, blueprint: blueprintName, artifacts: entries }),
  };
}

/** The files a holofleet manifest lists (manifest.json included), or why the text is not one. */
export type ManifestListing = { files: string[] } | { notOurs: string };

/** Reads back a `manifest.json` found on disk: only one carrying holofleet's `format` marker lists files. */
export function readManifestListing(text: string): ManifestListing {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { notOurs: `its ${MANIFEST_FILE} is not JSON` };
  }
  const manifest = parsed as { format?: unknown; artifacts?: unknown } | null;
  if (typeof manifest !== "object" || manifest === null || manifest.format !== MANIFEST_FORMAT) {
    return { notOurs: `its ${MANIFEST_FILE} is not holofleet's (no "format": "${MANIFEST_FORMAT}")` };
  }
  const artifacts = Array.isArray(manifest.artifacts) ? (manifest.artifacts as { file?: unknown }[]) : null;
  if (!artifacts || artifacts.some((a) => typeof a?.file !== "string")) {
    return { notOurs: `its ${MANIFEST_FILE} has no list of artifact files` };
  }
  return { files: [MANIFEST_FILE, ...artifacts.map((a) => a.file as string)] };
}

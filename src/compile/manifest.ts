/**
 * `manifest.json`: one entry per artifact with its kind, file, OMA-URI and Graph data type (for the
 * artifacts Intune takes as one custom setting) and SHA-256, sorted by file. It carries no timestamp,
 * so the same blueprint always gives the same manifest.
 */
import { createHash } from "node:crypto";
import { canonicalJson } from "./canonical-json.ts";
import type { Artifact } from "./types.ts";

export const MANIFEST_FILE = "manifest.json";
export const MANIFEST_FORMAT_VERSION = 1;

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
    content: canonicalJson({ formatVersion: MANIFEST_FORMAT_VERSION, blueprint: blueprintName, artifacts: entries }),
  };
}

/**
 * A file of the reference folder as the catalog generator sees it: its path relative to the folder,
 * its text and the SHA-256 of its bytes. Every generated record cites one of these.
 */
import { createHash } from "node:crypto";
import type { CatalogSource } from "../../src/catalog/types.ts";

export interface ReferenceFile {
  /** Path relative to the reference folder, with `/` separators. */
  path: string;
  /** UTF-8 text with a leading byte-order mark removed. */
  text: string;
  sha256: string;
}

/** Reads one reference file by relative path; the shell passes a disk reader, tests an in-memory one. */
export type ReferenceReader = (path: string) => ReferenceFile;

export function referenceFile(path: string, bytes: Uint8Array): ReferenceFile {
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const text = Buffer.from(bytes).toString("utf8").replace(/^\uFEFF/, "");
  return { path, text, sha256 };
}

export function sourceOf(file: ReferenceFile): CatalogSource {
  return { file: file.path, sha256: file.sha256 };
}

/** 1-based line number of a character offset, for error messages that point into a reference file. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** A reference file that does not say what the generator expects: fail loudly rather than guess. */
export class ReferenceFormatError extends Error {
  constructor(file: string, line: number | null, message: string) {
    super(`${file}${line === null ? "" : `:${line}`}: ${message}`);
    this.name = "ReferenceFormatError";
  }
}

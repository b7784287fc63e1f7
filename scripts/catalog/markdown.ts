/**
 * Just enough Markdown for the catalog generator: GFM pipe tables (with the heading above each),
 * and the cleaning of a cell's inline markup (`code`, escapes, links, <sup> footnote marks, <br> lists).
 * Hand-written because the Microsoft pages use only plain pipe tables and no Markdown library is a
 * dependency of the project; a full parser would still leave us to read the <sup>/<br> HTML ourselves.
 */

export interface MarkdownTableRow {
  cells: string[];
  /** 1-based line of the row in the file. */
  line: number;
}

export interface MarkdownTable {
  /** Nearest heading above the table (without the `#` marks), or null. */
  heading: string | null;
  header: string[];
  rows: MarkdownTableRow[];
  /** 1-based line of the header row. */
  line: number;
}

const DELIMITER_ROW = /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/;
const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;

/** Splits a table line on unescaped pipes, dropping the optional outer pipes. */
export function splitTableRow(line: string): string[] {
  const cells: string[] = [];
  let current = "";
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === "\\" && line[i + 1] === "|") {
      current += "|";
      i++;
    } else if (ch === "|") {
      cells.push(current);
      current = "";
    } else {
      current += ch;
    }
  }
  cells.push(current);
  const trimmed = cells.map((c) => c.trim());
  if (line.trim().startsWith("|")) trimmed.shift();
  if (line.trim().endsWith("|") && !line.trim().endsWith("\\|")) trimmed.pop();
  return trimmed;
}

export function parseMarkdownTables(text: string): MarkdownTable[] {
  const lines = text.split(/\r?\n/);
  const tables: MarkdownTable[] = [];
  let heading: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const h = HEADING.exec(line);
    if (h) {
      heading = h[2] ?? null;
      continue;
    }
    const next = lines[i + 1];
    if (!line.includes("|") || next === undefined || !DELIMITER_ROW.test(next)) continue;
    const table: MarkdownTable = { heading, header: splitTableRow(line).map(cleanCell), rows: [], line: i + 1 };
    let j = i + 2;
    for (; j < lines.length; j++) {
      const row = lines[j] ?? "";
      if (!row.includes("|") || row.trim() === "") break;
      table.rows.push({ cells: splitTableRow(row), line: j + 1 });
    }
    tables.push(table);
    i = j - 1;
  }
  return tables;
}

/** The footnote marks of a cell: `Camera<sup>1, 2</sup>` → `["1", "2"]`. */
export function footnoteMarks(cell: string): string[] {
  const marks: string[] = [];
  for (const m of cell.matchAll(/<sup>(.*?)<\/sup>/gi)) {
    for (const part of (m[1] ?? "").split(",")) if (part.trim()) marks.push(part.trim());
  }
  return marks;
}

/** Splits a cell that lists several values with `<br>` (as the HoloLens tables do). */
export function splitBr(cell: string): string[] {
  return cell
    .split(/<br\s*\/?>/i)
    .map((part) => part.trim())
    .filter((part) => part !== "");
}

/** Removes inline markup from a cell: footnote marks, code ticks, bold, escapes, links, entities, tags. */
export function cleanCell(cell: string): string {
  return cell
    .replace(/<sup>.*?<\/sup>/gi, "")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/<[^>]+>/g, "")
    .replace(/`/g, "")
    .replace(/\*\*(.+?)\*\*/g, "$1")
    .replace(/\\([\\_!*|#[\]()-])/g, "$1")
    .replace(/&nbsp;/gi, " ")
    .replace(/&amp;/gi, "&")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * The anchor GitHub and Learn give a heading: lower case, punctuation dropped, each space a hyphen
 * (`Windows Holographic, version 21H2 - February 2022 Update` → `windows-holographic-version-21h2---february-2022-update`).
 */
export function headingSlug(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, "")
    .replace(/\s/g, "-");
}

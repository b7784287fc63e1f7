/** The report formats `holofleet audit --format` offers, each a pure `(result, meta) => string`. */
import { renderHtml } from "./html.ts";
import { renderJson } from "./json.ts";
import { renderJunit } from "./junit.ts";
import { renderMarkdown } from "./markdown.ts";
import type { Renderer } from "./meta.ts";
import { renderSarif } from "./sarif.ts";
import { renderTable } from "./table.ts";

export type { ReportMeta, Renderer } from "./meta.ts";

export const REPORT_FORMATS = {
  html: renderHtml,
  json: renderJson,
  junit: renderJunit,
  md: renderMarkdown,
  sarif: renderSarif,
  table: renderTable,
} as const satisfies Record<string, Renderer>;

export type ReportFormat = keyof typeof REPORT_FORMATS;

/**
 * Text placed in the markdown artifacts: table cells must not break the table (a `|` or a line break
 * would start a new cell or row), and user-supplied names must not turn into markup.
 */

/** Escapes `\`, `|`, markup characters and line breaks so the text stays one literal table cell. */
export function markdownCell(text: string): string {
  return text.replace(/[\\|*_`[\]<>#]/g, (c) => `\\${c}`).replace(/\r?\n/g, " ");
}

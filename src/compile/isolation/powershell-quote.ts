/**
 * PowerShell single-quoted string literals. Inside '…' PowerShell expands nothing; a quote is written
 * twice. PowerShell also treats the typographic quotes U+2018–U+201B as single quotes, so those are
 * doubled too — otherwise a name like "Contoso’s experts" would end the string early.
 */

const SINGLE_QUOTES = /['\u2018\u2019\u201A\u201B]/g;

export function psSingleQuoted(text: string): string {
  return `'${text.replace(SINGLE_QUOTES, (q) => q + q)}'`;
}

/**
 * An OPATH comparison value as information-barrier filters take it (`Department -eq 'Sales'`): the value
 * sits in single quotes, with an apostrophe written twice.
 */
export function opathQuoted(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** Text for a `#` comment line: line breaks and other control characters become spaces, so a name can
 * never end the comment and start a command. */
export function psCommentText(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]/g, " ");
}

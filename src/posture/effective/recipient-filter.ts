/**
 * The small OPATH subset that information-barrier segments (`UserGroupFilter`) and Exchange address lists
 * (`RecipientFilter`) use for per-client isolation: `Attribute -eq 'value'` / `-ne`, joined by `-and` / `-or`,
 * with parentheses. A filter outside that subset (another operator, an unknown attribute) cannot be
 * evaluated offline, and the caller says so instead of guessing. Hand-written: no JavaScript library reads
 * OPATH, and the subset is a few dozen lines.
 */

export type FilterNode =
  | { op: "and" | "or"; left: FilterNode; right: FilterNode }
  | { op: "eq" | "ne"; attribute: string; value: string };

export type ParsedFilter = { ok: true; filter: FilterNode } | { ok: false; error: string };

const TOKEN = /\s*(\(|\)|-and\b|-or\b|-eq\b|-ne\b|'(?:[^']|'')*'|"(?:[^"]|"")*"|[A-Za-z][\w.]*)/iy;

export function parseRecipientFilter(text: string): ParsedFilter {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  let at = 0;
  while (at < text.length) {
    if (/^\s*$/.test(text.slice(at))) break;
    TOKEN.lastIndex = at;
    const m = TOKEN.exec(text);
    if (!m) return { ok: false, error: `cannot read the filter at "${text.slice(at, at + 20)}"` };
    tokens.push(m[1]!);
    at = TOKEN.lastIndex;
  }
  let i = 0;
  const peek = () => tokens[i]?.toLowerCase();
  function expr(): FilterNode {
    let left = term();
    while (peek() === "-or") {
      i++;
      left = { op: "or", left, right: term() };
    }
    return left;
  }
  function term(): FilterNode {
    let left = factor();
    while (peek() === "-and") {
      i++;
      left = { op: "and", left, right: factor() };
    }
    return left;
  }
  function factor(): FilterNode {
    if (peek() === "(") {
      i++;
      const inner = expr();
      if (peek() !== ")") throw new Error("a closing parenthesis is missing");
      i++;
      return inner;
    }
    const attribute = tokens[i++];
    const op = tokens[i++]?.toLowerCase();
    const quoted = tokens[i++];
    if (!attribute || !/^[A-Za-z]/.test(attribute) || (op !== "-eq" && op !== "-ne") || !quoted || !/^['"]/.test(quoted)) {
      throw new Error("expected Attribute -eq 'value' or Attribute -ne 'value'");
    }
    const q = quoted[0]!;
    return { op: op === "-eq" ? "eq" : "ne", attribute, value: quoted.slice(1, -1).replaceAll(q + q, q) };
  }
  try {
    const filter = expr();
    if (i < tokens.length) return { ok: false, error: `unexpected "${tokens[i]}"` };
    return { ok: true, filter };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}

/**
 * Evaluates a filter; `valuesOf(attribute)` gives the recipient's values of an attribute (several for
 * `MemberOf`), or null when the attribute is one the audit cannot know — then the result is null.
 */
export function evaluateFilter(node: FilterNode, valuesOf: (attribute: string) => string[] | null): boolean | null {
  if (node.op === "and" || node.op === "or") {
    const l = evaluateFilter(node.left, valuesOf);
    const r = evaluateFilter(node.right, valuesOf);
    if (node.op === "and") return l === false || r === false ? false : l === null || r === null ? null : true;
    return l === true || r === true ? true : l === null || r === null ? null : false;
  }
  const leaf = node as Extract<FilterNode, { attribute: string }>;
  const values = valuesOf(leaf.attribute);
  if (values === null) return null;
  const has = values.some((v) => v.toLowerCase() === leaf.value.toLowerCase());
  return leaf.op === "eq" ? has : !has;
}

/**
 * A parser for the OData `$filter` subset Microsoft Graph's directory and Intune endpoints accept
 * (graph-facts §9.3): comparisons, `in`, `and`/`or`/`not`, `startsWith`/`endsWith`/`contains`,
 * `any()`/`all()` lambdas over collections, literals (single-quoted strings with `''` escapes,
 * GUIDs, numbers, booleans, null, date-times) and property paths (`a/b`).
 *
 * Hand-written on purpose: the OData libraries on npm either target a full EDM model (and need the
 * CSDL at run time) or parse into shapes that lose which operators a query used, which the tenant
 * needs to apply Graph's "advanced query" rules.
 */

export type Literal = string | number | boolean | null;

export type FilterExpr =
  | { kind: "and" | "or"; left: FilterExpr; right: FilterExpr }
  | { kind: "not"; expr: FilterExpr }
  | { kind: "compare"; op: "eq" | "ne" | "gt" | "ge" | "lt" | "le"; left: FilterExpr; right: FilterExpr }
  | { kind: "in"; left: FilterExpr; values: FilterExpr[] }
  | { kind: "call"; name: string; args: FilterExpr[] }
  | { kind: "lambda"; quantifier: "any" | "all"; collection: string[]; variable?: string; predicate?: FilterExpr }
  | { kind: "path"; segments: string[] }
  | { kind: "literal"; value: Literal };

export class FilterSyntaxError extends Error {
  constructor(message: string, readonly position: number) {
    super(message);
    this.name = "FilterSyntaxError";
  }
}

/**
 * Bounds on a filter, so a deep or huge one is a 400 and never exhausts the stack or the CPU. They
 * are the local tenant's own (Graph documents none); the messages are OData's for its recursion
 * limit ("The recursion limit has been exceeded.", Microsoft.OData.Core) and node count limit
 * ("The node count limit of '…' has been exceeded.", as Graph-style OData services answer it).
 * Every filter holofleet and the admin tools send is far below them.
 */
export const MAX_FILTER_LENGTH = 32_768;
/** Nesting of parentheses, `not`, function arguments and lambda predicates. */
export const MAX_FILTER_DEPTH = 100;
/** Operators, operands and literals in the parsed expression. */
export const MAX_FILTER_NODES = 1_000;

export class FilterLimitError extends Error {
  constructor(detail: string) {
    super(`The query specified in the URI is not valid. ${detail}`);
    this.name = "FilterLimitError";
  }
}

type Token =
  | { t: "str"; v: string; p: number }
  | { t: "num"; v: number; p: number }
  | { t: "guid"; v: string; p: number }
  | { t: "date"; v: string; p: number }
  | { t: "word"; v: string; p: number }
  | { t: "punct"; v: "(" | ")" | "," | ":" | "/"; p: number }
  | { t: "end"; p: number };

// Sticky (`y`) patterns match at `lastIndex` only, so the tokenizer never copies the rest of the
// input: it runs in time linear in the filter's length.
const GUID = /[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/y;
const DATE_TIME = /\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?/y;
const NUMBER = /-?\d+(\.\d+)?([eE][+-]?\d+)?/y;
const WORD = /[A-Za-z_$@#][\w.$@#-]*/y;

function matchAt(pattern: RegExp, input: string, at: number): RegExpExecArray | null {
  pattern.lastIndex = at;
  return pattern.exec(input);
}

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === "'") {
      let value = "";
      let j = i + 1;
      for (;;) {
        const quote = input.indexOf("'", j);
        if (quote < 0) throw new FilterSyntaxError("unterminated string literal", i);
        value += input.slice(j, quote);
        // A doubled single quote is an escaped quote (graph-facts §9.3, "Escaping single quotes").
        if (input[quote + 1] === "'") {
          value += "'";
          j = quote + 2;
          continue;
        }
        j = quote;
        break;
      }
      tokens.push({ t: "str", v: value, p: i });
      i = j + 1;
      continue;
    }
    const guid = matchAt(GUID, input, i);
    if (guid && !/[\w-]/.test(input[i + guid[0].length] ?? "")) {
      tokens.push({ t: "guid", v: guid[0].toLowerCase(), p: i });
      i += guid[0].length;
      continue;
    }
    const date = matchAt(DATE_TIME, input, i);
    if (date && date[0].length > 4 && date[1]) {
      tokens.push({ t: "date", v: date[0], p: i });
      i += date[0].length;
      continue;
    }
    const num = matchAt(NUMBER, input, i);
    if (num && !/[A-Za-z_]/.test(input[i + num[0].length] ?? "")) {
      tokens.push({ t: "num", v: Number(num[0]), p: i });
      i += num[0].length;
      continue;
    }
    if ("(),:/".includes(c)) {
      tokens.push({ t: "punct", v: c as "(" | ")" | "," | ":" | "/", p: i });
      i++;
      continue;
    }
    const word = matchAt(WORD, input, i);
    if (word) {
      tokens.push({ t: "word", v: word[0], p: i });
      i += word[0].length;
      continue;
    }
    throw new FilterSyntaxError(`unexpected character '${c}'`, i);
  }
  tokens.push({ t: "end", p: input.length });
  return tokens;
}

const COMPARISON = new Set(["eq", "ne", "gt", "ge", "lt", "le"]);

export function parseFilter(input: string): FilterExpr {
  if (input.length > MAX_FILTER_LENGTH)
    throw new FilterLimitError(`The filter is ${input.length} characters long; the limit is ${MAX_FILTER_LENGTH}.`);
  const tokens = tokenize(input);
  let pos = 0;
  let depth = 0;
  let nodes = 0;
  /** Counts a node of the result against MAX_FILTER_NODES. */
  const node = <T extends FilterExpr>(e: T): T => {
    if (++nodes > MAX_FILTER_NODES) throw new FilterLimitError(`The node count limit of '${MAX_FILTER_NODES}' has been exceeded.`);
    return e;
  };
  /** Runs a nested parse, one level deeper, against MAX_FILTER_DEPTH. */
  const nested = <T>(parse: () => T): T => {
    if (++depth > MAX_FILTER_DEPTH) throw new FilterLimitError("The recursion limit has been exceeded.");
    try {
      return parse();
    } finally {
      depth--;
    }
  };
  const peek = () => tokens[pos]!;
  const next = () => tokens[pos++]!;
  const isWord = (w: string) => {
    const tk = peek();
    return tk.t === "word" && tk.v.toLowerCase() === w;
  };
  const expectPunct = (v: string) => {
    const tk = next();
    if (tk.t !== "punct" || tk.v !== v) throw new FilterSyntaxError(`expected '${v}'`, tk.p);
  };
  const atPunct = (v: string) => {
    const tk = peek();
    return tk.t === "punct" && tk.v === v;
  };
  /** `item, item, …)` after an opening `(` that was already read: the `in` list and call arguments. */
  const parseListUntilClose = (item: () => FilterExpr): FilterExpr[] => {
    const items: FilterExpr[] = [];
    if (!atPunct(")")) {
      items.push(item());
      while (atPunct(",")) {
        next();
        items.push(item());
      }
    }
    expectPunct(")");
    return items;
  };

  /** `operand (op operand)*`, grouped from the left: `a or b or c` is `(a or b) or c`. */
  function parseLeftAssociative(op: "and" | "or", operand: () => FilterExpr): FilterExpr {
    let left = operand();
    while (isWord(op)) {
      next();
      left = node({ kind: op, left, right: operand() });
    }
    return left;
  }
  function parseOr(): FilterExpr {
    return parseLeftAssociative("or", parseAnd);
  }
  function parseAnd(): FilterExpr {
    return parseLeftAssociative("and", parseNot);
  }
  function parseNot(): FilterExpr {
    if (isWord("not")) {
      next();
      return node({ kind: "not", expr: nested(parseNot) });
    }
    return parseComparison();
  }
  function parseComparison(): FilterExpr {
    const left = parsePrimary();
    const tk = peek();
    if (tk.t === "word" && COMPARISON.has(tk.v.toLowerCase())) {
      next();
      const op = tk.v.toLowerCase() as "eq" | "ne" | "gt" | "ge" | "lt" | "le";
      return node({ kind: "compare", op, left, right: parsePrimary() });
    }
    if (tk.t === "word" && tk.v.toLowerCase() === "in") {
      next();
      expectPunct("(");
      return node({ kind: "in", left, values: parseListUntilClose(parsePrimary) });
    }
    return left;
  }
  function parsePrimary(): FilterExpr {
    const tk = next();
    switch (tk.t) {
      case "str":
      case "guid":
      case "date":
        return node({ kind: "literal", value: tk.v });
      case "num":
        return node({ kind: "literal", value: tk.v });
      case "punct":
        if (tk.v === "(") {
          const inner = nested(parseOr);
          expectPunct(")");
          return inner;
        }
        throw new FilterSyntaxError(`unexpected '${tk.v}'`, tk.p);
      case "end":
        throw new FilterSyntaxError("unexpected end of filter", tk.p);
      case "word": {
        const lower = tk.v.toLowerCase();
        if (lower === "true" || lower === "false") return node({ kind: "literal", value: lower === "true" });
        if (lower === "null") return node({ kind: "literal", value: null });
        // A function call: name immediately followed by "(".
        const after = peek();
        if (after.t === "punct" && after.v === "(") {
          next();
          return node({ kind: "call", name: lower, args: nested(() => parseListUntilClose(parseOr)) });
        }
        return parsePathFrom(tk.v);
      }
    }
  }
  function parsePathFrom(first: string): FilterExpr {
    const segments = [first];
    while (peek().t === "punct" && (peek() as { v: string }).v === "/") {
      next();
      const seg = next();
      if (seg.t !== "word") throw new FilterSyntaxError("expected a property name after '/'", seg.p);
      const lower = seg.v.toLowerCase();
      const open = peek();
      if ((lower === "any" || lower === "all") && open.t === "punct" && open.v === "(") {
        next();
        if (peek().t === "punct" && (peek() as { v: string }).v === ")") {
          next();
          return node({ kind: "lambda", quantifier: lower, collection: segments });
        }
        const variable = next();
        if (variable.t !== "word") throw new FilterSyntaxError("expected a lambda variable", variable.p);
        expectPunct(":");
        const predicate = nested(parseOr);
        expectPunct(")");
        return node({ kind: "lambda", quantifier: lower, collection: segments, variable: variable.v, predicate });
      }
      segments.push(seg.v);
    }
    return node({ kind: "path", segments });
  }

  const expr = parseOr();
  const end = peek();
  if (end.t !== "end") throw new FilterSyntaxError("unexpected text after the expression", end.p);
  return expr;
}

/** What a filter uses, for Graph's advanced-query rules: top-level properties and operators/functions. */
export interface FilterUsage {
  properties: Set<string>;
  operators: Set<string>;
}

export function analyzeFilter(expr: FilterExpr): FilterUsage {
  const usage: FilterUsage = { properties: new Set(), operators: new Set() };
  const walk = (e: FilterExpr, vars: Set<string>) => {
    switch (e.kind) {
      case "and":
      case "or":
        usage.operators.add(e.kind);
        walk(e.left, vars);
        walk(e.right, vars);
        return;
      case "not":
        usage.operators.add("not");
        walk(e.expr, vars);
        return;
      case "compare":
        usage.operators.add(e.op);
        walk(e.left, vars);
        walk(e.right, vars);
        return;
      case "in":
        usage.operators.add("in");
        walk(e.left, vars);
        e.values.forEach((v) => walk(v, vars));
        return;
      case "call":
        usage.operators.add(e.name);
        e.args.forEach((a) => walk(a, vars));
        return;
      case "lambda": {
        usage.operators.add(e.quantifier);
        if (!vars.has(e.collection[0]!)) usage.properties.add(e.collection[0]!);
        const inner = new Set(vars);
        if (e.variable) inner.add(e.variable);
        if (e.predicate) walk(e.predicate, inner);
        return;
      }
      case "path":
        if (!vars.has(e.segments[0]!)) usage.properties.add(e.segments[0]!);
        return;
      case "literal":
        return;
    }
  };
  walk(expr, new Set());
  return usage;
}

/**
 * Parser for Entra ID dynamic membership rules (`group.membershipRule`), the syntax documented in
 * MicrosoftDocs/entra-docs `docs/identity/users/groups-dynamic-membership.md`: `object.property
 * -operator value`, `-and`/`-or`/`-not`, parentheses, `-any`/`-all` over collections with `_`.
 * Hand-written (no library parses this language); it produces a small AST the evaluator walks.
 */

export type RuleObject = "user" | "device";

export type CompareOperator =
  | "eq"
  | "ne"
  | "startsWith"
  | "notStartsWith"
  | "endsWith"
  | "notEndsWith"
  | "contains"
  | "notContains"
  | "match"
  | "notMatch"
  | "in"
  | "notIn";

export type RuleValue = string | number | boolean | null | RuleValue[];

/** `device.physicalIds` style reference; `scope` is the rule's object, `_`, or a collection element name. */
export interface PropertyRef {
  scope: string;
  name: string | null;
  /** Position in the rule text (0-based), for error messages. */
  at: number;
}

export type RuleExpr =
  | { type: "and" | "or"; left: RuleExpr; right: RuleExpr }
  | { type: "not"; expr: RuleExpr }
  | { type: "compare"; property: PropertyRef; op: CompareOperator; value: RuleValue }
  | { type: "quantified"; property: PropertyRef; quantifier: "any" | "all"; predicate: RuleExpr };

export interface ParsedRule {
  object: RuleObject;
  expr: RuleExpr;
}

/** A rule the tenant rejects; `at` is the 0-based offset in the rule text. */
export class MembershipRuleError extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
    this.name = "MembershipRuleError";
  }
}

/** "The total length of the body of your membership rule can't exceed 3,072 characters." (groups-dynamic-membership.md) */
export const MAX_RULE_LENGTH = 3072;

const COMPARE_OPERATORS: Record<string, CompareOperator> = Object.fromEntries(
  (
    [
      "eq",
      "ne",
      "startsWith",
      "notStartsWith",
      "endsWith",
      "notEndsWith",
      "contains",
      "notContains",
      "match",
      "notMatch",
      "in",
      "notIn",
    ] as const
  ).map((op) => [op.toLowerCase(), op]),
);

type Token =
  | { kind: "op"; value: string; at: number }
  | { kind: "ident"; value: string; at: number }
  | { kind: "string"; value: string; at: number }
  | { kind: "number"; value: number; at: number }
  | { kind: "punct"; value: "(" | ")" | "[" | "]" | ","; at: number }
  | { kind: "end"; at: number };

// The docs print operators with an en dash (`–and`) in places; treat it like the hyphen.
const DASHES = new Set(["-", "\u2013"]);

/** Reads the quoted literal opening at `start`; `escape` followed by the quote stands for the quote. */
function readQuoted(text: string, start: number, escape: string): { value: string; end: number } {
  const quote = text[start] as string;
  let value = "";
  let i = start + 1;
  for (;;) {
    if (i >= text.length) throw new MembershipRuleError("Unterminated string literal.", start);
    const c = text[i] as string;
    if (c === escape && text[i + 1] === quote) {
      value += quote;
      i += 2;
    } else if (c === quote) {
      return { value, end: i + 1 };
    } else {
      value += c;
      i++;
    }
  }
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const start = i;
    if (ch === "(" || ch === ")" || ch === "[" || ch === "]" || ch === ",") {
      tokens.push({ kind: "punct", value: ch, at: start });
      i++;
      continue;
    }
    if (ch === '"' || ch === "'") {
      // A double quote inside a value is escaped with a backtick: `"  (groups-dynamic-membership.md,
      // "Supported values"); single-quoted values (used in `-in ['…']` lists) double the quote.
      const { value, end } = readQuoted(text, start, ch === '"' ? "`" : "'");
      tokens.push({ kind: "string", value, at: start });
      i = end;
      continue;
    }
    if (DASHES.has(ch) && /[A-Za-z]/.test(text[i + 1] ?? "")) {
      i++;
      while (i < text.length && /[A-Za-z]/.test(text[i] as string)) i++;
      tokens.push({ kind: "op", value: text.slice(start + 1, i).toLowerCase(), at: start });
      continue;
    }
    if (/[0-9]/.test(ch) || (ch === "-" && /[0-9]/.test(text[i + 1] ?? ""))) {
      i++;
      while (i < text.length && /[0-9.]/.test(text[i] as string)) i++;
      tokens.push({ kind: "number", value: Number(text.slice(start, i)), at: start });
      continue;
    }
    if (/[A-Za-z_$]/.test(ch)) {
      i++;
      while (i < text.length && /[A-Za-z0-9_.$]/.test(text[i] as string)) i++;
      tokens.push({ kind: "ident", value: text.slice(start, i), at: start });
      continue;
    }
    throw new MembershipRuleError(`Unexpected character '${ch}'.`, start);
  }
  tokens.push({ kind: "end", at: text.length });
  return tokens;
}

const LOGICAL = new Set(["and", "or", "not", "any", "all"]);

class RuleParser {
  private pos = 0;
  private ruleObject: RuleObject | null = null;

  constructor(private readonly tokens: Token[]) {}

  parse(): ParsedRule {
    const expr = this.parseOr();
    const tok = this.peek();
    if (tok.kind !== "end") throw new MembershipRuleError(`Unexpected '${describe(tok)}' after the end of an expression.`, tok.at);
    if (!this.ruleObject) throw new MembershipRuleError("The rule references no user or device property.", 0);
    return { object: this.ruleObject, expr };
  }

  private peek(): Token {
    return this.tokens[this.pos] as Token;
  }

  private next(): Token {
    const tok = this.tokens[this.pos] as Token;
    if (tok.kind !== "end") this.pos++;
    return tok;
  }

  /** Operators may be written with or without the leading hyphen (groups-dynamic-membership.md). */
  private isOperator(tok: Token, name: string): boolean {
    return (tok.kind === "op" || tok.kind === "ident") && tok.value.toLowerCase() === name;
  }

  private parseOr(): RuleExpr {
    return this.parseLeftAssociative("or", () => this.parseAnd());
  }

  private parseAnd(): RuleExpr {
    return this.parseLeftAssociative("and", () => this.parseNot());
  }

  /** `operand (-op operand)*`, grouped from the left: `a -or b -or c` is `(a -or b) -or c`. */
  private parseLeftAssociative(op: "and" | "or", operand: () => RuleExpr): RuleExpr {
    let left = operand();
    while (this.isOperator(this.peek(), op)) {
      this.next();
      left = { type: op, left, right: operand() };
    }
    return left;
  }

  private parseNot(): RuleExpr {
    if (this.isOperator(this.peek(), "not")) {
      this.next();
      return { type: "not", expr: this.parseNot() };
    }
    return this.parsePrimary();
  }

  /**
   * A parenthesised expression or one comparison. Also the predicate of `-any`/`-all`: `-any (_ -eq "x")`
   * or, as the Autopilot docs write it, `-any _ -eq "x"` (one comparison).
   */
  private parsePrimary(): RuleExpr {
    const tok = this.peek();
    if (tok.kind === "punct" && tok.value === "(") {
      this.next();
      const inner = this.parseOr();
      this.expectPunct(")");
      return inner;
    }
    return this.parseExpression();
  }

  private parseExpression(): RuleExpr {
    const property = this.parseProperty();
    const opTok = this.next();
    if (opTok.kind !== "op" && opTok.kind !== "ident") {
      throw new MembershipRuleError(`Expected an operator after '${refText(property)}', found '${describe(opTok)}'.`, opTok.at);
    }
    const opName = opTok.value.toLowerCase();
    if (opName === "any" || opName === "all") {
      return { type: "quantified", property, quantifier: opName, predicate: this.parsePrimary() };
    }
    const op = COMPARE_OPERATORS[opName];
    if (!op) {
      if (opName === "le" || opName === "ge") {
        throw new MembershipRuleError(`Operator '-${opName}' applies only to dateTime properties, which the local tenant does not support.`, opTok.at);
      }
      throw new MembershipRuleError(`Unknown operator '${opTok.kind === "op" ? "-" : ""}${opTok.value}'.`, opTok.at);
    }
    const value = op === "in" || op === "notIn" ? this.parseList() : this.parseScalar();
    return { type: "compare", property, op, value };
  }

  private parseProperty(): PropertyRef {
    const tok = this.next();
    if (tok.kind !== "ident" || LOGICAL.has(tok.value.toLowerCase())) {
      throw new MembershipRuleError(`Expected a property such as device.devicePhysicalIds, found '${describe(tok)}'.`, tok.at);
    }
    if (tok.value === "_") return { scope: "_", name: null, at: tok.at };
    const dot = tok.value.indexOf(".");
    if (dot <= 0 || dot === tok.value.length - 1 || tok.value.indexOf(".", dot + 1) !== -1) {
      throw new MembershipRuleError(`'${tok.value}' is not a property reference of the form object.property.`, tok.at);
    }
    const scope = tok.value.slice(0, dot);
    const name = tok.value.slice(dot + 1);
    const lower = scope.toLowerCase();
    if (lower === "user" || lower === "device") {
      if (this.ruleObject && this.ruleObject !== lower) {
        // "you can't create a rule that contains both users and devices" (groups-dynamic-membership.md)
        throw new MembershipRuleError("A rule cannot reference both user and device properties.", tok.at);
      }
      this.ruleObject = lower;
      return { scope: lower, name, at: tok.at };
    }
    return { scope, name, at: tok.at };
  }

  private parseScalar(): RuleValue {
    const tok = this.next();
    switch (tok.kind) {
      case "string":
        return tok.value;
      case "number":
        return tok.value;
      case "ident": {
        const lower = tok.value.toLowerCase();
        // Quotes are optional for values that are not strings; `null` unquoted is the null value.
        if (lower === "null" || lower === "$null") return null;
        if (lower === "true") return true;
        if (lower === "false") return false;
        throw new MembershipRuleError(`String values must be quoted: "${tok.value}".`, tok.at);
      }
      default:
        throw new MembershipRuleError(`Expected a value, found '${describe(tok)}'.`, tok.at);
    }
  }

  private parseList(): RuleValue[] {
    this.expectPunct("[");
    const values: RuleValue[] = [];
    const first = this.peek();
    if (first.kind === "punct" && first.value === "]") {
      this.next();
      return values;
    }
    for (;;) {
      values.push(this.parseScalar());
      const tok = this.next();
      if (tok.kind === "punct" && tok.value === "]") return values;
      if (!(tok.kind === "punct" && tok.value === ",")) throw new MembershipRuleError(`Expected ',' or ']' in a value list, found '${describe(tok)}'.`, tok.at);
    }
  }

  private expectPunct(value: "(" | ")" | "[" | "]"): void {
    const tok = this.next();
    if (!(tok.kind === "punct" && tok.value === value)) {
      throw new MembershipRuleError(`Expected '${value}', found '${describe(tok)}'.`, tok.at);
    }
  }
}

function describe(tok: Token): string {
  if (tok.kind === "end") return "end of rule";
  if (tok.kind === "op") return `-${tok.value}`;
  return String(tok.value);
}

function refText(ref: PropertyRef): string {
  return ref.name === null ? ref.scope : `${ref.scope}.${ref.name}`;
}

/** Parses a membership rule; throws `MembershipRuleError` with the offending offset. */
export function parseMembershipRule(text: string): ParsedRule {
  if (text.length > MAX_RULE_LENGTH) {
    throw new MembershipRuleError(`The membership rule is ${text.length} characters long; the limit is ${MAX_RULE_LENGTH}.`, MAX_RULE_LENGTH);
  }
  if (text.trim() === "") throw new MembershipRuleError("The membership rule is empty.", 0);
  return new RuleParser(tokenize(text)).parse();
}

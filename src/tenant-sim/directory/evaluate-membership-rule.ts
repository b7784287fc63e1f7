/**
 * Turns a parsed dynamic membership rule into a predicate over Graph `user` / `device` documents.
 * Rule attribute names are Entra's (`deviceOSType`, `devicePhysicalIds`, `objectId`, …); the table
 * below maps them to the Graph property that holds the same value (groups-dynamic-membership.md,
 * "Rules for devices" and "Supported properties"). String and regex comparisons ignore case, as
 * the same page says ("Regex and string operations aren't case sensitive").
 */
import {
  MembershipRuleError,
  parseMembershipRule,
  type CompareOperator,
  type PropertyRef,
  type RuleExpr,
  type RuleObject,
  type RuleValue,
} from "./membership-rule.ts";

type Doc = Record<string, unknown>;

interface AttributeDef {
  get(doc: Doc): unknown;
  /** Multi-valued: comparisons apply to items through `-any`/`-all`. */
  collection?: boolean;
  /** Name used for the element inside `-any (element.prop …)` when items are objects. */
  elementName?: string;
}

const prop = (name: string): AttributeDef => ({ get: (d) => d[name] });
const coll = (name: string, elementName?: string): AttributeDef => ({
  get: (d) => d[name],
  collection: true,
  ...(elementName ? { elementName } : {}),
});
const nested = (outer: string, inner: string): AttributeDef => ({
  get: (d) => {
    const o = d[outer];
    return o && typeof o === "object" ? (o as Doc)[inner] : undefined;
  },
});

function extensionAttributes(outer: string): Record<string, AttributeDef> {
  const out: Record<string, AttributeDef> = {};
  for (let n = 1; n <= 15; n++) out[`extensionAttribute${n}`] = nested(outer, `extensionAttribute${n}`);
  return out;
}

/** Device rule attributes → Graph `device` properties. */
const DEVICE_ATTRIBUTES: Record<string, AttributeDef> = {
  accountEnabled: prop("accountEnabled"),
  deviceCategory: prop("deviceCategory"),
  deviceId: prop("deviceId"),
  deviceManagementAppId: prop("mdmAppId"),
  deviceManufacturer: prop("manufacturer"),
  deviceModel: prop("model"),
  displayName: prop("displayName"),
  deviceOSType: prop("operatingSystem"),
  deviceOSVersion: prop("operatingSystemVersion"),
  deviceOwnership: prop("deviceOwnership"),
  devicePhysicalIds: coll("physicalIds"),
  deviceTrustType: prop("trustType"),
  enrollmentProfileName: prop("enrollmentProfileName"),
  isRooted: prop("isRooted"),
  managementType: prop("managementType"),
  objectId: prop("id"),
  profileType: prop("profileType"),
  systemLabels: coll("systemLabels"),
  ...extensionAttributes("extensionAttributes"),
};

/** User rule attributes → Graph `user` properties. */
const USER_ATTRIBUTES: Record<string, AttributeDef> = {
  accountEnabled: prop("accountEnabled"),
  dirSyncEnabled: prop("onPremisesSyncEnabled"),
  city: prop("city"),
  country: prop("country"),
  companyName: prop("companyName"),
  department: prop("department"),
  displayName: prop("displayName"),
  employeeId: prop("employeeId"),
  facsimileTelephoneNumber: prop("faxNumber"),
  givenName: prop("givenName"),
  jobTitle: prop("jobTitle"),
  mail: prop("mail"),
  mailNickName: prop("mailNickname"),
  mobile: prop("mobilePhone"),
  objectId: prop("id"),
  onPremisesDistinguishedName: prop("onPremisesDistinguishedName"),
  onPremisesSecurityIdentifier: prop("onPremisesSecurityIdentifier"),
  passwordPolicies: prop("passwordPolicies"),
  physicalDeliveryOfficeName: prop("officeLocation"),
  postalCode: prop("postalCode"),
  preferredLanguage: prop("preferredLanguage"),
  state: prop("state"),
  streetAddress: prop("streetAddress"),
  surname: prop("surname"),
  telephoneNumber: { get: (d) => (Array.isArray(d.businessPhones) ? d.businessPhones[0] : undefined) },
  usageLocation: prop("usageLocation"),
  userPrincipalName: prop("userPrincipalName"),
  userType: prop("userType"),
  otherMails: coll("otherMails"),
  proxyAddresses: coll("proxyAddresses"),
  assignedPlans: coll("assignedPlans", "assignedPlan"),
  ...extensionAttributes("onPremisesExtensionAttributes"),
};

const ATTRIBUTES: Record<RuleObject, Record<string, AttributeDef>> = { user: USER_ATTRIBUTES, device: DEVICE_ATTRIBUTES };

// The docs spell the same attribute `devicePhysicalIDs` and `devicePhysicalIds` in adjacent
// examples, so attribute names are looked up without regard to case.
function lookupAttribute(object: RuleObject, name: string): AttributeDef | undefined {
  const table = ATTRIBUTES[object];
  const key = Object.keys(table).find((k) => k.toLowerCase() === name.toLowerCase());
  return key ? table[key] : undefined;
}

/** A compiled rule: which objects it selects, and the predicate. */
export interface CompiledMembershipRule {
  object: RuleObject;
  matches(doc: object): boolean;
}

/** What is in scope while evaluating: the subject and, inside `-any`/`-all`, the current item. */
interface Scope {
  subject: Doc;
  element?: { name: string | null; value: unknown };
}

type Evaluator = (scope: Scope) => boolean;
type Getter = (scope: Scope) => { value: unknown; collection: boolean };

/** Parses and validates a rule; throws `MembershipRuleError` for syntax errors and unknown attributes. */
export function compileMembershipRule(text: string): CompiledMembershipRule {
  const parsed = parseMembershipRule(text);
  const evaluate = compileExpr(parsed.expr, parsed.object, null);
  return { object: parsed.object, matches: (doc) => evaluate({ subject: doc as Doc }) };
}

function compileExpr(expr: RuleExpr, object: RuleObject, element: { name: string | null; objects: boolean } | null): Evaluator {
  switch (expr.type) {
    case "and": {
      const l = compileExpr(expr.left, object, element);
      const r = compileExpr(expr.right, object, element);
      return (s) => l(s) && r(s);
    }
    case "or": {
      const l = compileExpr(expr.left, object, element);
      const r = compileExpr(expr.right, object, element);
      return (s) => l(s) || r(s);
    }
    case "not": {
      const inner = compileExpr(expr.expr, object, element);
      return (s) => !inner(s);
    }
    case "compare": {
      const get = compileGetter(expr.property, object, element);
      const op = expr.op;
      const value = expr.value;
      if (op === "match" || op === "notMatch") {
        try {
          new RegExp(String(value), "i");
        } catch {
          throw new MembershipRuleError(`'${String(value)}' is not a valid regular expression.`, expr.property.at);
        }
      }
      return (s) => {
        const { value: actual, collection } = get(s);
        if (collection) {
          // A comparison straight on a multi-valued attribute matches when any item does
          // (the docs' `user.otherMails -startsWith "alias@domain"`).
          const items = Array.isArray(actual) ? actual : [];
          return isNegative(op) ? items.every((v) => compare(v, op, value)) : items.some((v) => compare(v, op, value));
        }
        return compare(actual, op, value);
      };
    }
    case "quantified": {
      if (element) throw new MembershipRuleError("-any/-all cannot be nested.", expr.property.at);
      const ref = expr.property;
      if (ref.scope !== object || ref.name === null) {
        throw new MembershipRuleError(`-${expr.quantifier} applies to a multi-valued ${object} property.`, ref.at);
      }
      const def = lookupAttribute(object, ref.name);
      if (!def) throw unknownAttribute(object, ref);
      if (!def.collection) throw new MembershipRuleError(`'${object}.${ref.name}' is not multi-valued; -${expr.quantifier} needs a collection.`, ref.at);
      const elementName = def.elementName ?? null;
      const predicate = compileExpr(expr.predicate, object, { name: elementName, objects: elementName !== null });
      const quantifier = expr.quantifier;
      return (s) => {
        const items = def.get(s.subject);
        const list = Array.isArray(items) ? items : [];
        const test = (v: unknown) => predicate({ subject: s.subject, element: { name: elementName, value: v } });
        return quantifier === "any" ? list.some(test) : list.every(test);
      };
    }
  }
}

function compileGetter(ref: PropertyRef, object: RuleObject, element: { name: string | null; objects: boolean } | null): Getter {
  if (ref.scope === "_") {
    if (!element || element.objects) throw new MembershipRuleError("'_' is only valid inside -any/-all over a string collection.", ref.at);
    return (s) => ({ value: s.element?.value, collection: false });
  }
  if (ref.scope === object && ref.name !== null) {
    const def = lookupAttribute(object, ref.name);
    if (!def) throw unknownAttribute(object, ref);
    return (s) => ({ value: def.get(s.subject), collection: def.collection === true });
  }
  if (element?.objects && element.name && ref.scope.toLowerCase() === element.name.toLowerCase() && ref.name !== null) {
    const name = ref.name;
    return (s) => {
      const item = s.element?.value;
      const key = item && typeof item === "object" ? Object.keys(item).find((k) => k.toLowerCase() === name.toLowerCase()) : undefined;
      return { value: key ? (item as Doc)[key] : undefined, collection: false };
    };
  }
  throw new MembershipRuleError(`'${ref.scope}${ref.name === null ? "" : `.${ref.name}`}' is not valid here; a ${object} rule can reference only ${object} properties.`, ref.at);
}

function unknownAttribute(object: RuleObject, ref: PropertyRef): MembershipRuleError {
  return new MembershipRuleError(`'${object}.${ref.name}' is not a supported ${object} property for dynamic membership rules.`, ref.at);
}

function isNegative(op: CompareOperator): boolean {
  return op === "ne" || op.startsWith("not");
}

function isNull(v: unknown): boolean {
  return v === null || v === undefined || v === "";
}

function text(v: unknown): string {
  return String(v).toLowerCase();
}

function compare(actual: unknown, op: CompareOperator, expected: RuleValue): boolean {
  switch (op) {
    case "eq":
      return equals(actual, expected);
    case "ne":
      return !equals(actual, expected);
    case "in":
      return Array.isArray(expected) && expected.some((e) => equals(actual, e));
    case "notIn":
      return !(Array.isArray(expected) && expected.some((e) => equals(actual, e)));
    default: {
      const positive = op.startsWith("not") ? (op.slice(3, 4).toLowerCase() + op.slice(4)) : op;
      const result = stringTest(actual, positive, expected);
      return op.startsWith("not") ? !result : result;
    }
  }
}

function equals(actual: unknown, expected: RuleValue): boolean {
  if (expected === null) return isNull(actual);
  if (isNull(actual)) return false;
  return text(actual) === text(expected);
}

function stringTest(actual: unknown, op: string, expected: RuleValue): boolean {
  if (isNull(actual) || expected === null || Array.isArray(expected)) return false;
  const a = text(actual);
  const e = text(expected);
  switch (op) {
    case "startsWith":
      return a.startsWith(e);
    case "endsWith":
      return a.endsWith(e);
    case "contains":
      return a.includes(e);
    case "match":
      return new RegExp(String(expected), "i").test(String(actual));
    default:
      return false;
  }
}

/**
 * Reads a CSP DDF file (OMA-DM Device Description Framework v1.2 with Microsoft's `MSFT:` extensions,
 * see `ddf/README.md` and `ddf/schema/DDFv2Msft.xsd`) into its leaf nodes: full OMA-URI, format,
 * access types, allowed values, default value, scope and the applicability inherited from ancestors.
 */
import { XMLParser } from "fast-xml-parser";
import type { CspAllowedValues, CspFormat } from "../../src/catalog/types.ts";
import { ReferenceFormatError, type ReferenceFile } from "./reference.ts";

export interface DdfLeaf {
  /** Full URI with `{Title}` for dynamic segments, e.g. `./Vendor/MSFT/ApplicationControl/Policies/{PolicyGUID}/Policy`. */
  path: string;
  scope: "device" | "user";
  format: CspFormat;
  access: string[];
  allowedValues: CspAllowedValues;
  defaultValue: string | null;
  /** `MSFT:OsBuildVersion` of the node or its nearest ancestor that states one (may be a comma list). */
  osBuildVersion: string | null;
  /** `MSFT:EditionAllowList` of the node or its nearest ancestor, as hex ids; null when no level states one. */
  editions: string[] | null;
  deprecated: boolean;
}

type XmlElement = Record<string, unknown>;

const FORMATS: readonly CspFormat[] = ["int", "bool", "chr", "b64", "xml", "node", "bin", "float", "date", "time", "null"];

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => name === "Node" || name === "MSFT:Enum",
});

/**
 * The DDF files carry `<!DOCTYPE MgmtTree PUBLIC … [<?oma-dm-ddf-ver …?>]>`. fast-xml-parser rejects a
 * processing instruction inside the internal subset ("Invalid DOCTYPE"), and the declaration only names
 * the external OMA DTD, which must not be loaded anyway (ddf/README.md: no DTD, no network). So drop it.
 */
export function stripDoctype(xml: string): string {
  return xml.replace(/<!DOCTYPE[^[>]*(\[[\s\S]*?\])?\s*>/, "");
}

function asElement(value: unknown): XmlElement | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as XmlElement) : undefined;
}

function text(value: unknown): string | null {
  if (typeof value === "string") return value;
  const el = asElement(value);
  if (el && typeof el["#text"] === "string") return el["#text"];
  return null;
}

function childNames(value: unknown): string[] {
  const el = asElement(value);
  return el ? Object.keys(el).filter((k) => !k.startsWith("@_") && k !== "#text") : [];
}

function parseRange(file: string, raw: string): { min: number; max: number } {
  // "[0-23]", a single value "[1]", negatives bracketed "[(-1)-4294967295]" (ddf/README.md).
  const m = /^\[\s*(\(-?\d+\)|-?\d+)\s*(?:-\s*(\(-?\d+\)|-?\d+)\s*)?\]$/.exec(raw.trim());
  if (!m) throw new ReferenceFormatError(file, null, `unreadable Range "${raw}"`);
  const num = (s: string) => Number(s.replace(/[()]/g, ""));
  const min = num(m[1] ?? "");
  return { min, max: m[2] === undefined ? min : num(m[2]) };
}

function enumValues(allowed: XmlElement): { value: string; description: string }[] {
  const entries = Array.isArray(allowed["MSFT:Enum"]) ? (allowed["MSFT:Enum"] as unknown[]) : [];
  return entries.map((entry) => {
    const el = asElement(entry) ?? {};
    return { value: text(el["MSFT:Value"]) ?? "", description: text(el["MSFT:ValueDescription"]) ?? "" };
  });
}

export function parseAllowedValues(file: string, path: string, raw: unknown): CspAllowedValues {
  const allowed = asElement(raw);
  if (!allowed) return { kind: "none" };
  const type = String(allowed["@_ValueType"] ?? "");
  const value = text(allowed["MSFT:Value"]);
  switch (type) {
    case "ENUM":
      return { kind: "enum", values: enumValues(allowed) };
    // "Flag" (OR-able bits) occurs once in the bundle, on no HoloLens node; the union has no kind for it
    // yet, so it falls through to the error below rather than being misread as an enum.
    case "Range":
      return { kind: "range", ...parseRange(file, value ?? "") };
    case "RegEx":
      if (value === null) break;
      return { kind: "regex", pattern: value };
    case "XSD":
      if (value === null) break;
      return { kind: "xsd", schema: value };
    case "ADMX": {
      const admx = asElement(allowed["MSFT:AdmxBacked"]);
      if (!admx) break;
      return { kind: "admx", area: String(admx["@_Area"] ?? ""), name: String(admx["@_Name"] ?? ""), file: String(admx["@_File"] ?? "") };
    }
    case "None": {
      const list = asElement(allowed["MSFT:List"]);
      const delimiter = list ? list["@_Delimiter"] : undefined;
      return typeof delimiter === "string" ? { kind: "none", listDelimiter: delimiter } : { kind: "none" };
    }
  }
  throw new ReferenceFormatError(file, null, `${path}: unsupported MSFT:AllowedValues ValueType "${type}"`);
}

interface Inherited {
  osBuildVersion: string | null;
  editions: string[] | null;
}

function applicability(props: XmlElement, parent: Inherited): Inherited {
  const app = asElement(props["MSFT:Applicability"]);
  if (!app) return parent;
  const build = text(app["MSFT:OsBuildVersion"]);
  const editionsRaw = "MSFT:EditionAllowList" in app ? (text(app["MSFT:EditionAllowList"]) ?? "") : null;
  return {
    osBuildVersion: build ?? parent.osBuildVersion,
    editions: editionsRaw === null ? parent.editions : editionsRaw.split(";").map((e) => e.trim()).filter((e) => e !== ""),
  };
}

function scopeOf(rootPath: string): "device" | "user" {
  // `./Vendor/MSFT/X` roots (AssignedAccess, ApplicationControl, TenantLockdown) are device scope (ddf/README.md).
  return rootPath.startsWith("./User/") ? "user" : "device";
}

/** Name of a segment: the NodeName, or `{DFTitle}` (spaces removed) for a dynamic node the caller names. */
function segmentName(file: string, parentPath: string, node: XmlElement, props: XmlElement): string {
  const name = text(node["NodeName"]) ?? "";
  if (name !== "") return name;
  const title = text(props["DFTitle"]);
  if (!title || !("MSFT:DynamicNodeNaming" in props || asElement(props["Scope"])?.["Dynamic"] !== undefined)) {
    throw new ReferenceFormatError(file, null, `${parentPath}/: unnamed node without a DFTitle`);
  }
  return `{${title.replace(/\s+/g, "")}}`;
}

export function parseDdf(file: ReferenceFile): DdfLeaf[] {
  let doc: XmlElement;
  try {
    // `true`: validate well-formedness first; the parser alone accepts unclosed tags.
    doc = parser.parse(stripDoctype(file.text), true) as XmlElement;
  } catch (err) {
    throw new ReferenceFormatError(file.path, null, `not well-formed XML: ${(err as Error).message}`);
  }
  const tree = asElement(doc["MgmtTree"]);
  const roots = tree && Array.isArray(tree["Node"]) ? (tree["Node"] as unknown[]) : [];
  if (roots.length === 0) throw new ReferenceFormatError(file.path, null, "no MgmtTree/Node");
  const leaves: DdfLeaf[] = [];

  const walk = (raw: unknown, parentPath: string, scope: "device" | "user", inherited: Inherited): void => {
    const node = asElement(raw) ?? {};
    const props = asElement(node["DFProperties"]) ?? {};
    const path = `${parentPath}/${segmentName(file.path, parentPath, node, props)}`;
    const here = applicability(props, inherited);
    const children = Array.isArray(node["Node"]) ? (node["Node"] as unknown[]) : [];
    const format = childNames(props["DFFormat"])[0];
    if (!format || !(FORMATS as readonly string[]).includes(format)) {
      throw new ReferenceFormatError(file.path, null, `${path}: unknown DFFormat "${format ?? ""}"`);
    }
    if (format === "node" || children.length > 0) {
      for (const child of children) walk(child, path, scope, here);
      return;
    }
    leaves.push({
      path,
      scope,
      format: format as CspFormat,
      access: childNames(props["AccessType"]),
      allowedValues: parseAllowedValues(file.path, path, props["MSFT:AllowedValues"]),
      defaultValue: text(props["DefaultValue"]),
      osBuildVersion: here.osBuildVersion,
      editions: here.editions,
      deprecated: "MSFT:Deprecated" in props,
    });
  };

  for (const raw of roots) {
    const root = asElement(raw) ?? {};
    const rootPath = text(root["Path"]);
    if (!rootPath) throw new ReferenceFormatError(file.path, null, "root Node without Path");
    walk(root, rootPath, scopeOf(rootPath), { osBuildVersion: null, editions: null });
  }
  return leaves;
}

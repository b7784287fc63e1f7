/**
 * Checks one OMA-URI setting against the DDF catalog before it can reach a tenant: the node exists, the
 * Graph omaSetting type fits the node's DDF format, the value is one the DDF allows, Intune can write the
 * node (Add or Replace), and HoloLens 2 supports it at the blueprint's OS baseline.
 */
import type { CspFormat, CspNode } from "../../catalog/types.ts";
import type { Diagnostic } from "../../diag/diagnostic.ts";
import type { CompileCatalog } from "../catalog-port.ts";
import type { OmaSetting, OmaSettingType } from "../types.ts";

/**
 * Intune custom-setting data type for each DDF format (ddf/README.md: int→Integer, chr→String or
 * String (XML file), bool→Boolean, b64→Base64). `node` and `null` are interior or Exec nodes that a
 * configuration profile cannot set.
 */
export const GRAPH_TYPES_FOR_FORMAT: Readonly<Record<CspFormat, readonly OmaSettingType[]>> = {
  int: ["omaSettingInteger"],
  bool: ["omaSettingBoolean"],
  chr: ["omaSettingString", "omaSettingStringXml"],
  xml: ["omaSettingStringXml", "omaSettingString"],
  b64: ["omaSettingBase64"],
  bin: ["omaSettingBase64"],
  float: ["omaSettingFloatingPoint"],
  date: ["omaSettingDateTime"],
  time: ["omaSettingDateTime"],
  node: [],
  null: [],
};

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function graphType(setting: OmaSetting): OmaSettingType {
  return setting["@odata.type"].slice("#microsoft.graph.".length) as OmaSettingType;
}

/** Whether the JSON value has the shape Graph expects for the omaSetting subtype (graph-facts §4.1). */
function valueShapeProblem(type: OmaSettingType, value: unknown): string | null {
  switch (type) {
    case "omaSettingInteger":
      return Number.isInteger(value) && (value as number) >= INT32_MIN && (value as number) <= INT32_MAX ? null : "an Int32";
    case "omaSettingBoolean":
      return typeof value === "boolean" ? null : "a boolean";
    case "omaSettingString":
      return typeof value === "string" ? null : "a string";
    case "omaSettingBase64":
    case "omaSettingStringXml":
      // omaSettingStringXml's value is Edm.Binary, so it travels as base64 like omaSettingBase64.
      return typeof value === "string" && value.length > 0 && BASE64.test(value) ? null : "non-empty base64 text";
    case "omaSettingFloatingPoint":
      return typeof value === "number" && Number.isFinite(value) ? null : "a number";
    case "omaSettingDateTime":
      return typeof value === "string" && !Number.isNaN(Date.parse(value)) ? null : "an ISO 8601 date-time";
    default:
      return `one of the Graph omaSetting subtypes (got ${String(type)})`;
  }
}

function valueText(value: unknown): string {
  return typeof value === "string" && value.length > 80 ? `${value.slice(0, 77)}...` : String(value);
}

/** Why the DDF rejects the value, or null when it is allowed. */
function allowedValueProblem(node: CspNode, value: string | number | boolean): string | null {
  const allowed = node.allowedValues;
  switch (allowed.kind) {
    case "enum": {
      if (allowed.values.some((v) => v.value === String(value))) return null;
      return `allowed: ${allowed.values.map((v) => `${v.value} (${v.description})`).join(", ")}`;
    }
    case "range": {
      if (typeof value !== "number") return `expected a number in [${allowed.min}-${allowed.max}]`;
      return value >= allowed.min && value <= allowed.max ? null : `allowed range: ${allowed.min}–${allowed.max}`;
    }
    case "regex": {
      let re: RegExp;
      try {
        re = new RegExp(`^(?:${allowed.pattern})$`);
      } catch {
        // A .NET-only construct the JS engine cannot compile: nothing to check against.
        return null;
      }
      return re.test(String(value)) ? null : `must match ${allowed.pattern}`;
    }
    case "admx":
      // ADMX-backed policies take `<enabled/>` (with `<data …/>` elements) or `<disabled/>`.
      return /^\s*<(?:enabled|disabled)\s*\/>/.test(String(value)) ? null : `expected an ADMX payload for ${allowed.name} (<enabled/>… or <disabled/>)`;
    case "xsd":
      // XML payloads are validated against their own schemas asynchronously (e.g. the kiosk XSDs).
      return null;
    case "none":
      return null;
  }
}

/**
 * Checks `setting` at OS build `osBuild` (`major.minor`). Returns an empty list when the setting is fine.
 * Diagnostics carry no source; the caller adds the blueprint key the setting came from.
 */
export function checkOmaSetting(setting: OmaSetting, osBuild: string, catalog: Pick<CompileCatalog, "findCspNode" | "compareBuilds">): Diagnostic[] {
  const uri = setting.omaUri;
  const error = (code: string, message: string, why?: string, fix?: string): Diagnostic => ({
    severity: "error",
    code,
    message,
    ...(why ? { why } : {}),
    ...(fix ? { fix } : {}),
  });

  const node = catalog.findCspNode(uri);
  if (!node) {
    return [error("HF3001", `${uri} is not a node of any CSP in the DDF catalog`, "Intune accepts the profile but the device reports the setting as an error.")];
  }

  const diags: Diagnostic[] = [];
  const type = graphType(setting);
  const expected = GRAPH_TYPES_FOR_FORMAT[node.format];
  if (!expected.includes(type)) {
    diags.push(
      error(
        "HF3002",
        `${uri} has DDF format "${node.format}" but the setting is ${type}`,
        "the device rejects a value of the wrong data type",
        expected.length ? `use ${expected.join(" or ")}` : "this node cannot be set from a configuration profile",
      ),
    );
  }

  const shape = valueShapeProblem(type, setting.value);
  if (shape) diags.push(error("HF3007", `${uri}: value ${valueText(setting.value)} is not ${shape} as ${type} requires`));

  if (!shape && expected.includes(type)) {
    const problem = allowedValueProblem(node, setting.value);
    if (problem) diags.push(error("HF3003", `${uri}: value ${valueText(setting.value)} is not allowed — ${problem}`));
  }

  if (!node.access.includes("Add") && !node.access.includes("Replace")) {
    diags.push(
      error("HF3004", `${uri} supports only ${node.access.join(", ")}, not Add or Replace`, "Intune custom settings need Add or Replace to work."),
    );
  }

  if (!node.hololens2.supported) {
    diags.push(error("HF3005", `${uri} is not supported on HoloLens 2`, "HoloLens 2 ignores or rejects policies outside its supported list."));
  } else if (node.hololens2.minBuild !== null && catalog.compareBuilds(osBuild, node.hololens2.minBuild) < 0) {
    diags.push(
      error(
        "HF3006",
        `${uri} needs OS build ${node.hololens2.minBuild} or newer; the baseline is ${osBuild}`,
        "devices on the baseline build do not know the policy",
        "raise devices.osBaseline or drop the setting",
      ),
    );
  }
  return diags;
}

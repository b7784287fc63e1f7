/**
 * What a HoloLens 2 checks when a kiosk arrives through the AssignedAccess CSP
 * (`./Vendor/MSFT/AssignedAccess/Configuration`, an AssignedAccessConfiguration XML document —
 * assignedaccess-csp.md): the XML must be well formed, and a global assigned access profile
 * (`GlobalProfile` of the `…/AssignedAccess/2020/config` namespace) needs Windows Holographic 20H2
 * (hololens-kiosk.md: "Global assigned access requires 20H2 and newer builds";
 * hololens-release-notes-2004.md lists Global Assigned Access among 20H2's features). Pure.
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { holographicBuildAtLeast } from "./hololens-policies.ts";
import type { OmaValueKind } from "./oma-settings.ts";

/** Namespace of `GlobalProfile` (the samples' `v3` prefix; kiosk-sample-global-multiapp-for-everyone.xml). */
export const ASSIGNED_ACCESS_2020_NAMESPACE = "http://schemas.microsoft.com/AssignedAccess/2020/config";
/** Windows Holographic 20H2 (hololens-release-notes-2004.md: build 19041.1128). */
export const GLOBAL_ASSIGNED_ACCESS_MINIMUM_BUILD = "19041.1128";

const CONFIGURATION_NODE = /^\.\/(?:Device\/)?Vendor\/MSFT\/AssignedAccess\/Configuration$/i;

/** True for the AssignedAccess CSP node that carries the kiosk XML. */
export function isAssignedAccessConfigurationNode(omaUri: string): boolean {
  return CONFIGURATION_NODE.test(omaUri);
}

/**
 * The XML text a setting carries: `omaSettingString` holds the text itself, `omaSettingStringXml`
 * holds it base64-encoded (Edm.Binary, graph-facts §4.1). Null for other value types.
 */
export function assignedAccessXmlOf(kind: OmaValueKind, value: unknown): string | null {
  if (typeof value !== "string") return null;
  if (kind === "string") return value;
  if (kind === "stringXml") return Buffer.from(value, "base64").toString("utf8");
  return null;
}

// fast-xml-parser instead of a hand-written reader; namespaces are resolved below because the
// parser keeps prefixes as written (`v3:GlobalProfile`), and the prefix is the document's choice.
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@_", parseTagValue: false, parseAttributeValue: false });

type Scope = ReadonlyMap<string, string>;

function withDeclarations(scope: Scope, node: unknown): Scope {
  if (!node || typeof node !== "object" || Array.isArray(node)) return scope;
  let next: Map<string, string> | undefined;
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    if (key !== "@_xmlns" && !key.startsWith("@_xmlns:")) continue;
    next ??= new Map(scope);
    next.set(key === "@_xmlns" ? "" : key.slice("@_xmlns:".length), String(value));
  }
  return next ?? scope;
}

/** Whether an element of local name `local` in `namespace` occurs anywhere in the parsed tree. */
function containsElement(node: unknown, scope: Scope, local: string, namespace: string): boolean {
  if (!node || typeof node !== "object") return false;
  if (Array.isArray(node)) return node.some((item) => containsElement(item, scope, local, namespace));
  for (const [name, child] of Object.entries(node as Record<string, unknown>)) {
    if (name.startsWith("@_") || name === "#text" || name.startsWith("?")) continue;
    for (const element of Array.isArray(child) ? child : [child]) {
      const elementScope = withDeclarations(scope, element);
      const colon = name.indexOf(":");
      const prefix = colon < 0 ? "" : name.slice(0, colon);
      if (name.slice(colon + 1) === local && elementScope.get(prefix) === namespace) return true;
      if (containsElement(element, elementScope, local, namespace)) return true;
    }
  }
  return false;
}

/** Whether the kiosk XML has a global assigned access profile; throws nothing, assumes well-formed XML. */
export function hasGlobalProfile(xml: string): boolean {
  return containsElement(parser.parse(xml) as unknown, new Map(), "GlobalProfile", ASSIGNED_ACCESS_2020_NAMESPACE);
}

/**
 * Why a HoloLens 2 on `osVersion` would refuse this AssignedAccess configuration, or null when it
 * takes it. Only the two checks the module comment names; the XSD itself is not validated.
 */
export function assignedAccessProblem(xml: string, osVersion: string): string | null {
  const wellFormed = XMLValidator.validate(xml);
  if (wellFormed !== true) return `the AssignedAccess configuration is not well-formed XML (line ${wellFormed.err.line}: ${wellFormed.err.msg})`;
  if (hasGlobalProfile(xml) && !holographicBuildAtLeast(osVersion, GLOBAL_ASSIGNED_ACCESS_MINIMUM_BUILD)) {
    return `global assigned access (GlobalProfile) needs Windows Holographic 20H2 (${GLOBAL_ASSIGNED_ACCESS_MINIMUM_BUILD}) or later (hololens-kiosk.md); the device runs ${osVersion}`;
  }
  return null;
}

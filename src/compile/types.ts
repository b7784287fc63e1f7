/**
 * What the compiler produces: desired resources (plain data with stable addresses, consumed by the
 * planner) and artifacts (files written by `compile --out`, each with its manifest entry).
 */
import type { Diagnostic } from "../diag/diagnostic.ts";

/** Graph `omaSetting` subtypes (without the `#microsoft.graph.` prefix). */
export type OmaSettingType =
  | "omaSettingString"
  | "omaSettingStringXml"
  | "omaSettingInteger"
  | "omaSettingBoolean"
  | "omaSettingBase64"
  | "omaSettingDateTime"
  | "omaSettingFloatingPoint";

/** One OMA-URI setting, exactly as it goes into a `windows10CustomConfiguration`. */
export interface OmaSetting {
  "@odata.type": `#microsoft.graph.${OmaSettingType}`;
  displayName: string;
  description: string;
  omaUri: string;
  value: string | number | boolean;
  /** Only for omaSettingBase64 / omaSettingStringXml. */
  fileName?: string;
}

export type ResourceKind =
  | "group"
  | "groupLicense"
  | "customConfiguration"
  | "updateRing"
  | "autopilotProfile"
  | "configurationAssignment"
  | "user"
  /** A verified domain's password validity (`PATCH /domains/{id}`), for `passwords.policy: extended`. */
  | "domain";

export interface DesiredResource {
  kind: ResourceKind;
  /** Stable address `<kind>.<name>`, e.g. `group.clients-contoso`. Never changes for the same blueprint key. */
  address: string;
  /** Graph API version the body is for. */
  api: "v1.0" | "beta";
  /** Graph collection path the resource lives in, e.g. `/groups`. `{parent}` stands for the id of `parent`. */
  collection: string;
  /**
   * Address of the resource this one is created under (a licence under its group, an assignment under
   * its profile); its Graph id replaces `{parent}` in `collection`.
   */
  parent?: string;
  /**
   * The request body to create it (plain JSON). Values resolved at plan time are placeholders:
   * - `{ "$ref": "<address>" }` — the Graph id of that resource; inside an `…@odata.bind` array it
   *   stands for `https://graph.microsoft.com/v1.0/directoryObjects/<id>` (Graph takes at most 20
   *   such bindings in one create);
   * - `{ "$resolve": "skuId:<skuPartNumber>", "catalog": "<guid>" }` — looked up in the tenant's
   *   `/subscribedSkus` (tenant truth); `catalog` is the value the licensing CSV has;
   * - `{ "$resolve": "disabledPlans:<skuPartNumber>", "keep": ["<Service_Plan_Name>", …], "catalog": ["<guid>", …] }`
   *   — a whole `disabledPlans` array: the `servicePlanId` of every plan of the tenant's subscription of
   *   that SKU whose `servicePlanName` is not in `keep`, so a plan added to a suite after compile is
   *   disabled too; `catalog` is what that gives with the licensing CSV's plans;
   * - `{ "$resolve": "password:generate", "length": <n> }` — a password generated at apply time, never
   *   written to disk or logs.
   */
  body: Record<string, unknown>;
  /** Addresses this resource needs first. */
  dependsOn: string[];
}

export type ArtifactKind =
  | "kiosk-xml"
  | "oma-settings"
  | "graph-body"
  | "app-control-xml"
  | "app-control-binary"
  | "powershell"
  | "steps"
  | "manifest";

export interface Artifact {
  kind: ArtifactKind;
  /** Path relative to the output dir, forward slashes. */
  file: string;
  content: string | Uint8Array;
  /** For artifacts delivered as one OMA-URI setting. */
  omaUri?: string;
  dataType?: OmaSettingType;
  description: string;
}

export interface CompileResult {
  desired: DesiredResource[];
  artifacts: Artifact[];
  diagnostics: Diagnostic[];
}

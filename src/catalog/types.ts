/**
 * Shapes of the HoloLens catalog: facts as data, generated from `shared/reference` by
 * `npm run catalog` into `generated/`. The product reads only the generated files at run time.
 */

/** Where a generated fact came from. */
export interface CatalogSource {
  /** Path relative to the reference folder, e.g. `ddf/policy/Connectivity_AreaDDF.xml`. */
  file: string;
  sha256: string;
}

/** DDF `Format` of a node. */
export type CspFormat = "int" | "bool" | "chr" | "b64" | "xml" | "node" | "bin" | "float" | "date" | "time" | "null";

export type CspAllowedValues =
  | { kind: "enum"; values: { value: string; description: string }[] }
  | { kind: "range"; min: number; max: number }
  | { kind: "regex"; pattern: string }
  | { kind: "xsd"; schema: string }
  /** ADMX-backed policy: the value is an ADMX payload (`<enabled/><data id=".." value=".."/>`) for the named ADMX policy. */
  | { kind: "admx"; area: string; name: string; file: string }
  /** Free value; `listDelimiter` when the DDF declares a delimited list (e.g. `;` for package family names). */
  | { kind: "none"; listDelimiter?: string };

export interface CspNode {
  /** Canonical OMA-URI with `{name}` for dynamic segments, e.g. `./Device/Vendor/MSFT/Policy/Config/Connectivity/AllowUSBConnection` or `./Vendor/MSFT/ApplicationControl/Policies/{PolicyGUID}/Policy`. */
  path: string;
  format: CspFormat;
  /** DDF AccessType names: Add, Delete, Get, Replace, Exec. */
  access: string[];
  allowedValues: CspAllowedValues;
  defaultValue: string | null;
  /**
   * The scope of this path: one record per scope, so a Policy that exists in both scopes has a
   * `./Device/…` record (`["device"]`) and a `./User/…` record (`["user"]`).
   */
  scopes: ("device" | "user")[];
  /**
   * HoloLens 2 support: from `policies-in-policy-csp-supported-by-hololens2.md` (Policy CSP) or the CSP page.
   * `minBuild` null = available since the first HoloLens 2 release. `note` says why when it is not plain.
   */
  hololens2: { supported: boolean; minBuild: string | null; note?: string };
  /** The DDF marks the node `MSFT:Deprecated`. */
  deprecated?: boolean;
  source: CatalogSource;
}

export interface CatalogApp {
  /** Friendly id used in blueprints: `remote-assist`, `settings`, `edge`, … */
  id: string;
  displayName: string;
  aumid: string | null;
  packageFamilyName: string | null;
  /**
   * Where the package family name comes from: the WDAC page's table, or derived from the AUMID (the part
   * before `!`, as `windows-defender-application-control-wdac.md` tells for apps it does not list).
   */
  packageFamilyNameFrom: "wdac-table" | "aumid" | null;
  /** File name for WDAC file rules (`msedge.exe`), when the app needs one. */
  fileName: string | null;
  /** Whether the app may appear in a kiosk (Mixed Reality Home cannot). */
  kioskAllowed: boolean;
  /** Whether WDAC may deny it (Remote Assist: never deny). */
  denyAllowed: boolean;
  /** True for browsers (new and old Edge): the chat-history concern. */
  browser: boolean;
  source: CatalogSource;
}

export interface SettingsPage {
  /** Page id = URI without `ms-settings:`, e.g. `network-wifi`. */
  id: string;
  displayName: string;
  group: string;
  /** A Network & Internet page (the only ones the guide keeps). */
  network: boolean;
  minBuild: string | null;
  /** Build from which the page is deprecated (e.g. `network-proxy` from 21H1), or null. */
  deprecatedFromBuild: string | null;
  /** A caveat from the docs, e.g. what the URI does before 21H1. */
  note?: string;
  source: CatalogSource;
}

export interface OsRelease {
  /** `20H2`, `23H2 – March 2024`, … */
  name: string;
  /** `major.minor`, e.g. `19041.1128`. */
  build: string;
  date: string;
  kind: "feature" | "monthly";
  source: CatalogSource;
}

export interface ServicePlan {
  name: string;
  id: string;
  friendlyName: string;
}

export interface Sku {
  skuPartNumber: string;
  skuId: string;
  displayName: string;
  servicePlans: ServicePlan[];
  source: CatalogSource;
}

/** A feature the blueprint can use that needs a minimum OS build. */
export interface FeatureMinimum {
  id: string;
  description: string;
  minBuild: string;
  source: CatalogSource;
}

/** Something a HoloLens external-client program needs licensed (the allow-list of service plans). */
export type LicenceNeedId = "entra-id" | "intune" | "remote-assist" | "guides" | "calling" | "information-barriers";

/**
 * One licence need: the service plans client accounts keep on for it. Every plan of an assigned SKU that
 * no need of the program lists is disabled, so a plan Microsoft adds to a suite later is off by default.
 */
export interface LicenceNeed {
  id: LicenceNeedId;
  title: string;
  /** The licence (skuPartNumber) the reference names for the need, or null when it names only a capability. */
  skuPartNumber: string | null;
  /** The service plan that proves the need is licensed: a SKU with this plan covers it (`GUIDES`, `INTUNE_A`). */
  corePlan: string;
  /** Service plans kept on for the need: every plan of the named licence (its dependencies too), or the core plan alone. */
  plans: string[];
  /** What the reference says, quoted, with file and line. */
  basis: string;
  sources: CatalogSource[];
}

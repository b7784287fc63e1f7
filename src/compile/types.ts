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
  | "domain"
  /** The Enrollment Status Page (beta `windows10EnrollmentCompletionPageConfiguration`, hololens2-autopilot.md step 7). */
  | "enrollmentStatusPage"
  /**
   * A B2B invitation of one expert into the service tenant (`POST /invitations`); its identity is the
   * invited address, and its Graph id (what `$ref` resolves to) is the invited user's id
   * (`invitedUser.id` of the answer, or the existing guest whose `mail` is the address).
   */
  | "guestInvitation"
  /**
   * One member of a group holofleet does not otherwise own the members of (`POST /groups/{parent}/members/$ref`):
   * asserts that member only, never removes others.
   */
  | "groupMember";

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
   * - `{ "$ref": "<address>" }` — the Graph id of that resource; inside an `…@odata.bind` array, and
   *   as the value of `@odata.id`, it stands for `https://graph.microsoft.com/v1.0/directoryObjects/<id>`
   *   (Graph takes at most 20 such bindings in one create);
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

/**
 * A tenant-wide setting the program depends on but holofleet never writes, because it also governs
 * everyone else in the tenant (hololens2-autopilot.md steps 2 and 3, the guide's prerequisites). Plan and
 * audit read it (`read`) and judge what Graph answers with `evaluatePrecondition` (src/preconditions/).
 */
export interface TenantPrecondition {
  /** Stable address `precondition.<name>`, as resource addresses are. */
  address: string;
  /** What must hold, as data; the evaluator of `condition.type` judges a Graph answer against it. */
  condition: PreconditionCondition;
  /** The one Graph read that answers it (all pages of a collection). Never a write. */
  read: {
    api: "v1.0" | "beta";
    /** Path with query, e.g. `/policies/deviceRegistrationPolicy`. */
    path: string;
    /** Permissions that allow the read, from the permissions map; empty `application` = signed-in users only. */
    permissions: { application: string[]; delegated: string[] };
  };
  /** The guide (or Microsoft doc) step behind it. */
  source: string;
  /** What to change, and where, when it does not hold (an admin does it; holofleet never does). */
  remedy: string;
}

/**
 * The conditions, by type. `$ref` placeholders name resources of the same compile (resolved to Graph ids
 * as in `DesiredResource.body`); a resource not created yet resolves to nothing, and the condition that
 * needs it cannot hold yet.
 */
export type PreconditionCondition =
  | {
      /**
       * Automatic MDM enrollment (beta `mobileDeviceManagementPolicies`, type `mobilityManagementPolicy`):
       * the MDM application's policy exists and its user scope (`appliesTo`) is `all`, or `selected` with
       * `includedGroups` holding `includedGroup`.
       */
      type: "mdmUserScope";
      /** The MDM application's id, which is its policy's id (Microsoft Intune: 0000000a-0000-0000-c000-000000000000). */
      mdmApplicationId: string;
      includedGroup: { $ref: string };
    }
  | {
      /**
       * Windows enrollment not blocked: among the platform restrictions that apply to the program's
       * accounts (the tenant default, and those assigned to all users or to `users`), the one with the
       * lowest priority number must neither block Windows nor keep `osVersion` out of its version range.
       */
      type: "windowsEnrollment";
      users: { $ref: string };
      /** The OS version devices run, as Intune compares it (`10.0.<build>`). */
      osVersion: string;
    }
  | {
      /** Microsoft Entra join allowed (`deviceRegistrationPolicy.azureADJoin.allowedToJoin`): all, or selected with `group`. */
      type: "entraJoin";
      group: { $ref: string };
    };

export interface CompileResult {
  desired: DesiredResource[];
  /** Tenant-wide settings the program depends on, read and checked, never written. */
  preconditions: TenantPrecondition[];
  artifacts: Artifact[];
  diagnostics: Diagnostic[];
}

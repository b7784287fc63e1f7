/**
 * No blueprint key is a no-op: for every key of the schema, changing its value changes what holofleet
 * compiles or what it reports. Keys with a set of values (enums, booleans, nullable booleans) must give a
 * different outcome for each value — the test that `licensing.assignment: user | device` (one output for
 * both) would have failed. A key that only matters next to another setting is tried with that setting
 * (CONTEXT); a key with no way to matter is listed in EXEMPT with the reason.
 */
import { parseDocument } from "yaml";
import { describe, expect, it } from "vitest";
import { compile } from "../compile/compile.ts";
import { sha256Hex } from "../compile/manifest.ts";
import { blueprintJsonSchema } from "./json-schema.ts";
import { loadBlueprint } from "./load.ts";
import { ACKNOWLEDGEABLE, type Acknowledgement } from "./schema/acknowledge.ts";

const BASE = `apiVersion: holofleet/v1
metadata:
  name: every-key
tenant:
  domain: contoso.onmicrosoft.com
clients:
  - id: fabrikam
    accounts:
      - upn: fabrikam-op01
        devices: [HL2-0001]
`;

/** Keys that cannot change the outcome, and why. */
const EXEMPT: Record<string, string> = {
  "metadata.description": "free text for the people who read the file; like a YAML comment it configures nothing",
  "loans.onReturn": "read by `holofleet loan return` (wipe the returned device or not); nothing is compiled from it",
  "loans.supportContact": "printed on the handoff sheet of `holofleet loan ship`; nothing is compiled from it",
  "tenant.id": "read by plan and apply, which check that they talk to this tenant; compile needs only the domain",
};

/** A value to try for keys whose alternatives cannot be derived from the schema (text, lists, nullable numbers). */
const VALUES: Record<string, unknown> = {
  "metadata.name": "other-program",
  "tenant.domain": "fabrikam.onmicrosoft.com",
  "tenant.clientDomain": "clients.contoso.com",
  "tenant.namingPrefix": "XY",
  "tenant.usageLocation": "DE",
  "licensing.skus": ["MICROSOFT_REMOTE_ASSIST", "INTUNE_A", "AAD_PREMIUM", "SPE_E3"],
  "licensing.enabledServicePlans": ["SWAY"],
  "licensing.disabledServicePlans": ["MFA_PREMIUM"],
  "devices.osBaseline": "23H1",
  "devices.autopilot.profileName": "Other profile",
  "devices.autopilot.groupTag": "XY-TAG",
  "devices.autopilot.deviceNameTemplate": "HL-%RAND:4%",
  "devices.autopilot.language": "en-US",
  "devices.kiosk.apps": ["remote-assist", "settings", "feedback-hub"],
  "devices.kiosk.autoLaunch": null,
  "devices.kiosk.exclusions": ["device-owners"],
  "devices.kiosk.profileId": "{8739C257-184F-45DD-8657-C235819172A3}",
  "devices.appControl.policyId": "{A244370E-44C9-4C06-B551-F6016E563076}",
  "devices.appControl.policyName": "Other policy",
  "devices.appControl.policyVersion": "10.0.0.1",
  "devices.appControl.blockApps": ["store"],
  "devices.settingsPages.pages": ["network-wifi"],
  "devices.updateRing.name": "Other ring",
  "devices.restrictions.displayOffTimeoutOnBattery": 300,
  "devices.restrictions.displayOffTimeoutPluggedIn": 600,
  "devices.enrollmentStatusPage.name": "Other enrollment status",
  "devices.enrollmentStatusPage.errorMessage": "Setup failed: call Contoso's support line.",
  "experts.groupName": "Other experts",
  "experts.segmentName": "Other segment",
  "experts.addresses": ["ada@contoso.com", "omar@contoso.com"],
  "experts.guestRedirectUrl": "https://teams.microsoft.com",
  "clients[].id": "northwind",
  "clients[].displayName": "Fabrikam Inc",
  "clients[].usageLocation": "FR",
  "clients[].loanDays": 30,
  "clients[].accounts[].upn": "fabrikam-op02",
  "clients[].accounts[].displayName": "Plant operator",
  "clients[].accounts[].devices": ["HL2-0002"],
  // A console group key makes holofleet create that group (an Entra object id changes only who the console lets in).
  "console.entraSignIn.roles.admin": ["console-admins"],
  "console.entraSignIn.roles.operator": ["console-operators"],
  "console.entraSignIn.roles.viewer": ["console-viewers"],
  acknowledge: ["usb-on"],
};

/** A valid service tenant: it needs to know how its experts come in, and who they are (HF2070, HF2072). */
const SERVICE_TENANT = { "tenant.model": "service-tenant", "experts.access": "guests", "experts.addresses": ["ada@contoso.com"] };

/** Settings a key is tried with, because it only matters next to them (each one documented by its key). */
const CONTEXT: Record<string, Record<string, unknown>> = {
  // The allow-list keeps SWAY off unless kept on; a service tenant takes the kept plan without an error.
  "licensing.enabledServicePlans": { "licensing.skus": ["MICROSOFT_REMOTE_ASSIST", "INTUNE_A", "AAD_PREMIUM", "SPE_E3"], ...SERVICE_TENANT },
  // The model decides whether extending the password expiry of tenant.domain is allowed (HF2065).
  "tenant.model": { "passwords.policy": "extended", "passwords.maxAgeDays": 180 },
  // Install day and time are used by the scheduled-install mode only (HF2031 otherwise).
  "devices.updateRing.installDay": { "devices.updateRing.automaticUpdateMode": "autoInstallAndRebootAtScheduledTime" },
  "devices.updateRing.installTime": { "devices.updateRing.automaticUpdateMode": "autoInstallAndRebootAtScheduledTime" },
  // The experts segment exists only under information barriers.
  "experts.segmentName": { "isolation.mode": "information-barriers" },
  // How experts come in, who they are and where guests land mean something in a service tenant only
  // (HF2071 elsewhere): tried there, so each value is compiled (invitations, Teams scripts, or HF2070).
  "experts.access": { ...SERVICE_TENANT, "experts.access": null },
  "experts.addresses": SERVICE_TENANT,
  "experts.guestRedirectUrl": SERVICE_TENANT,
  // An acknowledgement matters where its finding is.
  acknowledge: { "devices.usb": "on" },
};

/**
 * \`acknowledge\` is one list key, but each id is a choice of its own: the settings under which each id's
 * finding is there, so the id can be shown to silence it (any id at all changes the outcome through HF2028).
 */
const ACKNOWLEDGEMENT_CONTEXT: Record<Acknowledgement, Record<string, unknown>> = {
  "browser-allowed": { "devices.appControl.blockBrowser": false },
  "usb-on": { "devices.usb": "on" },
  "developer-mode": { "devices.developerMode": true },
  "non-network-settings-page": { "devices.settingsPages.pages": ["network-wifi", "bluetooth"] },
  "information-barriers-licence": { "isolation.mode": "information-barriers" },
  "company-resource-plans": { "licensing.skus": ["MICROSOFT_REMOTE_ASSIST", "INTUNE_A", "AAD_PREMIUM", "SPE_E3"], "licensing.enabledServicePlans": ["SWAY"] },
  "calling-app-capability-denied": { "devices.restrictions.letAppsAccessMicrophone": "force-deny" },
  "wifi-off": { "devices.restrictions.allowWifi": false },
  "shared-password-domain": { "passwords.policy": "extended", "passwords.maxAgeDays": 180 },
};

interface SchemaNode {
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  anyOf?: SchemaNode[];
  items?: SchemaNode;
  properties?: Record<string, SchemaNode>;
  default?: unknown;
  minimum?: number;
  maximum?: number;
}

interface Leaf {
  key: string;
  node: SchemaNode;
}

/** Every leaf key of the schema, with `[]` for list items (tried at index 0). */
function leaves(node: SchemaNode, prefix = ""): Leaf[] {
  return Object.entries(node.properties ?? {}).flatMap(([name, child]) => {
    const key = prefix ? `${prefix}.${name}` : name;
    const object = child.type === "object" ? child : child.anyOf?.find((o) => o.type === "object");
    if (object?.properties) return leaves(object, key);
    const items = child.type === "array" ? child.items : undefined;
    const itemObject = items?.type === "object" ? items : items?.anyOf?.find((o) => o.type === "object");
    if (itemObject?.properties) return leaves(itemObject, `${key}[]`);
    return [{ key, node: child }];
  });
}

/** The YAML path of a key: `clients[].accounts[].upn` → clients, 0, accounts, 0, upn. */
const yamlPath = (key: string): (string | number)[] => key.split(".").flatMap((part) => (part.endsWith("[]") ? [part.slice(0, -2), 0] : [part]));

/** The values a key can take when they can be listed from the schema; null when they cannot. */
function choices(node: SchemaNode): unknown[] | null {
  // `type: ["boolean", "null"]` is the same as an anyOf of the two.
  const branches: SchemaNode[] = node.anyOf ?? (Array.isArray(node.type) ? node.type.map((type) => ({ type })) : [node]);
  const values: unknown[] = [];
  for (const branch of branches) {
    if (branch.const !== undefined) values.push(branch.const);
    else if (branch.enum) values.push(...branch.enum);
    else if (branch.type === "boolean") values.push(true, false);
    else if (branch.type === "null") values.push(null);
    else return null;
  }
  return values;
}

function numberVariant(node: SchemaNode): number | null {
  if (node.type !== "integer" && node.type !== "number") return null;
  const base = typeof node.default === "number" ? node.default : (node.minimum ?? 0);
  return node.maximum !== undefined && base + 1 > node.maximum ? base - 1 : base + 1;
}

function withValues(settings: Record<string, unknown>): string {
  const doc = parseDocument(BASE);
  for (const [key, value] of Object.entries(settings)) doc.setIn(yamlPath(key), value);
  return doc.toString();
}

/** What a blueprint gives: its diagnostics and, when valid, every compiled artifact by hash. */
function outcome(text: string): string {
  const { blueprint, diagnostics } = loadBlueprint(text, "every-key.yaml");
  const reported = diagnostics.map((d) => `${d.severity} ${d.code} ${d.message}`);
  if (!blueprint) return JSON.stringify({ reported });
  const result = compile(blueprint);
  return JSON.stringify({
    reported,
    compileDiagnostics: result.diagnostics.map((d) => `${d.severity} ${d.code} ${d.message}`),
    artifacts: result.artifacts.map((a) => [a.file, sha256Hex(a.content)]),
  });
}

const allLeaves = leaves(blueprintJsonSchema() as SchemaNode);

describe("every blueprint key changes the outcome", () => {
  it("the base blueprint is valid, so a change shows", () => {
    expect(loadBlueprint(BASE, "every-key.yaml").diagnostics).toEqual([]);
  });

  it("the tables name only keys the schema has, and every exemption says why", () => {
    const keys = new Set(allLeaves.map((l) => l.key));
    expect([...Object.keys(EXEMPT), ...Object.keys(VALUES), ...Object.keys(CONTEXT)].filter((k) => !keys.has(k))).toEqual([]);
    for (const [key, why] of Object.entries(EXEMPT)) expect(why.length, key).toBeGreaterThan(20);
  });

  it.each(allLeaves.filter((l) => !(l.key in EXEMPT)).map((l) => [l.key, l] as const))("%s", (key, leaf) => {
    const context = CONTEXT[key] ?? {};
    const values = choices(leaf.node);
    if (values && values.length === 1) {
      // One allowed value (apiVersion, kiosk.mode): the key declares the format or mode, it offers no choice.
      return;
    }
    if (values) {
      // Every value must give its own outcome.
      const outcomes = values.map((value) => outcome(withValues({ ...context, [key]: value })));
      expect(new Set(outcomes).size, `${key}: values ${JSON.stringify(values)} give ${new Set(outcomes).size} different outcomes`).toBe(values.length);
      return;
    }
    const variant = key in VALUES ? VALUES[key] : numberVariant(leaf.node);
    expect(key in VALUES || variant !== null, `${key}: add a value to try to VALUES (or an exemption with its reason to EXEMPT)`).toBe(true);
    expect(outcome(withValues({ ...context, [key]: variant })), `${key}: ${JSON.stringify(variant)} changes nothing`).not.toBe(outcome(withValues(context)));
  });
});

describe("every acknowledgement id silences its finding, and only where the finding is", () => {
  it("the table covers every acknowledgeable id", () => {
    expect(Object.keys(ACKNOWLEDGEMENT_CONTEXT).sort()).toEqual(Object.keys(ACKNOWLEDGEABLE).sort());
  });

  it.each(Object.entries(ACKNOWLEDGEABLE) as [Acknowledgement, string][])("%s (%s)", (id, code) => {
    const context = ACKNOWLEDGEMENT_CONTEXT[id];
    const codes = (settings: Record<string, unknown>) => loadBlueprint(withValues(settings), "every-key.yaml").diagnostics.map((d) => d.code);
    expect(codes(context), `${id}: the context must raise ${code}`).toContain(code);
    const acknowledged = codes({ ...context, acknowledge: [id] });
    expect(acknowledged, id).not.toContain(code);
    expect(acknowledged, id).not.toContain("HF2028");
    expect(outcome(withValues({ ...context, acknowledge: [id] })), id).not.toBe(outcome(withValues(context)));
  });
});

/**
 * `readTenantSnapshot(graph, options)`: the imperative shell that reads a tenant through the Graph client into
 * the snapshot document the offline audit reads (`schema.ts`). Collections are paged at the largest page each
 * API allows; per-object navigations (members, transitive members, registered owners, assignments, device
 * configuration states, masked OMA values) go through `$batch` (≤ 20 per call), each sub-request admitted against
 * its service's documented budget by the client. A read that fails is one diagnostic naming the snapshot part
 * and the request (the client has already redacted it), never a throw; the document is validated with the
 * snapshot schema before it is returned.
 */
import { AuthenticationError } from "../../auth/errors.ts";
import type { Diagnostic } from "../../diag/diagnostic.ts";
import type { BatchRequestItem } from "../../graph/batch.ts";
import type { GraphClient } from "../../graph/client.ts";
import { GraphRequestError } from "../../graph/errors.ts";
import { normalizePage } from "../../graph/paginate.ts";
import type { GraphVersion } from "../../graph/types.ts";
import type { Evidence } from "../evidence/schema.ts";
import { parseSnapshot } from "./load.ts";
import { SNAPSHOT_FORMAT_VERSION, type TenantSnapshot } from "./schema.ts";
import { SNAPSHOT_READS, type SnapshotPart, type SnapshotRead } from "./snapshot-reads.ts";

type Entity = Record<string, unknown> & { id: string };

export interface ReadTenantOptions {
  /** The snapshot's clock (`takenAt`); the reader never reads the real one itself. */
  now: () => Date;
  /** Evidence files collected with the snapshot (parts with no Graph API). */
  evidence?: Evidence;
  /** Progress: one event per part read. */
  onProgress?: (e: { part: SnapshotPart; items: number }) => void;
  /**
   * Only this device's own records (its managed device, Entra device and Autopilot registration), as a
   * loan reads before shipping it: the directory and the configuration are still read whole, since they
   * decide what reaches the device.
   */
  device?: { serial: string };
}

export interface ReadTenantResult {
  /** Null when a read the audit cannot do without failed (see `diagnostics`). */
  snapshot: TenantSnapshot | null;
  diagnostics: Diagnostic[];
}

/** What to do about a failed read, by status. */
function fixFor(status: number, part: SnapshotPart): string {
  const permissions = SNAPSHOT_READS[part].permissions.join(", ");
  if (status === 401) return "Sign in again (`holofleet login`) or check the app's credentials.";
  if (status === 403) return `Grant the app ${permissions} (admin consent), or sign in as an administrator with \`holofleet login\`.`;
  if (status === 429 || status === 503 || status === 504 || status === 0) return "Graph is busy or unreachable; take the snapshot again later.";
  return `Check that the tenant serves ${SNAPSHOT_READS[part].read}.`;
}

export function readFailure(part: SnapshotPart, err: unknown, severity: Diagnostic["severity"] = "error"): Diagnostic {
  // Signing in failed: the same for every part, and its own diagnostic says what to do.
  if (err instanceof AuthenticationError) return err.toDiagnostic();
  if (!(err instanceof GraphRequestError)) {
    return { severity, code: "HF6030", message: `snapshot part ${part}: ${(err as Error).message ?? String(err)}`, path: [part], fix: `Check that the tenant serves ${SNAPSHOT_READS[part].read}.` };
  }
  const detail = err.status === 0 ? err.code : `${err.status} ${err.code}`;
  return {
    severity,
    code: "HF6030",
    message: `snapshot part ${part}: ${err.request.method} ${err.request.url} failed (${detail}): ${err.message}`,
    path: [part],
    fix: fixFor(err.status, part),
  };
}

/** A Graph client narrowed to what the reader uses. */
type Reader = Pick<GraphClient, "baseUrl" | "collect" | "request" | "batch" | "paginate">;

class PartFailed extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.message);
  }
}

/**
 * Every page of a navigation collection per object, through `$batch`: a sub-response with a nextLink is
 * followed with plain paged reads (Graph pages inside a batch like anywhere else).
 */
async function readEach(graph: Reader, part: SnapshotPart, requests: readonly { key: string; url: string }[], version: GraphVersion): Promise<Map<string, Entity[]>> {
  const out = new Map<string, Entity[]>();
  if (requests.length === 0) return out;
  const items: BatchRequestItem[] = requests.map((r) => ({ id: r.key, method: "GET", url: r.url }));
  const urls = new Map(requests.map((r) => [r.key, r.url]));
  const results = await graph.batch(items, { version });
  for (const r of results) {
    if (!r.ok) throw new PartFailed(readFailure(part, r.error));
    const page = normalizePage<Entity>(r.body, urls.get(r.id) ?? r.id);
    const list = [...page.items];
    if (page.nextLink) for await (const more of graph.paginate<Entity>(page.nextLink)) list.push(more);
    out.set(r.id, list);
  }
  return out;
}

/** A single value from a batch of function calls (`getOmaSettingPlainTextValue`). */
async function readValues(graph: Reader, part: SnapshotPart, requests: readonly { key: string; url: string }[], version: GraphVersion): Promise<Map<string, unknown>> {
  const out = new Map<string, unknown>();
  if (requests.length === 0) return out;
  const results = await graph.batch(requests.map((r) => ({ id: r.key, method: "GET" as const, url: r.url })), { version });
  for (const r of results) {
    if (!r.ok) throw new PartFailed(readFailure(part, r.error));
    out.set(r.id, (r.body as { value?: unknown } | undefined)?.value);
  }
  return out;
}

const quote = (s: string) => s.replace(/'/g, "''");

/** A directory object reference as the snapshot keeps it. */
const reference = (o: Entity) => ({
  "@odata.type": o["@odata.type"] as string | undefined,
  id: o.id,
  userPrincipalName: (o.userPrincipalName as string | null | undefined) ?? null,
  displayName: (o.displayName as string | null | undefined) ?? null,
});

/** The `@odata.*` annotations Graph adds to a collection's items and expanded navigations are not snapshot data. */
function withoutAnnotations<T extends Record<string, unknown>>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (!(k.includes("@odata.") && k !== "@odata.type")) out[k] = v;
  return out as T;
}

const REF_SELECT = "id,userPrincipalName,displayName";

export async function readTenantSnapshot(graph: Reader, options: ReadTenantOptions): Promise<ReadTenantResult> {
  const diagnostics: Diagnostic[] = [];
  const takenAt = options.now().toISOString().replace(/\.\d{3}Z$/, "Z");
  const parts: Partial<Record<SnapshotPart, unknown>> = {};
  const progress = (part: SnapshotPart, items: number) => options.onProgress?.({ part, items });

  const run = async (part: SnapshotPart, read: () => Promise<unknown[] | Entity | null>, onError: (d: Diagnostic) => unknown = (d) => diagnostics.push(d)) => {
    try {
      const value = await read();
      parts[part] = value;
      progress(part, Array.isArray(value) ? value.length : 1);
    } catch (err) {
      onError(err instanceof PartFailed ? err.diagnostic : readFailure(part, err));
    }
  };
  const list = (part: SnapshotPart, filter?: string) => {
    const read: SnapshotRead = SNAPSHOT_READS[part];
    return graph.collect<Entity>(read.path, { version: read.version, query: filter ? { ...read.query, $filter: filter } : read.query });
  };
  const serial = options.device?.serial.toUpperCase();
  // One device asked for: its managed device, read once; its Entra device is found through azureADDeviceId.
  const oneManaged = serial ? list("managedDevices", `serialNumber eq '${quote(options.device!.serial)}'`).then((ds) => ds.filter((d) => String(d.serialNumber ?? "").toUpperCase() === serial)) : null;
  const listEntraDevices = async () => {
    if (!oneManaged) return list("devices");
    // A failed managed-device read is reported by its own part.
    const ids = (await oneManaged.catch(() => [])).map((d) => d.azureADDeviceId).filter((id): id is string => typeof id === "string" && id !== "");
    return (await Promise.all(ids.map((id) => list("devices", `deviceId eq '${quote(id)}'`)))).flat();
  };

  let organization: Entity | null = null;
  await Promise.all([
    run("organization", async () => (organization = (await list("organization"))[0] ?? null)),
    run("users", () => list("users")),
    run("domains", () => list("domains")),
    run("subscribedSkus", () => list("subscribedSkus")),
    run("groups", async () => {
      const groups = await list("groups");
      const members = await readEach(graph, "groups", groups.map((g) => ({ key: `m-${g.id}`, url: `/groups/${g.id}/members?$select=${REF_SELECT}&$top=999` })), "v1.0");
      const transitive = await readEach(graph, "groups", groups.map((g) => ({ key: `t-${g.id}`, url: `/groups/${g.id}/transitiveMembers?$select=${REF_SELECT}&$top=999` })), "v1.0");
      return groups.map((g) => ({ ...withoutAnnotations(g), members: (members.get(`m-${g.id}`) ?? []).map(reference), transitiveMembers: (transitive.get(`t-${g.id}`) ?? []).map(reference) }));
    }),
    run("devices", async () => {
      const devices = await listEntraDevices();
      const owners = await readEach(graph, "devices", devices.map((d) => ({ key: d.id, url: `/devices/${d.id}/registeredOwners?$select=${REF_SELECT}` })), "v1.0");
      return devices.map((d) => ({ ...withoutAnnotations(d), registeredOwners: (owners.get(d.id) ?? []).map(reference) }));
    }),
    run("deviceConfigurations", async () => {
      const configurations = await list("deviceConfigurations");
      const assignments = await readEach(graph, "deviceConfigurations", configurations.map((c) => ({ key: c.id, url: `/deviceManagement/deviceConfigurations/${c.id}/assignments` })), "beta");
      // Intune masks encrypted string values (`****`); the plain text comes from getOmaSettingPlainTextValue.
      const masked = configurations.flatMap((c) =>
        ((c.omaSettings as Entity[] | null | undefined) ?? []).flatMap((s, i) =>
          s.isEncrypted === true && typeof s.secretReferenceValueId === "string" && s.secretReferenceValueId !== ""
            ? [{ key: `${c.id}-${i}`, url: `/deviceManagement/deviceConfigurations/${c.id}/getOmaSettingPlainTextValue(secretReferenceValueId='${quote(s.secretReferenceValueId)}')` }]
            : [],
        ),
      );
      const plain = await readValues(graph, "deviceConfigurations", masked, "beta");
      return configurations.map((c) => ({
        ...withoutAnnotations(c),
        ...(Array.isArray(c.omaSettings)
          ? { omaSettings: (c.omaSettings as Entity[]).map((s, i) => (plain.has(`${c.id}-${i}`) ? { ...s, value: plain.get(`${c.id}-${i}`) as string, isEncrypted: false } : s)) }
          : {}),
        assignments: (assignments.get(c.id) ?? []).map(withoutAnnotations),
      }));
    }),
    run("managedDevices", async () => {
      const devices = await (oneManaged ?? list("managedDevices"));
      const states = await readEach(graph, "managedDevices", devices.map((d) => ({ key: d.id, url: `/deviceManagement/managedDevices/${d.id}/deviceConfigurationStates` })), "v1.0");
      return devices.map((d) => ({
        ...withoutAnnotations(d),
        // Only the settings the device did not report compliant are kept (schema.ts says why).
        deviceConfigurationStates: (states.get(d.id) ?? []).map((s) => ({
          ...withoutAnnotations(s),
          settingStates: ((s.settingStates as Entity[] | null | undefined) ?? []).filter((x) => x.state !== "compliant"),
        })),
      }));
    }),
    run("windowsAutopilotDeviceIdentities", async () =>
      (await list("windowsAutopilotDeviceIdentities")).filter((d) => !serial || String(d.serialNumber ?? "").toUpperCase() === serial).map(withoutAnnotations),
    ),
    run("windowsAutopilotDeploymentProfiles", async () => {
      const profiles = await list("windowsAutopilotDeploymentProfiles");
      const assignments = await readEach(graph, "windowsAutopilotDeploymentProfiles", profiles.map((p) => ({ key: p.id, url: `/deviceManagement/windowsAutopilotDeploymentProfiles/${p.id}/assignments` })), "beta");
      return profiles.map((p) => ({ ...withoutAnnotations(p), assignments: (assignments.get(p.id) ?? []).map(withoutAnnotations) }));
    }),
    run("deviceEnrollmentConfigurations", async () => (await list("deviceEnrollmentConfigurations")).map((c) => ({ ...withoutAnnotations(c), assignments: ((c.assignments as Entity[] | undefined) ?? []).map(withoutAnnotations) }))),
    run(
      "mobileDeviceManagementPolicies",
      async () => (await list("mobileDeviceManagementPolicies")).map((p) => ({ ...withoutAnnotations(p), includedGroups: ((p.includedGroups as Entity[] | undefined) ?? []).map((g) => ({ id: g.id, displayName: (g.displayName as string | null | undefined) ?? null })) })),
      // The MDM user scope has no application permission: with an app's own token it cannot be read, and the
      // audit says `manual` for it instead of stopping.
      (d) => {
        const forbidden = / failed \(403 /.test(d.message);
        if (!forbidden) return diagnostics.push(d);
        parts.mobileDeviceManagementPolicies = [];
        diagnostics.push({ ...d, severity: "warning", code: "HF6031", message: `${d.message} — the MDM user scope is left out of the snapshot`, fix: "Only a signed-in administrator can read the MDM user scope (it has no application permission): run `holofleet login`, then take the snapshot again." });
      },
    ),
    run("deviceRegistrationPolicy", async () => withoutAnnotations((await graph.request<Entity>("GET", SNAPSHOT_READS.deviceRegistrationPolicy.path, { version: "v1.0" })).body)),
  ]);

  if (diagnostics.some((d) => d.severity === "error")) return { snapshot: null, diagnostics };
  const domains = parts.domains as Entity[];
  const org = organization as Entity | null;
  const document = {
    formatVersion: SNAPSHOT_FORMAT_VERSION,
    takenAt,
    tenant: { id: org?.id ?? null, defaultDomain: (domains.find((d) => d.isDefault === true)?.id as string | undefined) ?? null },
    source: graph.baseUrl,
    users: parts.users,
    groups: parts.groups,
    devices: parts.devices,
    domains,
    subscribedSkus: parts.subscribedSkus,
    deviceConfigurations: parts.deviceConfigurations,
    managedDevices: parts.managedDevices,
    windowsAutopilotDeviceIdentities: parts.windowsAutopilotDeviceIdentities,
    windowsAutopilotDeploymentProfiles: parts.windowsAutopilotDeploymentProfiles,
    deviceEnrollmentConfigurations: parts.deviceEnrollmentConfigurations,
    mobileDeviceManagementPolicies: parts.mobileDeviceManagementPolicies,
    deviceRegistrationPolicy: parts.deviceRegistrationPolicy ?? null,
    evidence: options.evidence ?? {},
  };
  // The same validation an offline audit applies: what the tenant answered must be the document it reads.
  const checked = parseSnapshot(JSON.stringify(document), `snapshot of ${graph.baseUrl}`);
  return { snapshot: checked.snapshot, diagnostics: [...diagnostics, ...checked.diagnostics] };
}

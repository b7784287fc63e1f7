/**
 * `fleet import`: devices from a validated hardware-hash CSV into the fleet store and into Windows
 * Autopilot with the program's group tag. Idempotent: a device the tenant already has is only recorded;
 * an import still pending from an earlier run is followed, not sent again. Registration is asynchronous
 * (pending → complete, or error 802/803/806, graph-facts §5.2): the wait is bounded and reports progress.
 */
import { randomUUID } from "node:crypto";
import type { Blueprint } from "../blueprint/types.ts";
import type { Diagnostic } from "../diag/diagnostic.ts";
import type { HardwareHashRow } from "../fleet/hardware-hash-csv.ts";
import type { Device, NewDevice } from "../fleet/store/port.ts";
import type { GraphClient } from "../graph/client.ts";
import type { FleetContext } from "./fleet-context.ts";

const IMPORTED = "/deviceManagement/importedWindowsAutopilotDeviceIdentities";
const REGISTERED = "/deviceManagement/windowsAutopilotDeviceIdentities";

/** Devices per `import` action call: one request per hundred devices keeps each body near 600 KB. */
export const IMPORT_BATCH_SIZE = 100;
/** Polling every 15 s: real imports take 1–2 minutes per batch (graph-facts §5.2). */
export const IMPORT_POLL_MS = 15_000;
/** How long to wait for Autopilot before giving up (the import goes on; a second run picks it up). */
export const IMPORT_TIMEOUT_MS = 10 * 60_000;

export interface ImportedIdentity {
  id: string;
  serialNumber: string | null;
  groupTag: string | null;
  importId: string | null;
  state: { deviceImportStatus: string; deviceRegistrationId: string | null; deviceErrorCode: number; deviceErrorName: string | null };
}

interface RegisteredIdentity {
  id: string;
  serialNumber: string;
  model: string | null;
  groupTag: string | null;
}

export type DeviceOutcome =
  | { serial: string; outcome: "registered"; autopilotId: string }
  | { serial: string; outcome: "already-registered"; autopilotId: string }
  | { serial: string; outcome: "failed"; errorCode: number; errorName: string | null }
  | { serial: string; outcome: "pending" };

export type FleetImportEvent =
  | { type: "recorded"; devices: number }
  | { type: "submitted"; devices: number; requests: number }
  | { type: "progress"; pending: number; complete: number; failed: number; waitedMs: number }
  | { type: "device"; result: DeviceOutcome };

export interface FleetImportOptions {
  batchSize?: number;
  pollMs?: number;
  timeoutMs?: number;
}

export interface FleetImportResult {
  outcomes: DeviceOutcome[];
  /** Warnings and per-device failures, each with its code. */
  diagnostics: Diagnostic[];
}

const upper = (s: string) => s.toUpperCase();

/** The program's allocation of a device: the client and the accounts the blueprint lists it under. */
export function blueprintAllocation(bp: Blueprint, serial: string): { clientId: string; accountUpns: string[] } | null {
  for (const client of bp.clients) {
    const upns = client.accounts.filter((a) => a.devices.some((d) => upper(d) === upper(serial))).map((a) => a.userPrincipalName);
    if (upns.length) return { clientId: client.id, accountUpns: upns };
  }
  return null;
}

/** Records the blueprint's clients and accounts in the store (one event per change, none when unchanged). */
export async function seedClients(ctx: Pick<FleetContext, "store" | "blueprint" | "actor">): Promise<void> {
  for (const client of ctx.blueprint.clients) {
    await ctx.store.clients.put({ id: client.id, displayName: client.displayName }, ctx.actor);
    for (const account of client.accounts) {
      const known = await ctx.store.accounts.get(account.userPrincipalName);
      if (!known || known.clientId !== client.id || known.displayName !== account.displayName) {
        await ctx.store.accounts.put({ upn: account.userPrincipalName, clientId: client.id, displayName: account.displayName }, ctx.actor);
      }
    }
  }
}

async function registeredBySerial(graph: GraphClient): Promise<Map<string, RegisteredIdentity>> {
  const all = await graph.collect<RegisteredIdentity>(REGISTERED, { query: { $select: "id,serialNumber,model,groupTag" } });
  return new Map(all.map((d) => [upper(d.serialNumber), d]));
}

async function importedRecords(graph: GraphClient): Promise<ImportedIdentity[]> {
  return graph.collect<ImportedIdentity>(IMPORTED);
}

/**
 * Checks that nothing in the store contradicts the file (a serial known under another hash); returns
 * the problems, so the import writes nothing when there is one.
 */
async function storeConflicts(ctx: FleetContext, rows: readonly HardwareHashRow[], file: string): Promise<{ known: Map<string, Device>; problems: Diagnostic[] }> {
  const known = new Map<string, Device>();
  const problems: Diagnostic[] = [];
  for (const row of rows) {
    const device = await ctx.store.devices.get(row.serialNumber);
    if (!device) continue;
    known.set(upper(row.serialNumber), device);
    if (device.hardwareHash !== null && device.hardwareHash !== row.hardwareHash) {
      problems.push({
        severity: "error",
        code: "HF8101",
        message: `device ${row.serialNumber} is already in the fleet store with another hardware hash`,
        fix: "Check the serial number; a device keeps its hardware hash unless its motherboard is replaced.",
        source: { file, start: { line: row.line, col: 1 } },
      });
    }
  }
  return { known, problems };
}

/** Sends one batch through the `import` action; an ambiguous failure is checked by its importId first. */
async function submitBatch(graph: GraphClient, rows: readonly HardwareHashRow[], groupTag: string): Promise<ImportedIdentity[]> {
  const importId = randomUUID();
  const body = {
    importedWindowsAutopilotDeviceIdentities: rows.map((r) => ({
      "@odata.type": "#microsoft.graph.importedWindowsAutopilotDeviceIdentity",
      serialNumber: r.serialNumber,
      productKey: r.productId ?? "",
      hardwareIdentifier: r.hardwareHash,
      groupTag,
      importId,
    })),
  };
  const res = await graph.request<{ value: ImportedIdentity[] }>("POST", `${IMPORTED}/import`, {
    body,
    alreadyApplied: async ({ lookup }) => {
      const seen = await lookup<{ value: ImportedIdentity[] }>("GET", IMPORTED);
      const ours = seen.body.value.filter((d) => d.importId === importId);
      return ours.length ? { applied: true, body: { value: ours } } : { applied: false };
    },
  });
  return res.body.value;
}

/**
 * Imports `rows` (already validated by the CSV reader). Nothing is written when a row contradicts the
 * store. The imported records are deleted once settled, as Microsoft's tooling expects.
 */
export async function importDevices(
  ctx: FleetContext,
  input: { rows: readonly HardwareHashRow[]; file: string },
  opts: FleetImportOptions = {},
  onEvent: (e: FleetImportEvent) => void = () => {},
): Promise<FleetImportResult> {
  const groupTag = ctx.blueprint.devices.autopilot.groupTag;
  const diagnostics: Diagnostic[] = [];
  for (const row of input.rows) {
    if (row.groupTag !== null && row.groupTag !== groupTag) {
      diagnostics.push({
        severity: "warning",
        code: "HF8102",
        message: `device ${row.serialNumber} has the group tag ${row.groupTag} in the file; it is registered with the program's group tag ${groupTag}`,
        source: { file: input.file, start: { line: row.line, col: 1 } },
      });
    }
  }
  const { known, problems } = await storeConflicts(ctx, input.rows, input.file);
  if (problems.length) return { outcomes: [], diagnostics: [...diagnostics, ...problems] };

  await seedClients(ctx);
  const fresh: NewDevice[] = input.rows
    .filter((r) => !known.has(upper(r.serialNumber)))
    .map((r) => ({ serial: r.serialNumber, hardwareHash: r.hardwareHash, productId: r.productId, groupTag }));
  const added = fresh.length ? await ctx.store.devices.add(fresh, ctx.actor) : [];
  for (const device of added) known.set(upper(device.serial), device);
  for (const device of added) {
    const allocation = blueprintAllocation(ctx.blueprint, device.serial);
    if (allocation) {
      await ctx.store.events.append({ actor: ctx.actor, action: "device.allocated", subjectType: "device", subjectId: device.serial, after: { ...allocation, source: "blueprint" } });
    }
  }
  onEvent({ type: "recorded", devices: added.length });

  const outcomes = new Map<string, DeviceOutcome>();
  const settle = async (serial: string, autopilotId: string, outcome: "registered" | "already-registered", registered?: RegisteredIdentity) => {
    const device = known.get(upper(serial))!;
    if (device.autopilotId !== autopilotId) {
      const updated = await ctx.store.devices.updateTenantIds(device.serial, device.version, { autopilotId, ...(registered?.model ? { model: registered.model } : {}) }, ctx.actor);
      known.set(upper(serial), updated);
    }
    const result: DeviceOutcome = { serial: device.serial, outcome, autopilotId };
    outcomes.set(upper(serial), result);
    onEvent({ type: "device", result });
  };

  // Idempotent: an import an earlier run sent (pending, or settled but not yet cleaned up) is followed,
  // a device the tenant already has is only recorded; the rest is sent.
  const serials = new Set(input.rows.map((r) => upper(r.serialNumber)));
  const inFlight = new Map<string, ImportedIdentity>();
  for (const rec of await importedRecords(ctx.graph)) {
    if (rec.serialNumber && serials.has(upper(rec.serialNumber))) inFlight.set(upper(rec.serialNumber), rec);
  }
  const registered = await registeredBySerial(ctx.graph);
  const toSubmit: HardwareHashRow[] = [];
  for (const row of input.rows) {
    if (inFlight.has(upper(row.serialNumber))) continue;
    const reg = registered.get(upper(row.serialNumber));
    if (reg) await settle(row.serialNumber, reg.id, "already-registered", reg);
    else toSubmit.push(row);
  }

  const batchSize = opts.batchSize ?? IMPORT_BATCH_SIZE;
  let requests = 0;
  for (let i = 0; i < toSubmit.length; i += batchSize) {
    for (const rec of await submitBatch(ctx.graph, toSubmit.slice(i, i + batchSize), groupTag)) {
      if (rec.serialNumber) inFlight.set(upper(rec.serialNumber), rec);
    }
    requests++;
  }
  if (toSubmit.length) {
    onEvent({ type: "submitted", devices: toSubmit.length, requests });
    await ctx.store.events.append({ actor: ctx.actor, action: "autopilot.import-submitted", subjectType: "fleet", subjectId: groupTag, after: { devices: toSubmit.length, requests } });
  }

  // Follow the imports until each settles or the wait ends.
  const pollMs = opts.pollMs ?? IMPORT_POLL_MS;
  const timeoutMs = opts.timeoutMs ?? IMPORT_TIMEOUT_MS;
  let waitedMs = 0;
  const ours = new Set(inFlight.keys());
  while (ours.size > 0) {
    const records = (await importedRecords(ctx.graph)).filter((r) => r.serialNumber && ours.has(upper(r.serialNumber)) && r.id === inFlight.get(upper(r.serialNumber))?.id);
    const settled = records.filter((r) => r.state.deviceImportStatus === "complete" || r.state.deviceImportStatus === "error");
    if (settled.length) {
      const nowRegistered = settled.some((r) => r.state.deviceImportStatus === "complete") ? await registeredBySerial(ctx.graph) : new Map<string, RegisteredIdentity>();
      for (const rec of settled) {
        const serial = rec.serialNumber!;
        if (rec.state.deviceImportStatus === "complete" && rec.state.deviceRegistrationId) {
          await settle(serial, rec.state.deviceRegistrationId, "registered", nowRegistered.get(upper(serial)));
        } else {
          const result: DeviceOutcome = { serial, outcome: "failed", errorCode: rec.state.deviceErrorCode, errorName: rec.state.deviceErrorName };
          outcomes.set(upper(serial), result);
          onEvent({ type: "device", result });
          const row = input.rows.find((r) => upper(r.serialNumber) === upper(serial));
          diagnostics.push({
            severity: "error",
            code: "HF8103",
            message: `Autopilot did not register ${serial}: ${rec.state.deviceErrorCode} ${rec.state.deviceErrorName ?? ""}`.trimEnd(),
            fix: importErrorFix(rec.state.deviceErrorCode),
            ...(row ? { source: { file: input.file, start: { line: row.line, col: 1 } } } : {}),
          });
          await ctx.store.events.append({ actor: ctx.actor, action: "autopilot.import-failed", subjectType: "device", subjectId: serial, after: { errorCode: rec.state.deviceErrorCode, errorName: rec.state.deviceErrorName } });
        }
        // Microsoft's tooling deletes an imported record once it has settled (graph-facts §5.2 step 5).
        await ctx.graph.request("DELETE", `${IMPORTED}/{id}`, { params: { id: rec.id } });
        ours.delete(upper(serial));
      }
    }
    // A record that vanished (deleted by someone else) cannot be followed: it stays pending here.
    for (const serial of [...ours]) if (!records.some((r) => upper(r.serialNumber!) === serial)) ours.delete(serial);
    const pending = records.length - settled.length;
    const count = (o: DeviceOutcome["outcome"]) => [...outcomes.values()].filter((x) => x.outcome === o).length;
    onEvent({ type: "progress", pending, complete: count("registered") + count("already-registered"), failed: count("failed"), waitedMs });
    if (ours.size === 0 || waitedMs >= timeoutMs) break;
    await ctx.wait(pollMs);
    waitedMs += pollMs;
  }
  for (const row of input.rows) {
    if (!outcomes.has(upper(row.serialNumber))) {
      const result: DeviceOutcome = { serial: row.serialNumber, outcome: "pending" };
      outcomes.set(upper(row.serialNumber), result);
      onEvent({ type: "device", result });
      diagnostics.push({
        severity: "warning",
        code: "HF8104",
        message: `Autopilot has not finished registering ${row.serialNumber} after ${Math.round(waitedMs / 1000)} s`,
        fix: "Run the same `holofleet fleet import` again later: it follows the pending import instead of sending it again.",
        source: { file: input.file, start: { line: row.line, col: 1 } },
      });
    }
  }
  return { outcomes: input.rows.map((r) => outcomes.get(upper(r.serialNumber))!), diagnostics };
}

function importErrorFix(code: number): string {
  switch (code) {
    case 802:
      return "The hardware hash is not a 4K hash: export it again from the device (Settings > Update & Security > Reset & recovery > Collect logs, or AutopilotDiagnostics.zip).";
    case 803:
      return "The row has neither a serial number nor a product key.";
    case 806:
      return "This hardware hash is already registered in the tenant (under another serial number or by another import): find it in Intune > Devices > Windows > Windows enrollment > Devices.";
    case 808:
      return "The device is registered in another organisation's tenant: that organisation (or its reseller) must deregister it first.";
    default:
      return "See Microsoft's Autopilot import error codes.";
  }
}

/**
 * `loan prepare` and `loan ship`: a device goes to a client. Each checks the tenant first (loan-checks.ts)
 * and changes nothing when a check fails; the store's compare-and-set then lets exactly one of two
 * operators move the device. Prepare rotates the accounts' passwords when the policy asks
 * (`rotationDueOnShip`); ship makes the handoff sheet. Passwords are returned to the caller to show once.
 */
import type { Client } from "../blueprint/types.ts";
import { UserError, type Diagnostic } from "../diag/diagnostic.ts";
import { planTransition, rotationDueOnShip, type LoanAction } from "../fleet/loan-state.ts";
import type { Device, Loan } from "../fleet/store/port.ts";
import { checkAccounts, checkDevice } from "./loan-checks.ts";
import { handoffPdf } from "./loan-handoff-sheet.ts";
import type { FleetContext } from "./fleet-context.ts";
import { rotatePassword, type RotatedPassword } from "./passwords-rotate.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

export interface LendRequest {
  serial: string;
  clientId: string;
  /** Expected return (a date or ISO time); default: now + the client's loanDays. */
  until?: string;
}

export interface LendResult {
  device: Device;
  loan: Loan;
  /** Passwords rotated on the way (show once). */
  rotated: RotatedPassword[];
  /** The handoff sheet (ship only). */
  handoff: Uint8Array | null;
}

function fail(code: string, message: string, fix?: string): never {
  throw new UserError("", [{ severity: "error", code, message, ...(fix ? { fix } : {}) }]);
}

export async function loadDevice(ctx: FleetContext, serial: string): Promise<Device> {
  const device = await ctx.store.devices.get(serial);
  if (!device) fail("HF8105", `no device ${serial} in the fleet store`, "List the devices with `holofleet fleet list`, or import it with `holofleet fleet import <csv>`.");
  return device;
}

function blueprintClient(ctx: FleetContext, clientId: string): Client {
  const client = ctx.blueprint.clients.find((c) => c.id === clientId);
  if (!client) fail("HF8110", `no client ${clientId} in the blueprint`, `Use one of: ${ctx.blueprint.clients.map((c) => c.id).join(", ")}.`);
  return client;
}

/** A transition the state machine refuses now → HF8106 with every reason; nothing is read or written after. */
export function assertTransition(device: Device, action: LoanAction, ctx: Parameters<typeof planTransition>[2]): void {
  const plan = planTransition(device.state, action, ctx);
  if (!plan.ok) throw new UserError("", plan.problems.map((p): Diagnostic => ({ severity: "error", code: "HF8106", message: `${device.serial}: ${p.message}` })));
}

/**
 * The accounts that sign in on the device at this client: those the blueprint lists the device under
 * (its initial allocation), else all the client's accounts.
 */
export function loanAccounts(client: Client, serial: string): string[] {
  const listed = client.accounts.filter((a) => a.devices.some((d) => d.toUpperCase() === serial.toUpperCase()));
  return (listed.length ? listed : client.accounts).map((a) => a.userPrincipalName);
}

/** The expected return: `until` (a date means the end of that day, UTC), else now + the client's loanDays. */
export function expectedReturn(client: Client, until: string | undefined, now: Date): string {
  if (until !== undefined) {
    const at = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(until) ? `${until}T23:59:59.999Z` : until);
    if (Number.isNaN(at)) fail("HF8106", `--until ${until} is not a date (e.g. 2026-03-31)`);
    return new Date(at).toISOString();
  }
  if (client.loanDays === null) fail("HF8106", `client ${client.id} has no loanDays in the blueprint`, "Give the expected return with --until <date>, or set clients[].loanDays.");
  return new Date(now.getTime() + client.loanDays * DAY_MS).toISOString();
}

async function tenantChecks(ctx: FleetContext, device: Device, client: Client, upns: readonly string[]): Promise<void> {
  const { problems } = await checkDevice(ctx, device);
  problems.push(...(await checkAccounts(ctx, client, upns)));
  if (problems.length) throw new UserError(`${device.serial} does not go to ${client.id}: fix the tenant first; nothing was changed`, problems);
}

/** The client the device was last lent to (its last closed loan), or null. */
export async function lastClientOf(ctx: FleetContext, serial: string): Promise<string | null> {
  const loans = await ctx.store.loans.list({ serial });
  const closed = loans.filter((l) => l.state === "returned").sort((a, b) => b.id - a.id);
  return closed[0]?.clientId ?? null;
}

export async function prepareLoan(ctx: FleetContext, req: LendRequest): Promise<LendResult> {
  const client = blueprintClient(ctx, req.clientId);
  const device = await loadDevice(ctx, req.serial);
  const now = ctx.now();
  const accountUpns = loanAccounts(client, device.serial);
  const input = { clientId: client.id, accountUpns, expectedReturn: expectedReturn(client, req.until, now) };
  assertTransition(device, "prepare", { now, input, loan: null });
  await tenantChecks(ctx, device, client, accountUpns);
  await ctx.store.clients.put({ id: client.id, displayName: client.displayName }, ctx.actor);
  for (const a of client.accounts) {
    if (!(await ctx.store.accounts.get(a.userPrincipalName))) await ctx.store.accounts.put({ upn: a.userPrincipalName, clientId: client.id, displayName: a.displayName }, ctx.actor);
  }
  const lastClient = await lastClientOf(ctx, device.serial);
  const moved = await ctx.store.loans.transition({ serial: device.serial, action: "prepare", expected: { state: device.state, version: device.version }, input }, ctx.actor);
  const reason = rotationDueOnShip(ctx.blueprint.passwords.policy, lastClient, client.id);
  const rotated: RotatedPassword[] = [];
  if (reason) for (const upn of accountUpns) rotated.push(await rotatePassword(ctx, upn, reason, moved.loan!.id));
  return { device: moved.device, loan: moved.loan!, rotated, handoff: null };
}

/** Ships a prepared device (an in-stock one is prepared first, for the same client). */
export async function shipLoan(ctx: FleetContext, req: LendRequest): Promise<LendResult> {
  const client = blueprintClient(ctx, req.clientId);
  let device = await loadDevice(ctx, req.serial);
  let rotated: RotatedPassword[] = [];
  if (device.state === "in-stock") {
    const prepared = await prepareLoan(ctx, req);
    device = prepared.device;
    rotated = prepared.rotated;
  }
  assertTransition(device, "ship", { now: ctx.now(), input: {}, loan: null });
  const loan = await ctx.store.loans.current(device.serial);
  if (!loan) fail("HF8106", `${device.serial} is ${device.state} but has no open loan`);
  if (loan.clientId !== client.id) fail("HF8106", `${device.serial} is prepared for ${loan.clientId}, not ${client.id}`, `Cancel that loan first, or ship it to ${loan.clientId}.`);
  await tenantChecks(ctx, device, client, loan.accountUpns);
  const moved = await ctx.store.loans.transition({ serial: device.serial, action: "ship", expected: { state: device.state, version: device.version } }, ctx.actor);
  const handoff = await handoffPdf({
    programName: ctx.blueprint.metadata.name,
    organisation: ctx.blueprint.tenant.domain,
    clientName: client.displayName,
    serial: device.serial,
    accounts: loan.accountUpns,
    expectedReturn: loan.expectedReturn,
    supportContact: ctx.blueprint.loans?.supportContact ?? null,
    issuedAt: ctx.now().toISOString(),
  });
  await ctx.store.events.append({ actor: ctx.actor, action: "loan.handoff-sheet", subjectType: "device", subjectId: device.serial, after: { loanId: loan.id, clientId: client.id, accounts: loan.accountUpns } });
  return { device: moved.device, loan: moved.loan!, rotated, handoff };
}

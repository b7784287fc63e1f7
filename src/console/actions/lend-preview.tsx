/**
 * What a prepare or ship would do, for its confirmation page, read through the operations layer's own
 * functions (the accounts a loan covers, the expected return, whether the policy rotates passwords): the
 * confirmation says exactly what the POST will do. Nothing is changed here.
 */
import { rotationDueOnShip } from "../../fleet/loan-state.ts";
import { expectedReturn, lastClientOf, loadDevice, loanAccounts } from "../../operations/loan-lend.ts";
import type { ConsoleDeps } from "../deps.ts";
import { consoleActor } from "../deps.ts";
import { invalidField, optionalDate, requireField, type ActionContext } from "./action-kit.tsx";

export interface LendPreview {
  serial: string;
  deviceState: string;
  clientId: string;
  clientName: string;
  accounts: string[];
  expectedReturn: string;
  /** Why passwords rotate, or null when they do not. */
  rotation: string | null;
  /** The device is prepared already (ship only): the open loan's client and accounts stand. */
  prepared: boolean;
  until?: string;
}

export async function lendPreview(deps: ConsoleDeps, c: ActionContext, fields: Record<string, string>): Promise<LendPreview> {
  const serial = requireField(fields, "serial", "The device's serial number");
  const clientId = requireField(fields, "client", "The client");
  const until = optionalDate(fields, "until");
  const ctx = deps.fleetFor(consoleActor(c.get("viewer")));
  const client = deps.blueprint.clients.find((x) => x.id === clientId);
  if (!client) throw invalidField(`no client ${clientId} in the blueprint (one of: ${deps.blueprint.clients.map((x) => x.id).join(", ")})`);
  const device = await loadDevice(ctx, serial);
  const open = await deps.store.loans.current(device.serial);
  if (open && device.state === "prepared") {
    return { serial: device.serial, deviceState: device.state, clientId: open.clientId, clientName: client.displayName, accounts: open.accountUpns, expectedReturn: open.expectedReturn, rotation: null, prepared: true, until };
  }
  const last = await lastClientOf(ctx, device.serial);
  return {
    serial: device.serial,
    deviceState: device.state,
    clientId: client.id,
    clientName: client.displayName,
    accounts: loanAccounts(client, device.serial),
    expectedReturn: expectedReturn(client, until, deps.now()),
    rotation: rotationDueOnShip(deps.blueprint.passwords.policy, last, client.id),
    prepared: false,
    until,
  };
}

export function LendSummary(props: { preview: LendPreview; ship: boolean }) {
  const p = props.preview;
  return (
    <dl class="summary">
      <dt>Device</dt>
      <dd>
        {p.serial} (now {p.deviceState})
      </dd>
      <dt>Client</dt>
      <dd>
        {p.clientName} ({p.clientId})
      </dd>
      <dt>Accounts that sign in on it</dt>
      <dd>{p.accounts.join(", ")}</dd>
      <dt>Expected back</dt>
      <dd>{p.expectedReturn.slice(0, 10)}</dd>
      <dt>Passwords</dt>
      <dd>{p.rotation ? `rotated now (${p.rotation}); the new ones are shown once on the next page` : "not rotated (the password policy does not ask for it now)"}</dd>
      {props.ship ? (
        <>
          <dt>Handoff sheet</dt>
          <dd>a PDF for the client (device, accounts, how to sign in, support contact — never a password)</dd>
        </>
      ) : null}
      <dt>Checks first</dt>
      <dd>the device passes the audit's device rules; the accounts exist, are licensed and sit in the client's group — if not, nothing changes</dd>
    </dl>
  );
}

/** Maps table rows (schema.ts) to the port's records (port.ts). */
import type { Selectable } from "kysely";
import type { DeviceState, RotationReason } from "../loan-state.ts";
import type { Client, ClientAccount, ConsoleRole, ConsoleSession, ConsoleUser, Device, FleetEvent, Loan, LoanRecordState, PasswordRotation } from "./port.ts";
import type { FleetDatabase } from "./schema.ts";

type Row<T extends keyof FleetDatabase> = Selectable<FleetDatabase[T]>;

export const toDevice = (r: Row<"devices">): Device => ({
  serial: r.serial,
  hardwareHash: r.hardware_hash,
  productId: r.product_id,
  model: r.model,
  groupTag: r.group_tag,
  entraDeviceId: r.entra_device_id,
  intuneManagedDeviceId: r.intune_managed_device_id,
  autopilotId: r.autopilot_id,
  state: r.state as DeviceState,
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export const toClient = (r: Row<"clients">): Client => ({ id: r.id, displayName: r.display_name, version: r.version, createdAt: r.created_at, updatedAt: r.updated_at });

export const toAccount = (r: Row<"client_accounts">): ClientAccount => ({
  upn: r.upn,
  clientId: r.client_id,
  displayName: r.display_name,
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export const toLoan = (r: Row<"loans">, accountUpns: string[]): Loan => ({
  id: r.id,
  deviceSerial: r.device_serial,
  clientId: r.client_id,
  accountUpns: [...accountUpns].sort(),
  state: r.state as LoanRecordState,
  expectedReturn: r.expected_return,
  preparedAt: r.prepared_at,
  shippedAt: r.shipped_at,
  deliveredAt: r.delivered_at,
  returnedAt: r.returned_at,
  closedAt: r.closed_at,
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export const toRotation = (r: Row<"password_rotations">): PasswordRotation => ({
  id: r.id,
  upn: r.upn,
  rotatedAt: r.rotated_at,
  rotatedBy: r.rotated_by,
  reason: r.reason as RotationReason,
  loanId: r.loan_id,
});

export const toEvent = (r: Row<"events">): FleetEvent => ({
  id: r.id,
  at: r.at,
  actor: r.actor,
  action: r.action,
  subjectType: r.subject_type,
  subjectId: r.subject_id,
  before: r.before_json === null ? null : JSON.parse(r.before_json),
  after: r.after_json === null ? null : JSON.parse(r.after_json),
});

export const toConsoleUser = (r: Row<"console_users">): ConsoleUser => ({
  name: r.name,
  role: r.role as ConsoleRole,
  passwordHash: r.password_hash,
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export const toSession = (r: Row<"console_sessions">): ConsoleSession => ({
  tokenHash: r.token_hash,
  userName: r.user_name,
  via: r.via as ConsoleSession["via"],
  role: r.role as ConsoleRole | null,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  lastSeenAt: r.last_seen_at,
});

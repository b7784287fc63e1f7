/**
 * The fleet store's port: small interfaces, one per kind of record, that SQLite and PostgreSQL both
 * implement (sqlite.ts, postgres.ts) and one contract suite checks (store.contract.ts). Every write
 * appends its event to the log in the same transaction, so the log tells the whole story or nothing.
 * Times are ISO 8601 UTC strings (`2026-03-01T12:00:00.000Z`) in both databases. Nothing here holds a
 * password: rotations record who, when and why; console users hold a scrypt/argon2 hash only.
 */
import type { DeviceState, LoanAction, RotationReason, TransitionInput } from "../loan-state.ts";

/** Who acted: an operator's name (`cli:alice`, a console user). Recorded in the event log. */
export type Actor = string;

export interface Device {
  serial: string;
  /** The Autopilot 4K hardware hash (base64), when known. */
  hardwareHash: string | null;
  /** "Windows Product ID" from the hardware-hash CSV. */
  productId: string | null;
  model: string | null;
  groupTag: string | null;
  /** The Entra device object's `deviceId`. */
  entraDeviceId: string | null;
  /** Intune's `managedDevice` id. */
  intuneManagedDeviceId: string | null;
  /** The `windowsAutopilotDeviceIdentity` id. */
  autopilotId: string | null;
  state: DeviceState;
  /** Goes up by one with every change: the compare-and-set token of optimistic concurrency. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

export type NewDevice = Pick<Device, "serial"> &
  Partial<Pick<Device, "hardwareHash" | "productId" | "model" | "groupTag" | "entraDeviceId" | "intuneManagedDeviceId" | "autopilotId">>;

/** What the tenant tells us about a device (Autopilot registration, Entra join, Intune enrolment). */
export type DeviceTenantIds = Partial<Pick<Device, "model" | "groupTag" | "entraDeviceId" | "intuneManagedDeviceId" | "autopilotId">>;

/** What a device list can be ordered by; ties are broken by serial, so pages never overlap. */
export const DEVICE_SORTS = ["serial", "state", "client", "model", "updated"] as const;
export type DeviceSort = (typeof DEVICE_SORTS)[number];

export interface DeviceQuery {
  state?: DeviceState;
  /** Serials starting with this text. */
  serialPrefix?: string;
  /** Devices whose open loan is with this client. */
  clientId?: string;
  /** Order (default serial); `client` is the open loan's client, devices without one (or without a model) after the others. */
  sort?: DeviceSort;
  /** The exact reverse of the ascending order. */
  descending?: boolean;
  /** Page size (default 100, at most 1000) and offset. */
  limit?: number;
  offset?: number;
}

/** A device as a list shows it: with its open loan, when it has one. */
export interface DeviceListItem extends Device {
  openLoan: { id: number; clientId: string; expectedReturn: string } | null;
}

export interface DeviceStore {
  /** Adds all the devices or none; a serial or hash already known is a `duplicate` StoreError. */
  add(devices: readonly NewDevice[], actor: Actor): Promise<Device[]>;
  get(serial: string): Promise<Device | null>;
  list(query?: DeviceQuery): Promise<{ devices: Device[]; total: number }>;
  /** One page of `list` with each device's open loan: one paged query and one count. */
  listWithLoans(query?: DeviceQuery): Promise<{ devices: DeviceListItem[]; total: number }>;
  /** How many devices are in each state (every state, zeros included). */
  countByState(): Promise<Record<DeviceState, number>>;
  /** Records tenant ids if the device is still at `expectedVersion` (else a `conflict`). */
  updateTenantIds(serial: string, expectedVersion: number, ids: DeviceTenantIds, actor: Actor): Promise<Device>;
}

export interface Client {
  /** The blueprint's client id. */
  id: string;
  displayName: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface ClientStore {
  /** Adds the client, or updates its display name (one event either way, none when nothing changed). */
  put(client: Pick<Client, "id" | "displayName">, actor: Actor): Promise<Client>;
  get(id: string): Promise<Client | null>;
  list(): Promise<Client[]>;
}

export interface ClientAccount {
  upn: string;
  clientId: string;
  displayName: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface ClientAccountStore {
  /** Adds the account or updates it; its client must exist (`not-found`). */
  put(account: Pick<ClientAccount, "upn" | "clientId"> & { displayName?: string | null }, actor: Actor): Promise<ClientAccount>;
  get(upn: string): Promise<ClientAccount | null>;
  list(query?: { clientId?: string }): Promise<ClientAccount[]>;
}

export const LOAN_RECORD_STATES = ["open", "returned", "cancelled", "lost"] as const;
/** A loan record's own state; where the device is in its life cycle is the device's `state`. */
export type LoanRecordState = (typeof LOAN_RECORD_STATES)[number];

export interface Loan {
  id: number;
  deviceSerial: string;
  clientId: string;
  accountUpns: string[];
  state: LoanRecordState;
  expectedReturn: string;
  preparedAt: string;
  shippedAt: string | null;
  deliveredAt: string | null;
  returnedAt: string | null;
  closedAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface LoanTransitionRequest {
  serial: string;
  action: LoanAction;
  /** The device as the operator saw it: the transition happens only if it is still so (compare-and-set). */
  expected: { state: DeviceState; version: number };
  input?: TransitionInput;
}

export interface LoanTransitionResult {
  device: Device;
  /** The loan the transition opened or changed; null for transitions that touch no loan (start-reset, restock). */
  loan: Loan | null;
  event: FleetEvent;
}

export interface LoanQuery {
  serial?: string;
  clientId?: string;
  state?: LoanRecordState;
  /** Open loans whose expected return is before this time (overdue now, or due soon). */
  dueBefore?: string;
}

export interface LoanStore {
  /**
   * Moves a device through its life cycle (loan-state.ts) and its loan with it, in one transaction. Two
   * operators acting on one device at once: exactly one wins, the other gets a `conflict` StoreError.
   */
  transition(request: LoanTransitionRequest, actor: Actor): Promise<LoanTransitionResult>;
  get(id: number): Promise<Loan | null>;
  /** The device's open loan, or null. */
  current(serial: string): Promise<Loan | null>;
  list(query?: LoanQuery): Promise<Loan[]>;
}

export interface PasswordRotation {
  id: number;
  upn: string;
  rotatedAt: string;
  rotatedBy: Actor;
  reason: RotationReason;
  loanId: number | null;
}

/** A rotation as recorded: exactly these fields (the store copies no other property, so no password can ride along). */
export interface NewPasswordRotation {
  upn: string;
  reason: RotationReason;
  loanId?: number | null;
}

export interface PasswordRotationStore {
  record(rotation: NewPasswordRotation, actor: Actor): Promise<PasswordRotation>;
  list(query?: { upn?: string }): Promise<PasswordRotation[]>;
  /** The last rotation time of each account that has one. */
  lastRotatedAt(upns: readonly string[]): Promise<Map<string, string>>;
}

export interface FleetEvent {
  id: number;
  at: string;
  actor: Actor;
  /** `device.added`, `loan.ship`, `password.rotated`, … or an operation's own name. */
  action: string;
  subjectType: string;
  subjectId: string;
  before: unknown;
  after: unknown;
}

export type NewFleetEvent = Pick<FleetEvent, "actor" | "action" | "subjectType" | "subjectId"> & { before?: unknown; after?: unknown };

export interface EventQuery {
  subjectType?: string;
  subjectId?: string;
  /** Only events of this action (`apply.run`, `loan.ship`, …). */
  action?: string;
  /** Events after this id (for following the log). */
  afterId?: number;
  /** Newest first (default: oldest first), e.g. the last apply, or a device's latest events. */
  newestFirst?: boolean;
  limit?: number;
}

/** Append-only: there is no way to change or remove an event (and both databases refuse it). */
export interface EventLog {
  /** For operations that are not a store write (a Graph call, a sign-in); writes log their own events. */
  append(event: NewFleetEvent): Promise<FleetEvent>;
  list(query?: EventQuery): Promise<FleetEvent[]>;
}

export const CONSOLE_ROLES = ["viewer", "operator", "admin"] as const;
export type ConsoleRole = (typeof CONSOLE_ROLES)[number];

export interface ConsoleUser {
  name: string;
  role: ConsoleRole;
  /** `scrypt$…` or `$argon2…`; the store refuses anything else, so a plain password cannot be stored. */
  passwordHash: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface ConsoleUserStore {
  add(user: Pick<ConsoleUser, "name" | "role" | "passwordHash">, actor: Actor): Promise<ConsoleUser>;
  get(name: string): Promise<ConsoleUser | null>;
  list(): Promise<ConsoleUser[]>;
  setPasswordHash(name: string, expectedVersion: number, passwordHash: string, actor: Actor): Promise<ConsoleUser>;
}

export interface ConsoleSession {
  /** SHA-256 (hex) of the session cookie's token; the token itself is never stored. */
  tokenHash: string;
  /** A local account's name, or the Entra user's UPN. */
  userName: string;
  /** How the person signed in: a local account (its role is read from `console_users`) or Entra ID. */
  via: "local" | "entra";
  /** Entra sessions only: the role mapped from the user's groups at sign-in; null for local sessions. */
  role: ConsoleRole | null;
  createdAt: string;
  /** The absolute end of the session. */
  expiresAt: string;
  /** When it was last used (the console ends idle sessions). */
  lastSeenAt: string;
}

export interface ConsoleSessionStore {
  /** A local session's user must exist (`not-found`); an Entra session carries its role. */
  create(session: Pick<ConsoleSession, "tokenHash" | "userName" | "expiresAt"> & Partial<Pick<ConsoleSession, "via" | "role">>): Promise<ConsoleSession>;
  /** The session if it exists and has not expired. */
  find(tokenHash: string): Promise<ConsoleSession | null>;
  /** Records that the session was used now (store clock). */
  touch(tokenHash: string): Promise<void>;
  delete(tokenHash: string): Promise<void>;
  /** Removes expired sessions; returns how many. */
  deleteExpired(): Promise<number>;
}

/** The fleet store: the small stores side by side, over one database. */
export interface FleetStore {
  readonly kind: "sqlite" | "postgres";
  readonly devices: DeviceStore;
  readonly clients: ClientStore;
  readonly accounts: ClientAccountStore;
  readonly loans: LoanStore;
  readonly passwordRotations: PasswordRotationStore;
  readonly events: EventLog;
  readonly consoleUsers: ConsoleUserStore;
  readonly sessions: ConsoleSessionStore;
  close(): Promise<void>;
}

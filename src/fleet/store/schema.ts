/**
 * The fleet store's tables as kysely sees them (snake_case, as in both databases). Rows are mapped to
 * the port's camelCase records in rows.ts; nothing outside the store uses these types.
 */
import type { Generated } from "kysely";

export interface DevicesTable {
  serial: string;
  hardware_hash: string | null;
  product_id: string | null;
  model: string | null;
  group_tag: string | null;
  entra_device_id: string | null;
  intune_managed_device_id: string | null;
  autopilot_id: string | null;
  state: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface ClientsTable {
  id: string;
  display_name: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface ClientAccountsTable {
  upn: string;
  client_id: string;
  display_name: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface LoansTable {
  id: Generated<number>;
  device_serial: string;
  client_id: string;
  state: string;
  expected_return: string;
  prepared_at: string;
  shipped_at: string | null;
  delivered_at: string | null;
  returned_at: string | null;
  closed_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface LoanAccountsTable {
  loan_id: number;
  upn: string;
}

export interface PasswordRotationsTable {
  id: Generated<number>;
  upn: string;
  rotated_at: string;
  rotated_by: string;
  reason: string;
  loan_id: number | null;
}

export interface EventsTable {
  id: Generated<number>;
  at: string;
  actor: string;
  action: string;
  subject_type: string;
  subject_id: string;
  before_json: string | null;
  after_json: string | null;
}

export interface ConsoleUsersTable {
  name: string;
  role: string;
  password_hash: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface ConsoleSessionsTable {
  token_hash: string;
  user_name: string;
  via: string;
  role: string | null;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
}

export interface FleetDatabase {
  devices: DevicesTable;
  clients: ClientsTable;
  client_accounts: ClientAccountsTable;
  loans: LoansTable;
  loan_accounts: LoanAccountsTable;
  password_rotations: PasswordRotationsTable;
  events: EventsTable;
  console_users: ConsoleUsersTable;
  console_sessions: ConsoleSessionsTable;
}

/**
 * The evidence files holofleet reads and the exact commands that collect them. Each command selects the
 * properties the audit reads, writes enum values as text and lists as arrays, and saves UTF-8 (Windows
 * PowerShell's `>` would write UTF-16; both are read).
 */
import type { EvidenceKind } from "./schema.ts";

export interface EvidenceKindInfo {
  /** The file name `--evidence <dir>` looks for. */
  fileName: string;
  /** What the evidence is. */
  title: string;
  /** The PowerShell module session the command needs. */
  connect: string;
  command: string;
  /** A property only this kind's entries carry, to recognise a file given under another name. */
  signature: string;
}

export const EVIDENCE_KINDS: Readonly<Record<EvidenceKind, EvidenceKindInfo>> = {
  organizationSegments: {
    fileName: "organization-segments.json",
    title: "information-barrier segments",
    connect: "Connect-IPPSSession",
    command: "Get-OrganizationSegment | Select-Object Name,UserGroupFilter | ConvertTo-Json -Depth 3 | Out-File -Encoding utf8 organization-segments.json",
    signature: "UserGroupFilter",
  },
  informationBarrierPolicies: {
    fileName: "information-barrier-policies.json",
    title: "information-barrier policies",
    connect: "Connect-IPPSSession",
    command:
      "Get-InformationBarrierPolicy | Select-Object Name,AssignedSegment,@{n='SegmentsAllowed';e={@($_.SegmentsAllowed | ForEach-Object { \"$_\" })}},@{n='SegmentsBlocked';e={@($_.SegmentsBlocked | ForEach-Object { \"$_\" })}},@{n='State';e={\"$($_.State)\"}} | ConvertTo-Json -Depth 3 | Out-File -Encoding utf8 information-barrier-policies.json",
    signature: "AssignedSegment",
  },
  addressBookPolicies: {
    fileName: "address-book-policies.json",
    title: "Exchange Online address book policies",
    connect: "Connect-ExchangeOnline",
    command:
      "Get-AddressBookPolicy | Select-Object Name,@{n='AddressLists';e={@($_.AddressLists | ForEach-Object { \"$_\" })}},@{n='GlobalAddressList';e={\"$($_.GlobalAddressList)\"}},@{n='OfflineAddressBook';e={\"$($_.OfflineAddressBook)\"}},@{n='RoomList';e={\"$($_.RoomList)\"}} | ConvertTo-Json -Depth 3 | Out-File -Encoding utf8 address-book-policies.json",
    signature: "GlobalAddressList",
  },
  addressLists: {
    fileName: "address-lists.json",
    title: "Exchange Online address lists and global address lists",
    connect: "Connect-ExchangeOnline",
    command: "@(Get-AddressList) + @(Get-GlobalAddressList) | Select-Object Name,RecipientFilter | ConvertTo-Json -Depth 3 | Out-File -Encoding utf8 address-lists.json",
    signature: "RecipientFilter",
  },
  mailboxes: {
    fileName: "mailboxes.json",
    title: "the address book policy of each mailbox",
    connect: "Connect-ExchangeOnline",
    command:
      "Get-EXOMailbox -ResultSize Unlimited -Properties AddressBookPolicy | Select-Object UserPrincipalName,@{n='AddressBookPolicy';e={\"$($_.AddressBookPolicy)\"}} | ConvertTo-Json -Depth 3 | Out-File -Encoding utf8 mailboxes.json",
    signature: "AddressBookPolicy",
  },
  teamsClientConfiguration: {
    fileName: "teams-client-configuration.json",
    title: "Teams \"search by name\" (scoped directory search)",
    connect: "Connect-MicrosoftTeams",
    command: "Get-CsTeamsClientConfiguration -Identity Global | Select-Object Identity,AllowScopedPeopleSearchandAccess | ConvertTo-Json | Out-File -Encoding utf8 teams-client-configuration.json",
    signature: "AllowScopedPeopleSearchandAccess",
  },
};

/** The commands that collect `kinds`, grouped by the session each needs, one per line. */
export function collectionCommands(kinds: readonly EvidenceKind[]): string[] {
  const lines: string[] = [];
  let session: string | null = null;
  for (const kind of kinds) {
    const info = EVIDENCE_KINDS[kind];
    if (info.connect !== session) {
      lines.push(info.connect);
      session = info.connect;
    }
    lines.push(info.command);
  }
  return lines;
}

/**
 * Evidence for the parts of the guide that have no Graph API (graph-facts §8): information barriers
 * (Security & Compliance PowerShell), Exchange Online address book policies and Teams "search by name".
 * Each kind is the JSON that `ConvertTo-Json` prints for the command in `kinds.ts`; PowerShell writes one
 * object (not an array) when a command returns one item, so lists accept both. Entries are loose objects:
 * the cmdlets print more properties than the audit reads.
 */
import { z } from "zod";

/** A PowerShell list: `ConvertTo-Json` prints a lone item as an object, and a lone string as a string. */
function psList<T extends z.ZodType>(item: T) {
  return z.preprocess((v) => (Array.isArray(v) ? v : v === null || v === undefined ? [] : [v]), z.array(item));
}

const stringList = psList(z.string());
const optionalText = z.string().nullable().optional();

/** `Get-OrganizationSegment`. */
export const organizationSegmentSchema = z.looseObject({ Name: z.string(), UserGroupFilter: z.string() });

/** `Get-InformationBarrierPolicy`; `State` as text (`Active`, `Inactive`). */
export const informationBarrierPolicySchema = z.looseObject({
  Name: z.string(),
  AssignedSegment: z.string(),
  SegmentsAllowed: stringList.optional(),
  SegmentsBlocked: stringList.optional(),
  State: z.string({ error: "expected the policy state as text (Active or Inactive); collect it with the command holofleet prints, which writes the state as text" }),
});

/** `Get-AddressBookPolicy`. */
export const addressBookPolicySchema = z.looseObject({
  Name: z.string(),
  AddressLists: stringList,
  GlobalAddressList: optionalText,
  OfflineAddressBook: optionalText,
  RoomList: optionalText,
});

/** `Get-AddressList` and `Get-GlobalAddressList`. */
export const addressListSchema = z.looseObject({ Name: z.string(), RecipientFilter: optionalText });

/** `Get-EXOMailbox -Properties AddressBookPolicy`. */
export const mailboxSchema = z.looseObject({ UserPrincipalName: z.string(), AddressBookPolicy: optionalText });

/** `Get-CsTeamsClientConfiguration -Identity Global`. */
export const teamsClientConfigurationSchema = z.looseObject({ Identity: optionalText, AllowScopedPeopleSearchandAccess: z.boolean() });

export const evidenceParts = {
  organizationSegments: psList(organizationSegmentSchema),
  informationBarrierPolicies: psList(informationBarrierPolicySchema),
  addressBookPolicies: psList(addressBookPolicySchema),
  addressLists: psList(addressListSchema),
  mailboxes: psList(mailboxSchema),
  teamsClientConfiguration: teamsClientConfigurationSchema,
} as const;

export type EvidenceKind = keyof typeof evidenceParts;

/** Every part is optional: what is absent was not collected, and the checks that need it say `manual`. */
export const evidenceSchema = z
  .object({
    organizationSegments: evidenceParts.organizationSegments.optional(),
    informationBarrierPolicies: evidenceParts.informationBarrierPolicies.optional(),
    addressBookPolicies: evidenceParts.addressBookPolicies.optional(),
    addressLists: evidenceParts.addressLists.optional(),
    mailboxes: evidenceParts.mailboxes.optional(),
    teamsClientConfiguration: evidenceParts.teamsClientConfiguration.optional(),
  })
  .default({});

export type Evidence = z.infer<typeof evidenceSchema>;
export type OrganizationSegment = z.infer<typeof organizationSegmentSchema>;
export type InformationBarrierPolicy = z.infer<typeof informationBarrierPolicySchema>;
export type AddressBookPolicy = z.infer<typeof addressBookPolicySchema>;
export type AddressList = z.infer<typeof addressListSchema>;

/**
 * Service plans that give a user an Exchange Online mailbox: Exchange Online (Plan 1), (Plan 2), Kiosk and
 * Essentials, and their government and mid-market variants, by their `Service_Plan_Name` in the licensing
 * CSV (`licensing/`). Exchange Foundation and the archiving add-ons give no mailbox of their own. Scoped
 * directory search needs one on every client account (address book policies apply to mailboxes,
 * teams-scoped-directory-search.md); in the organisation's own tenant a mailbox is a company resource
 * (the guide's "Outlook" among the licences not to assign). Hand-kept: the CSV does not say which plans
 * carry a mailbox; `mailbox-plans.test.ts` holds every name to the generated catalog.
 */
export const mailboxPlans: readonly string[] = [
  "EXCHANGE_S_DESKLESS",
  "EXCHANGE_S_DESKLESS_GOV",
  "EXCHANGE_S_ENTERPRISE",
  "EXCHANGE_S_ENTERPRISE_GOV",
  "EXCHANGE_S_ESSENTIALS",
  "EXCHANGE_S_STANDARD",
  "EXCHANGE_S_STANDARD_GOV",
  "EXCHANGE_S_STANDARD_MIDMARKET",
];

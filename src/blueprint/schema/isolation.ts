/** `isolation`: how clients are kept from finding and calling each other (guide §CC-isolation). */
import { z } from "zod";
import { documented } from "./common.ts";

export const ISOLATION_MODES = ["baseline", "scoped-directory-search", "information-barriers"] as const;

export const isolationSchema = documented(
  z.strictObject({
    mode: documented(z.enum(ISOLATION_MODES).default("baseline"), {
      description:
        "`baseline` (the default): the guide's own baseline — Remote Assist does not support HoloLens-to-HoloLens calls, so clients can search for each other but not call; holofleet configures nothing more and claims nothing more. " +
        "`scoped-directory-search`: each client finds only its own accounts and the experts in Teams search, through one Exchange Online address book policy per client (address lists, GAL, offline address book, assignment to the mailboxes) and the Teams 'search by name' switch — emitted as a PowerShell script; address book policies apply to mailboxes, so every client account needs an Exchange Online mailbox plan kept on — no mailbox plan is on the licence allow-list, so name it in licensing.enabledServicePlans (HF2050) — which in the same tenant is a company resource (HF2020 until acknowledged); the experts group becomes a private Microsoft 365 group. " +
        "`information-barriers`: one segment per client plus an experts segment, each client allowed only itself and the experts; needs an information-barrier-capable licence such as E5 (HF2006); every segment is MemberOf a private Microsoft 365 group (the client groups and the experts group).",
      guide: "§CC-isolation",
    }),
  }),
  { description: "Keeping clients apart from each other.", guide: "§CC-isolation" },
);

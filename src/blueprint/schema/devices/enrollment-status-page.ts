/**
 * `devices.enrollmentStatusPage`: the Enrollment Status Page the device group gets (hololens2-autopilot.md
 * step 7, "Create Enrollment Status Page (ESP) configuration and assign it to the device group"). The
 * values the compiler fixes and why are in `compile/graph/enrollment-status-page.ts`; these keys are the
 * ones a program may reasonably choose.
 */
import { z } from "zod";
import { displayName, documented } from "../common.ts";

/** Intune's default message when none is set (windows-enrollment-status). */
export const DEFAULT_ESP_MESSAGE = "Setup could not be completed. Please try again or contact your support person for help.";

export const enrollmentStatusPageSchema = documented(
  z.strictObject({
    enabled: documented(z.boolean().default(true), {
      description:
        "Create the Enrollment Status Page and assign it to the device group (hololens2-autopilot.md step 7): the device shows its setup progress and is not usable until holofleet's profiles are applied.",
      guide: "§GR-3",
    }),
    name: documented(displayName(100, "Intune (the Enrollment Status Page name)").default("HoloLens enrollment status"), {
      description: "Display name of the Enrollment Status Page (holofleet adds tenant.namingPrefix).",
      guide: "§GR-3",
    }),
    installTimeoutMinutes: documented(z.number().int().min(1).max(2147483647).default(60), {
      description:
        "Minutes before the page shows an error when setup takes longer (Graph installProgressTimeoutInMinutes; Intune's default is 60).",
      guide: "§GR-3",
    }),
    errorMessage: documented(z.string().min(1).max(10000).default(DEFAULT_ESP_MESSAGE), {
      description:
        "Message shown on a time-out or error (Graph customErrorMessage, at most 10,000 characters). Say whom the client should call: a client cannot fix a failed setup.",
      guide: "§GR-3",
    }),
    allowResetOnFailure: documented(z.boolean().default(true), {
      description:
        "Show a Reset device button when installation fails (Windows Holographic 23H1+, hololens-release-notes.md): the device starts Autopilot again without a reflash, which a client site cannot do.",
      guide: "§GR-3",
    }),
    allowLogCollection: documented(z.boolean().default(true), {
      description: "Let the user collect logs when installation fails, for your support (Graph allowLogCollectionOnInstallFailure).",
      guide: "§GR-3",
    }),
  }),
  { description: "The Enrollment Status Page assigned to the device group (hololens2-autopilot.md step 7).", guide: "§GR-3" },
);

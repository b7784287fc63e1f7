/**
 * The registry of diagnostic codes. Codes are stable, greppable identifiers; renaming one is a
 * breaking change. Each area owns a range and a file:
 *   HF1xxx blueprint syntax and schema   (codes/blueprint.ts)
 *   HF2xxx blueprint semantic checks     (codes/blueprint.ts)
 *   HF3xxx compiler                      (codes/compile.ts)
 *   HF4xxx app control (WDAC)            (codes/app-control.ts)
 *   HF5xxx plan/apply and the Graph client; HF51xx targets and sign-in (codes/auth.ts), HF52xx–HF56xx (codes/engine.ts)
 *   HF6xxx audit                         (codes/audit.ts)
 *   HF7xxx local tenant lifecycle        (codes/tenant.ts)
 *   HF8xxx fleet, loans and console      (codes/fleet.ts)
 *   HF9xxx CLI and files                 (codes/cli.ts)
 */
import { appControlCodes } from "./codes/app-control.ts";
import { auditCodes } from "./codes/audit.ts";
import { authCodes } from "./codes/auth.ts";
import { blueprintCodes } from "./codes/blueprint.ts";
import { cliCodes } from "./codes/cli.ts";
import { compileCodes } from "./codes/compile.ts";
import { engineCodes } from "./codes/engine.ts";
import { fleetCodes } from "./codes/fleet.ts";
import { tenantCodes } from "./codes/tenant.ts";

export interface CodeInfo {
  /** One-line title of the problem. */
  title: string;
}

export const diagnosticCodes: Readonly<Record<string, CodeInfo>> = {
  ...blueprintCodes,
  ...compileCodes,
  ...appControlCodes,
  ...authCodes,
  ...engineCodes,
  ...auditCodes,
  ...cliCodes,
  ...tenantCodes,
  ...fleetCodes,
};

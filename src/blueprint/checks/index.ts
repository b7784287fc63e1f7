/**
 * The registry of semantic checks, sorted by id (the file name). Explicit, never globbed: the registry
 * test keeps it in step with the files. `runChecks` runs every check whose declared sections (and `devices`
 * subsections) are present and applies the blueprint's acknowledgements (`acknowledge: [...]`), reporting
 * any that silenced nothing.
 */
import type { Diagnostic } from "../../diag/diagnostic.ts";
import { ACKNOWLEDGEABLE, type Acknowledgement } from "../schema/acknowledge.ts";
import type { Blueprint, BlueprintSourceMap, PartialBlueprint } from "../types.ts";
import { autoLaunchNotInKiosk } from "./auto-launch-not-in-kiosk.ts";
import { browserAllowed } from "./browser-allowed.ts";
import { browserListedButAllowed } from "./browser-listed-but-allowed.ts";
import { callingAppBlocked } from "./calling-app-blocked.ts";
import { callingAppCapabilityDenied } from "./calling-app-capability-denied.ts";
import { callingAppNotInKiosk } from "./calling-app-not-in-kiosk.ts";
import { companyResourcePlansLeftOn } from "./company-resource-plans.ts";
import { denyNotAllowed } from "./deny-not-allowed.ts";
import { developerMode } from "./developer-mode.ts";
import { deviceSharedAcrossClients } from "./device-shared-across-clients.ts";
import { duplicateClientId } from "./duplicate-client-id.ts";
import { duplicateUpn } from "./duplicate-upn.ts";
import { expertsAccessMissing } from "./experts-access-missing.ts";
import { expertsAccessWithoutEffect } from "./experts-access-without-effect.ts";
import { expertsAddressesMissing } from "./experts-addresses-missing.ts";
import { extendedPasswordAccountDomain } from "./extended-password-account-domain.ts";
import { extendedPasswordSharedDomain } from "./extended-password-shared-domain.ts";
import { extendedPasswordTooShort } from "./extended-password-too-short.ts";
import { federatedExpertsOutsideSegments } from "./federated-experts-outside-segments.ts";
import { hasSection, type BlueprintCheck } from "./finding.ts";
import { graphGroupNameLimits } from "./graph-group-name-limits.ts";
import { informationBarriersLicence } from "./information-barriers-licence.ts";
import { kioskAppBlocked } from "./kiosk-app-blocked.ts";
import { kioskAppNotAllowed } from "./kiosk-app-not-allowed.ts";
import { osBaselineTooOld } from "./os-baseline-too-old.ts";
import { passwordExpiresDuringLoan } from "./password-expires-during-loan.ts";
import { requiredLicences } from "./required-licences.ts";
import { scopedSearchNeedsMailbox } from "./scoped-search-needs-mailbox.ts";
import { servicePlanEntries } from "./service-plan-entries.ts";
import { settingsPageDeprecated } from "./settings-page-deprecated.ts";
import { settingsPageNotNetwork } from "./settings-page-not-network.ts";
import { settingsPageUnknown } from "./settings-page-unknown.ts";
import { skuWithoutNeededPlan } from "./sku-without-needed-plan.ts";
import { storageCardBlocksProvisioning } from "./storage-card-blocks-provisioning.ts";
import { teamsPlanDisabled } from "./teams-plan-disabled.ts";
import { tenantLockdownWithoutAutopilot } from "./tenant-lockdown-without-autopilot.ts";
import { unknownApp } from "./unknown-app.ts";
import { unknownServicePlan } from "./unknown-service-plan.ts";
import { unknownSku } from "./unknown-sku.ts";
import { updateRingScheduleIgnored } from "./update-ring-schedule-ignored.ts";
import { upnOutsideDomain } from "./upn-outside-domain.ts";
import { usbOn } from "./usb-on.ts";
import { wifiConfigurationBlocked } from "./wifi-configuration-blocked.ts";
import { wifiOff } from "./wifi-off.ts";

export type { BlueprintCheck, SectionName } from "./finding.ts";
export { hasSection, SECTION_NAMES } from "./finding.ts";

export const checks: Readonly<Record<string, BlueprintCheck>> = {
  "auto-launch-not-in-kiosk": autoLaunchNotInKiosk,
  "browser-allowed": browserAllowed,
  "browser-listed-but-allowed": browserListedButAllowed,
  "calling-app-blocked": callingAppBlocked,
  "calling-app-capability-denied": callingAppCapabilityDenied,
  "calling-app-not-in-kiosk": callingAppNotInKiosk,
  "company-resource-plans": companyResourcePlansLeftOn,
  "deny-not-allowed": denyNotAllowed,
  "developer-mode": developerMode,
  "device-shared-across-clients": deviceSharedAcrossClients,
  "duplicate-client-id": duplicateClientId,
  "duplicate-upn": duplicateUpn,
  "experts-access-missing": expertsAccessMissing,
  "experts-access-without-effect": expertsAccessWithoutEffect,
  "experts-addresses-missing": expertsAddressesMissing,
  "extended-password-account-domain": extendedPasswordAccountDomain,
  "extended-password-shared-domain": extendedPasswordSharedDomain,
  "extended-password-too-short": extendedPasswordTooShort,
  "federated-experts-outside-segments": federatedExpertsOutsideSegments,
  "graph-group-name-limits": graphGroupNameLimits,
  "information-barriers-licence": informationBarriersLicence,
  "kiosk-app-blocked": kioskAppBlocked,
  "kiosk-app-not-allowed": kioskAppNotAllowed,
  "os-baseline-too-old": osBaselineTooOld,
  "password-expires-during-loan": passwordExpiresDuringLoan,
  "required-licences": requiredLicences,
  "scoped-search-needs-mailbox": scopedSearchNeedsMailbox,
  "service-plan-entries": servicePlanEntries,
  "settings-page-deprecated": settingsPageDeprecated,
  "settings-page-not-network": settingsPageNotNetwork,
  "settings-page-unknown": settingsPageUnknown,
  "sku-without-needed-plan": skuWithoutNeededPlan,
  "storage-card-blocks-provisioning": storageCardBlocksProvisioning,
  "teams-plan-disabled": teamsPlanDisabled,
  "tenant-lockdown-without-autopilot": tenantLockdownWithoutAutopilot,
  "unknown-app": unknownApp,
  "unknown-service-plan": unknownServicePlan,
  "unknown-sku": unknownSku,
  "update-ring-schedule-ignored": updateRingScheduleIgnored,
  "upn-outside-domain": upnOutsideDomain,
  "usb-on": usbOn,
  "wifi-configuration-blocked": wifiConfigurationBlocked,
  "wifi-off": wifiOff,
};

/**
 * Which checks can run on `bp`: those whose every declared section (or `devices` subsection) is present.
 * The loader leaves out what failed the schema, so a broken `devices.usb` skips exactly the checks that
 * read it and the kiosk checks still run.
 */
export function runnableChecks(bp: PartialBlueprint): BlueprintCheck[] {
  return Object.values(checks).filter((check) => check.sections.every((section) => hasSection(bp, section)));
}

export interface RunChecksOptions {
  /**
   * False when `bp.acknowledge` holds only the known ids recovered from a list that failed the schema:
   * they still silence their findings, but "matches no finding" (HF2028) waits until the list is valid.
   */
  acknowledgeValid?: boolean;
}

/**
 * Runs every check whose sections `bp` has; drops acknowledged findings and warns (HF2028) about an
 * acknowledgement that silenced nothing although its check ran.
 */
export function runChecks(bp: PartialBlueprint, src: BlueprintSourceMap, options: RunChecksOptions = {}): Diagnostic[] {
  const ran = runnableChecks(bp);
  // Safe: a runnable check reads only the sections and subsections that are present (the registry test
  // holds each check to its declaration).
  const found = ran.flatMap((check) => check(bp as Blueprint, src));
  const acknowledge = bp.acknowledge ?? [];
  const codeOf = (id: string): string | undefined => ACKNOWLEDGEABLE[id as Acknowledgement];
  const acknowledged = new Set(acknowledge.map(codeOf));
  const kept = found.filter((d) => !acknowledged.has(d.code));
  if (options.acknowledgeValid === false) return kept;
  const checked = new Set(ran.flatMap((check) => check.codes));
  const unused = acknowledge.flatMap((id, i) => {
    const code = codeOf(id);
    if (code === undefined || !checked.has(code) || found.some((d) => d.code === code)) return [];
    return [
      {
        severity: "warning" as const,
        code: "HF2028",
        message: `acknowledgement \`${id}\` matches no finding (${code})`,
        why: "An acknowledgement that silences nothing would hide the risk if a later change brought it back.",
        fix: "Remove it; add it again if the finding appears.",
        source: { file: src.file, start: src.locate(["acknowledge", i]) },
        path: ["acknowledge", i],
      },
    ];
  });
  return [...kept, ...unused];
}

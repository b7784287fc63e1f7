import { describe, expect, it } from "vitest";
import { planPolicy } from "../blueprint/licence-plans.ts";
import { licenceNeeds } from "../catalog/index.ts";
import { secureBlueprint } from "../compile/testing/blueprint-fixture.ts";
import { openBrowsers, BROWSER_APP_IDS } from "./browsers.ts";
import { allowedServicePlans, companyResourcePlansIn } from "./company-resources.ts";
import { developerModeAllowed, developerUnlockValue, DEVELOPER_UNLOCK_NOT_CONFIGURED } from "./developer-mode.ts";
import { blockedKioskApps } from "./kiosk-apps.ts";
import { omaNodeKey } from "./oma-uri.ts";
import { featureOfOmaUri, featuresAboveBuild } from "./os-features.ts";
import { NEVER_EXPIRES_DAYS, passwordExpiryDuringLoan, passwordValidityDays } from "./password-expiry.ts";
import { USB_MODE_SETTINGS, usbDataExposed, usbModeOf } from "./usb.ts";

describe("guide predicates", () => {
  it("both Edge browsers are browsers; blocking one leaves the other open", () => {
    expect(BROWSER_APP_IDS).toEqual(["edge", "edge-legacy"]);
    expect(openBrowsers(new Set(["edge"]))).toEqual(["edge-legacy"]);
    expect(openBrowsers(new Set(["edge", "edge-legacy"]))).toEqual([]);
  });

  it("a blocked kiosk app is reported with its index, the calling app is not", () => {
    expect(blockedKioskApps(["remote-assist", "settings", "mail"], new Set(["mail", "remote-assist"]), "remote-assist")).toEqual([{ app: "mail", index: 2 }]);
  });

  it("./Device/Vendor and ./Vendor name one node, in any case", () => {
    expect(omaNodeKey("./Device/Vendor/MSFT/Policy/Config/Connectivity/AllowUSBConnection")).toBe(omaNodeKey("./vendor/msft/policy/config/connectivity/allowusbconnection"));
    expect(omaNodeKey("./User/Vendor/MSFT/Policy/Config/X")).not.toBe(omaNodeKey("./Vendor/MSFT/Policy/Config/X"));
  });

  it("a feature above the build is reported once, with its minimum", () => {
    const uses = [{ feature: "tenant-lockdown", at: 1 }, { feature: "tenant-lockdown", at: 2 }, { feature: "wufb", at: 3 }];
    const found = featuresAboveBuild("19041.1103", uses);
    expect(found.map((f) => [f.feature, f.at, f.minimum.minBuild])).toEqual([["tenant-lockdown", 1, "19041.1128"]]);
    expect(featuresAboveBuild("10.0.22621.1266", uses)).toEqual([]);
    expect(featureOfOmaUri("./Vendor/MSFT/TenantLockdown/RequireNetworkInOOBE")).toBe("tenant-lockdown");
    expect(featureOfOmaUri("./Device/Vendor/MSFT/Policy/Config/Settings/PageVisibilityList")).toBe("page-visibility-list");
  });

  it("password validity: the domain's days, 90 when unset, never with DisablePasswordExpiration or 2147483647", () => {
    expect(passwordValidityDays(120, null)).toBe(120);
    expect(passwordValidityDays(null, undefined)).toBe(90);
    expect(passwordValidityDays(30, "DisableStrongPassword, DisablePasswordExpiration")).toBeNull();
    expect(passwordValidityDays(NEVER_EXPIRES_DAYS, null)).toBeNull();
  });

  it("a password expiring before the return date (or in an open-ended loan) expires during the loan", () => {
    expect(passwordExpiryDuringLoan({ changedAt: 0, validityDays: 90, returnAt: 60, day: 1 })).toEqual({ expiresAt: 90, expiresDuringLoan: false });
    expect(passwordExpiryDuringLoan({ changedAt: 0, validityDays: 90, returnAt: 91, day: 1 }).expiresDuringLoan).toBe(true);
    // In milliseconds, days are what count: a password set seconds before the loan starts, valid as many days as
    // the loan, expires on the day the device comes back — as the blueprint check (in days) says.
    const day = 86_400_000;
    const start = Date.UTC(2026, 11, 6, 9, 30);
    expect(passwordExpiryDuringLoan({ changedAt: start - 5_000, validityDays: 365, returnAt: start + 365 * day, day }).expiresDuringLoan).toBe(false);
    expect(passwordExpiryDuringLoan({ changedAt: start - 5_000, validityDays: 364, returnAt: start + 365 * day, day }).expiresDuringLoan).toBe(true);
    expect(passwordExpiryDuringLoan({ changedAt: 0, validityDays: 90, returnAt: null, day: 1 }).expiresDuringLoan).toBe(true);
    expect(passwordExpiryDuringLoan({ changedAt: 0, validityDays: null, returnAt: null, day: 1 })).toEqual({ expiresAt: null, expiresDuringLoan: false });
  });

  it("company-resource plans include every mailbox plan; the allow-list is the blueprint's plan policy", () => {
    expect(companyResourcePlansIn(["TEAMS1", "EXCHANGE_S_DESKLESS", "SHAREPOINTENTERPRISE", "INTUNE_A"])).toEqual(["EXCHANGE_S_DESKLESS", "SHAREPOINTENTERPRISE"]);
    const bp = secureBlueprint();
    const allowed = allowedServicePlans(bp);
    expect(allowed).toEqual(planPolicy(bp, licenceNeeds).keep);
    expect(allowed.has("SHAREPOINTENTERPRISE")).toBe(false);
    const widened = allowedServicePlans({ ...bp, licensing: { ...bp.licensing, enabledServicePlans: ["SHAREPOINTENTERPRISE"] } });
    expect(widened.has("SHAREPOINTENTERPRISE")).toBe(true);
  });

  it("USB modes round-trip through the policy values; unset values read as allowed", () => {
    for (const [mode, v] of Object.entries(USB_MODE_SETTINGS)) expect(usbModeOf(v.usbConnection, v.addProvisioningPackage)).toBe(mode);
    expect(usbModeOf(null, null)).toBe("on");
    expect(usbModeOf(false, null)).toBe("off-allow-provisioning-packages");
    expect(usbDataExposed("on")).toBe(true);
    expect(usbDataExposed("off-allow-provisioning-packages")).toBe(false);
  });

  it("developer mode is closed only by an explicit deny", () => {
    expect(developerModeAllowed(developerUnlockValue(false))).toBe(false);
    expect(developerModeAllowed(developerUnlockValue(true))).toBe(true);
    expect(developerModeAllowed(DEVELOPER_UNLOCK_NOT_CONFIGURED)).toBe(true);
    expect(developerModeAllowed(null)).toBe(true);
  });
});

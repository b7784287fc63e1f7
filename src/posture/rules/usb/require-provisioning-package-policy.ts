/**
 * Guide §GR-6.2 note and §GR-11: provisioning packages. Adding packages follows the blueprint's USB mode
 * (`off` refuses them, `off-allow-provisioning-packages` keeps them), and removing the packages that
 * configure the device follows `devices.restrictions.allowRemoveProvisioningPackage`.
 */
import { USB_MODE_SETTINGS } from "../../../guide/usb.ts";
import { defineRule, deviceOutcome } from "../define-rule.ts";
import { boolValue, GUIDE, LINKS, READS, valueText } from "../support.ts";
import { ADD_PACKAGE_NODE, REMOVE_PACKAGE_NODE } from "./no-usb-data.ts";

export default defineRule({
  id: "usb/require-provisioning-package-policy",
  meta: {
    title: "Provisioning packages are allowed or refused as the program says",
    concern: "usb",
    severity: "low",
    criticality: "should",
    version: 1,
    stage: "preview",
    guide: GUIDE.usb,
    rationale: "A client who can apply a provisioning package can reconfigure the device; one who can remove packages can undo the configuration the packages carried.",
    remediation: "Set `devices.usb` (packages allowed only with `off-allow-provisioning-packages`) and `devices.restrictions.allowRemoveProvisioningPackage: false`, and let the restrictions profile apply them.",
    blueprintKey: "devices.usb",
    references: [LINKS.provisioningPackages],
    evidence: [READS.deviceConfigurations],
    messages: {
      pass: "{device}: adding packages {add}, removing packages {remove}, as the program says",
      differs: "{device}: {problems}",
    },
  },
  check(ctx) {
    const wantAdd = USB_MODE_SETTINGS[ctx.bp.devices.usb].addProvisioningPackage;
    const wantRemove = ctx.bp.devices.restrictions.allowRemoveProvisioningPackage;
    const word = (b: boolean) => (b ? "allowed" : "refused");
    return ctx.posture.devices.map((d) => {
      const add = d.config.value(ADD_PACKAGE_NODE);
      const remove = d.config.value(REMOVE_PACKAGE_NODE);
      // Both policies default to allowed (1) when no profile sets them.
      const addNow = add.state === "unset" ? true : boolValue(add);
      const removeNow = remove.state === "unset" ? true : boolValue(remove);
      const problems: string[] = [];
      if (addNow !== wantAdd) problems.push(`AllowAddProvisioningPackage is ${valueText(add)}; the program has it ${word(wantAdd)}`);
      if (removeNow !== wantRemove) problems.push(`AllowRemoveProvisioningPackage is ${valueText(remove)}; the program has it ${word(wantRemove)}`);
      if (problems.length) return deviceOutcome(ctx, d, "fail", "differs", { problems: problems.join("; ") });
      return deviceOutcome(ctx, d, "pass", "pass", { add: word(wantAdd), remove: word(wantRemove) });
    });
  },
});

/** Guide §CC hidden or restricted apps: the kiosk shows only the apps the program lists (an app added in the portal shows up for every client). */
import { appName } from "../../effective/device-config.ts";
import { defineRule, deviceOutcome, listText } from "../define-rule.ts";
import { GUIDE, LINKS, READS } from "../support.ts";

export default defineRule({
  id: "restricted-apps/no-unexpected-kiosk-app",
  meta: {
    title: "The kiosk shows only the program's apps",
    concern: "restricted-apps",
    severity: "medium",
    criticality: "should",
    version: 1,
    stage: "preview",
    guide: GUIDE.restrictedApps,
    rationale: "Every kiosk app is something a client can open; an app added outside the program (a browser, Mail, File Explorer) undoes what hiding was for.",
    remediation: "List exactly the apps clients need in `devices.kiosk.apps` and apply the kiosk profile; remove apps added to the XML by hand.",
    blueprintKey: "devices.kiosk.apps",
    references: [LINKS.kiosk],
    evidence: [READS.deviceConfigurations],
    messages: {
      pass: "{device}: the kiosk shows only the program's apps",
      extra: "{device}: the kiosk also shows {apps}",
      noKiosk: "{device}: no readable global kiosk",
    },
  },
  check(ctx) {
    const listed = new Set(ctx.bp.devices.kiosk.apps);
    return ctx.posture.devices.map((d) => {
      const k = d.config.kiosk;
      if (k.state !== "set" || k.globalApps === null) return deviceOutcome(ctx, d, "not_applicable", "noKiosk");
      const extra = k.globalApps.filter((a) => a.appId === null || !listed.has(a.appId)).map((a) => (a.appId ? appName(a.appId) : a.aumid));
      return extra.length ? deviceOutcome(ctx, d, "fail", "extra", { apps: listText(extra) }, { extra }) : deviceOutcome(ctx, d, "pass", "pass");
    });
  },
});

/**
 * Guide §GR-9: `Settings/PageVisibilityList` shows only network pages, so clients can join a guest network
 * at their site and change nothing else. Which pages are network pages is catalog data (settings-uri-list).
 */
import { findSettingsPage } from "../../../catalog/index.ts";
import { defineRule, deviceOutcome, listText } from "../define-rule.ts";
import { GUIDE, LINKS, READS } from "../support.ts";

export default defineRule({
  id: "settings-pages/require-network-pages-only",
  meta: {
    title: "Only network settings pages are visible",
    concern: "settings-pages",
    severity: "medium",
    criticality: "shall",
    version: 1,
    stage: "preview",
    guide: GUIDE.settingsPages,
    rationale: "Every other Settings page lets a client change the device: reset it, add accounts, change update or privacy settings. The network pages are the ones a client needs for guest Wi-Fi.",
    remediation: "Keep `devices.settingsPages` at `showonly` with network pages only (the default), or acknowledge `non-network-settings-page` for a page you need.",
    blueprintKey: "devices.settingsPages",
    acknowledgement: "non-network-settings-page",
    references: [LINKS.settingsPages],
    evidence: [READS.deviceConfigurations],
    messages: {
      pass: "{device}: only network pages are visible ({pages})",
      none: "{device}: no page list reaches it; every Settings page is visible",
      hide: "{device}: the list hides {pages} and leaves every other page visible",
      extra: "{device}: non-network pages are visible: {pages}",
      accepted: "{device}: non-network pages {pages} are visible, accepted in the blueprint (acknowledge: non-network-settings-page)",
      unreadable: "{device}: the page list from {profiles} is {state}",
    },
  },
  check(ctx) {
    return ctx.posture.devices.map((d) => {
      const p = d.config.settingsPages;
      if (p.state === "unset") return deviceOutcome(ctx, d, "fail", "none");
      if (p.state !== "set") return deviceOutcome(ctx, d, p.state === "opaque" ? "manual" : "fail", "unreadable", { profiles: listText(p.profileNames), state: p.state });
      const { mode, pages } = p.visibility;
      if (mode === "hide") return deviceOutcome(ctx, d, "fail", "hide", { pages: pages.join(";") }, { actual: `hide:${pages.join(";")}` });
      const extra = pages.filter((id) => findSettingsPage(id)?.network !== true);
      if (extra.length === 0) return deviceOutcome(ctx, d, "pass", "pass", { pages: pages.join(";") });
      if (ctx.acknowledged("non-network-settings-page") && extra.every((id) => ctx.bp.devices.settingsPages.pages.includes(id))) return deviceOutcome(ctx, d, "pass", "accepted", { pages: listText(extra) });
      return deviceOutcome(ctx, d, "fail", "extra", { pages: listText(extra) }, { extra });
    });
  },
});

/**
 * `devices.osBaseline`: the OS build devices must run (guide §GR-1, "use the latest HoloLens OS release").
 * Accepts `latest-known`, a release name (`20H2`, `23H2`) or a build (`22621.1266`, `10.0.22621.1266`);
 * normalizes to `{ build: "major.minor", requested }` using the catalog's release list.
 */
import { z } from "zod";
import { buildOfRelease, compareBuilds, findFeatureMinimum, latestKnownBuild, osReleases } from "../../../catalog/index.ts";
import { documented } from "../common.ts";

/**
 * The oldest build holofleet's recommended posture runs on: the guide's kiosk (global assigned access),
 * settings page list and tenant lockdown all need it (20H2, hololens-facts §3). Older baselines are
 * reported by HF2010; from this build on, the defaults never use what the baseline lacks.
 */
export const OLDEST_SUPPORTED_BUILD = ["global-assigned-access", "page-visibility-list", "tenant-lockdown"]
  .map((feature) => {
    const minimum = findFeatureMinimum(feature);
    if (!minimum) throw new Error(`the catalog has no feature minimum for ${feature}; run \`npm run catalog\``);
    return minimum.minBuild;
  })
  .reduce((max, build) => (compareBuilds(build, max) > 0 ? build : max));

/** The feature release that starts with the oldest supported build (20H2), for messages and docs. */
const OLDEST_SUPPORTED_RELEASE =
  osReleases.find((r) => r.kind === "feature" && r.build === OLDEST_SUPPORTED_BUILD)?.name ?? OLDEST_SUPPORTED_BUILD;

const BUILD_RE = /^(?:10\.0\.)?(\d{5}\.\d{1,5})$/;
const RELEASE_RE = /^(?:\d{4}|\d{2}H\d)$/i;

export const osBaselineSchema = documented(
  z
    .string()
    .default("latest-known")
    .transform((requested, ctx) => {
      if (requested === "latest-known") return { build: latestKnownBuild(), requested };
      const build = BUILD_RE.exec(requested);
      if (build?.[1]) return { build: build[1], requested };
      if (RELEASE_RE.test(requested)) {
        const resolved = buildOfRelease(requested.toUpperCase());
        if (resolved) return { build: resolved, requested };
      }
      ctx.addIssue({
        code: "custom",
        message: `unknown OS release or build "${requested}"`,
        params: {
          hf: "HF1016",
          fix: "Use `latest-known`, a feature release name such as 20H2 or 23H2, or a build such as 22621.1266 (Settings > System > About).",
        },
      });
      return z.NEVER;
    }),
  {
    description:
      `OS build devices must run: \`latest-known\` (the newest build in holofleet's catalog), a release name such as \`23H2\`, or a build such as \`22621.1266\`. The recommended posture needs ${OLDEST_SUPPORTED_RELEASE} (${OLDEST_SUPPORTED_BUILD}) or newer; defaults (such as the settings pages) follow the baseline.`,
    guide: "§GR-1",
  },
);

/**
 * `devices.osBaseline`: the OS build devices must run (guide §GR-1, "use the latest HoloLens OS release").
 * Accepts `latest-known`, a release name (`20H2`, `23H2`) or a build (`22621.1266`, `10.0.22621.1266`);
 * normalizes to `{ build: "major.minor", requested }` using the catalog's release list.
 */
import { z } from "zod";
import { buildOfRelease, latestKnownBuild } from "../../../catalog/index.ts";
import { documented } from "../common.ts";

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
      "OS build devices must run: `latest-known` (the newest build in holofleet's catalog), a release name such as `23H2`, or a build such as `22621.1266`.",
    guide: "§GR-1",
  },
);

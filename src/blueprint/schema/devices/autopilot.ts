/** `devices.autopilot`: the Autopilot HoloLens profile and group tag (guide §GR-3, hololens2-autopilot.md). */
import { z } from "zod";
import { displayName, documented } from "../common.ts";

export const autopilotSchema = documented(
  z.strictObject({
    enabled: documented(z.boolean().default(true), {
      description: "Register and configure devices through Autopilot (self-deploying, Entra join).",
      guide: "§GR-3",
    }),
    profileName: documented(displayName(100, "Intune (the Autopilot profile name)").default("HoloLens external clients"), {
      description: "Display name of the Autopilot HoloLens profile (holofleet adds tenant.namingPrefix).",
      guide: "§GR-3",
    }),
    groupTag: documented(
      z
        .string()
        .regex(/^[A-Za-z0-9_-]{1,64}$/, { message: "expected letters, digits, `-` or `_`, e.g. HF-HOLOLENS" })
        .optional(),
      {
        description:
          "Group tag written at import; the dynamic device group matches `[OrderID]:<groupTag>`. Default `<namingPrefix>-HOLOLENS`.",
        guide: "§GR-3",
      },
    ),
    deviceNameTemplate: documented(
      z
        .string()
        .regex(/^(?:[A-Za-z0-9-]|%SERIAL%|%RAND:[1-9]%)+$/, {
          message: "expected letters, digits, `-` and the placeholders %SERIAL% or %RAND:n%, e.g. HL-%RAND:4%",
        })
        .nullable()
        .default(null),
      {
        description:
          "Device name template such as `HL-%RAND:4%`; null keeps the device's name (a template costs one extra restart in OOBE).",
        guide: "§GR-3",
      },
    ),
    language: documented(
      z
        .string()
        .regex(/^(?:os-default|[a-z]{2,3}-[A-Z]{2})$/, { message: "expected `os-default` or a locale such as en-US" })
        .default("os-default"),
      { description: "OOBE language (region): `os-default` or a locale such as `en-US`.", guide: "§GR-3" },
    ),
    autoConfigureKeyboard: documented(z.boolean().default(true), {
      description: "Configure the keyboard to match the language.",
      guide: "§GR-3",
    }),
  }),
  { description: "Autopilot registration and the HoloLens deployment profile.", guide: "§GR-3" },
);

/**
 * `devices`: everything configured on the HoloLens 2 devices (guide "General deployment recommendations").
 * The loader validates each subsection (osBaseline, kiosk, usb, …) on its own, so one wrong key in
 * `devices` does not hide the findings about the others.
 */
import { z } from "zod";
import type { DevicesSection } from "../types.ts";
import { documented } from "./common.ts";
import { appControlSchema } from "./devices/app-control.ts";
import { autopilotSchema } from "./devices/autopilot.ts";
import { enrollmentStatusPageSchema } from "./devices/enrollment-status-page.ts";
import { kioskSchema } from "./devices/kiosk.ts";
import { osBaselineSchema } from "./devices/os-baseline.ts";
import { restrictionsSchema } from "./devices/restrictions.ts";
import { settingsPagesSchema } from "./devices/settings-pages.ts";
import { updateRingSchema } from "./devices/update-ring.ts";

export const devicesSchema = documented(
  z.strictObject({
    osBaseline: osBaselineSchema,
    autopilot: autopilotSchema.prefault({}),
    enrollmentStatusPage: enrollmentStatusPageSchema.prefault({}),
    tenantLockdown: documented(z.boolean().default(true), {
      description: "TenantLockdown/RequireNetworkInOOBE: devices can only join this tenant (20H2+).",
      guide: "§GR-4",
    }),
    kiosk: kioskSchema.prefault({}),
    developerMode: documented(z.boolean().default(false), {
      description: "Allow developer mode; false sets ApplicationManagement/AllowDeveloperUnlock = 0.",
      guide: "§GR-6",
    }),
    usb: documented(z.enum(["off", "off-allow-provisioning-packages", "on"]).default("off"), {
      description:
        "`off`: no USB data connection (Connectivity/AllowUSBConnection = 0); `off-allow-provisioning-packages`: USB data off but provisioning packages may still be added (the guide's note); `on`: USB data allowed.",
      guide: "§GR-6",
    }),
    appControl: appControlSchema.prefault({}),
    storeAutoUpdate: documented(z.boolean().default(true), {
      description: "ApplicationManagement/AllowAppStoreAutoUpdate = 1 so Remote Assist keeps itself up to date.",
      guide: "§GR-8",
    }),
    settingsPages: settingsPagesSchema.prefault({}),
    updateRing: updateRingSchema.prefault({}),
    restrictions: restrictionsSchema.prefault({}),
  }),
  { description: "Device configuration.", guide: "§GR-1–§GR-11" },
);

/** One subsection of `devices`: the unit the loader validates, normalizes and hands to checks. */
export type DeviceSubsection = keyof DevicesSection;

/** Each subsection's schema, with its default (`undefined` in the file gives the default). */
export const deviceSubsectionSchemas = devicesSchema.shape;

/** The subsections in schema order (the order of `DevicesSection` and of the YAML surface). */
export const DEVICE_SUBSECTIONS = Object.keys(deviceSubsectionSchemas) as DeviceSubsection[];

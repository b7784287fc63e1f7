/**
 * `acknowledge`: risks the blueprint accepts on purpose. Each id silences exactly one semantic check
 * (see docs/blueprint.md); an acknowledgement with nothing to silence is itself reported.
 */
import { z } from "zod";
import { documented, uniqueList } from "./common.ts";

/** Acknowledgeable risks and the check each one silences. */
export const ACKNOWLEDGEABLE = {
  "browser-allowed": "HF2003",
  "usb-on": "HF2021",
  "developer-mode": "HF2022",
  "non-network-settings-page": "HF2007",
  "information-barriers-licence": "HF2006",
  "company-resource-plans": "HF2020",
  "calling-app-capability-denied": "HF2051",
  "wifi-off": "HF2052",
  "shared-password-domain": "HF2065",
} as const;

export type Acknowledgement = keyof typeof ACKNOWLEDGEABLE;

const ids = Object.keys(ACKNOWLEDGEABLE) as [Acknowledgement, ...Acknowledgement[]];

export const acknowledgeSchema = documented(uniqueList(z.enum(ids)).default([]), {
  description:
    "Risks accepted on purpose, e.g. `browser-allowed` when the browser stays available despite single sign-on (guide §CC-chat-history). Each id turns one finding off.",
});

import { describe, expect, it } from "vitest";
import { DEFAULT_ESP_MESSAGE, enrollmentStatusPageSchema } from "./enrollment-status-page.ts";

describe("devices.enrollmentStatusPage", () => {
  it("defaults: on, Intune's 60-minute time-out and message, reset button and log collection on", () => {
    expect(enrollmentStatusPageSchema.parse({})).toEqual({
      enabled: true,
      name: "HoloLens enrollment status",
      installTimeoutMinutes: 60,
      errorMessage: DEFAULT_ESP_MESSAGE,
      allowResetOnFailure: true,
      allowLogCollection: true,
    });
  });

  it("refuses a time-out below a minute, an empty or over-long message (Graph: at most 10,000) and unknown keys", () => {
    for (const bad of [{ installTimeoutMinutes: 0 }, { installTimeoutMinutes: 1.5 }, { errorMessage: "" }, { errorMessage: "x".repeat(10001) }, { blockUse: false }]) {
      expect(enrollmentStatusPageSchema.safeParse(bad).success, JSON.stringify(bad).slice(0, 60)).toBe(false);
    }
  });
});

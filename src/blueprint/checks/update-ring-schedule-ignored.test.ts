import { describe, expect, it } from "vitest";
import { compileUpdateRing } from "../../compile/graph/update-ring.ts";
import { blueprintForCheck, FIXTURE_CLIENT, FIXTURE_HEAD } from "./test-support.ts";
import { updateRingScheduleIgnored } from "./update-ring-schedule-ignored.ts";

/** A fixture whose `devices.updateRing` holds `lines` (each indented under it); the ring starts on line 8. */
const ring = (...lines: string[]) => FIXTURE_HEAD + "devices:\n  updateRing:\n" + lines.map((l) => `    ${l}\n`).join("") + FIXTURE_CLIENT;
const check = (text: string) => {
  const { bp, src } = blueprintForCheck(text);
  return updateRingScheduleIgnored(bp, src);
};
const located = (text: string) => check(text).map((d) => [d.code, d.severity, d.path?.join("."), d.source?.start.line, d.source?.start.col]);

describe("update-ring-schedule-ignored", () => {
  it("installDay and installTime with the default mode → HF2031 at installDay, naming both and the default", () => {
    const found = check(ring("installDay: sunday", "installTime: 2"));
    expect(found.map((d) => [d.code, d.severity, d.source?.start.line, d.source?.start.col])).toEqual([["HF2031", "warning", 8, 17]]);
    expect(found[0]!.message).toContain("`installDay` and `installTime`");
    expect(found[0]!.message).toContain("`autoInstallAtMaintenanceTime` (the default)");
    expect(found[0]!.fix).toContain("automaticUpdateMode: autoInstallAndRebootAtScheduledTime");
    expect(found[0]!.why?.length).toBeGreaterThan(20);
  });

  it("only installTime written → located there, naming only it", () => {
    expect(located(ring("qualityDeferralDays: 3", "installTime: 2"))).toEqual([["HF2031", "warning", "devices.updateRing.installTime", 9, 18]]);
    expect(check(ring("installTime: 2"))[0]!.message).not.toContain("installDay");
  });

  it("a written value equal to the default still warns: the user asked for a schedule that is ignored", () => {
    expect(located(ring("installDay: everyday"))).toEqual([["HF2031", "warning", "devices.updateRing.installDay", 8, 17]]);
  });

  it.each(["userDefined", "notifyDownload", "autoInstallAtMaintenanceTime", "autoInstallAndRebootAtMaintenanceTime", "autoInstallAndRebootWithoutEndUserControl"])(
    "mode %s written with an install schedule → HF2031 without '(the default)'",
    (mode) => {
      const found = check(ring(`automaticUpdateMode: ${mode}`, "installDay: monday"));
      expect(found.map((d) => d.code)).toEqual(["HF2031"]);
      expect(found[0]!.message).toContain(`\`${mode}\` ignores`);
    },
  );

  it("the scheduled mode with active hours written → HF2031 at activeHoursStart", () => {
    const found = check(ring("automaticUpdateMode: autoInstallAndRebootAtScheduledTime", "activeHoursStart: 7", "activeHoursEnd: 19"));
    expect(found.map((d) => [d.code, d.path?.join("."), d.source?.start.line, d.source?.start.col])).toEqual([
      ["HF2031", "devices.updateRing.activeHoursStart", 9, 23],
    ]);
    expect(found[0]!.message).toContain("`activeHoursStart` and `activeHoursEnd`");
    expect(found[0]!.fix).toContain("Remove `activeHoursStart` and `activeHoursEnd`");
  });

  it("a scheduled ring with its day and time, or an active-hours ring with its hours → no finding", () => {
    expect(check(ring("automaticUpdateMode: autoInstallAndRebootAtScheduledTime", "installDay: sunday", "installTime: 2"))).toEqual([]);
    expect(check(ring("automaticUpdateMode: autoInstallAtMaintenanceTime", "activeHoursStart: 7", "activeHoursEnd: 19"))).toEqual([]);
  });

  it("defaults never warn: no ring, an empty ring, or only other keys written", () => {
    expect(check(FIXTURE_HEAD + FIXTURE_CLIENT)).toEqual([]);
    expect(check(FIXTURE_HEAD + "devices:\n  updateRing: {}\n" + FIXTURE_CLIENT)).toEqual([]);
    expect(check(ring("qualityDeferralDays: 3", "featureDeferralDays: 30"))).toEqual([]);
    expect(check(ring("automaticUpdateMode: autoInstallAndRebootAtScheduledTime"))).toEqual([]);
  });

  it("a disabled ring sends nothing, so its schedule is not reported", () => {
    expect(check(ring("enabled: false", "installDay: sunday", "installTime: 2"))).toEqual([]);
  });

  it("a flow mapping is read the same way", () => {
    expect(located(FIXTURE_HEAD + "devices:\n  updateRing: { installTime: 4 }\n" + FIXTURE_CLIENT).map((f) => f.slice(0, 3))).toEqual([
      ["HF2031", "warning", "devices.updateRing.installTime"],
    ]);
  });

  it("a source map that cannot tell written keys from defaults → no finding (never warn on a default)", () => {
    const { bp, src } = blueprintForCheck(ring("installDay: sunday"));
    expect(updateRingScheduleIgnored(bp, { file: src.file, locate: src.locate })).toEqual([]);
  });

  it("for every mode and every written subset of the four keys, warns exactly about the keys the compiled ring leaves out", () => {
    const values = { installDay: "sunday", installTime: "2", activeHoursStart: "7", activeHoursEnd: "19" } as const;
    const graphName = { installDay: "scheduledInstallDay", installTime: "scheduledInstallTime", activeHoursStart: "activeHoursStart", activeHoursEnd: "activeHoursEnd" } as const;
    const keys = Object.keys(values) as (keyof typeof values)[];
    const modes = ["userDefined", "notifyDownload", "autoInstallAtMaintenanceTime", "autoInstallAndRebootAtMaintenanceTime", "autoInstallAndRebootAtScheduledTime", "autoInstallAndRebootWithoutEndUserControl"];
    let warned = 0;
    for (const mode of modes) {
      for (let mask = 0; mask < 1 << keys.length; mask++) {
        const written = keys.filter((_, i) => mask & (1 << i));
        const { bp, src } = blueprintForCheck(ring(`automaticUpdateMode: ${mode}`, ...written.map((k) => `${k}: ${values[k]}`)));
        const sent = compileUpdateRing(bp)[0]!.body.installationSchedule as Record<string, unknown>;
        const dropped = written.filter((k) => !(graphName[k] in sent));
        const found = updateRingScheduleIgnored(bp, src);
        const label = `${mode} ${written.join(",")}`;
        expect(found.length, label).toBe(dropped.length ? 1 : 0);
        if (found[0]) {
          warned++;
          expect(found[0].path, label).toEqual(["devices", "updateRing", dropped[0]]);
          expect(found[0].message, label).toContain(dropped.map((k) => `\`${k}\``).join(" and "));
          for (const kept of written.filter((k) => !dropped.includes(k))) expect(found[0].message, label).not.toContain(`\`${kept}\``);
        }
      }
    }
    // 5 modes × 12 subsets with a schedule key, plus the scheduled mode × 12 subsets with an active-hours key.
    expect(warned).toBe(5 * 12 + 12);
  });

  it("agrees with the compiler: whatever it reports is absent from the ring Graph receives", () => {
    const cases = [
      ring("installDay: sunday", "installTime: 2"),
      ring("automaticUpdateMode: autoInstallAndRebootAtScheduledTime", "activeHoursStart: 6", "activeHoursEnd: 20"),
    ];
    for (const text of cases) {
      const { bp, src } = blueprintForCheck(text);
      const [found] = updateRingScheduleIgnored(bp, src);
      const key = String(found!.path!.at(-1));
      const sent = compileUpdateRing(bp)[0]!.body.installationSchedule as Record<string, unknown>;
      const graphName = { installDay: "scheduledInstallDay", installTime: "scheduledInstallTime", activeHoursStart: "activeHoursStart" }[key]!;
      expect(sent, key).not.toHaveProperty(graphName);
    }
  });
});

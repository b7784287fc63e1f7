import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { referenceDir } from "../../compile/testing/reference-dir.ts";
import { auditFixture } from "../testing/fixtures.ts";
import { readAssignedAccess } from "./assigned-access.ts";

const REF = referenceDir();
const sample = (name: string) => readFileSync(path.join(REF!, "samples", name), "utf8");

describe("readAssignedAccess", () => {
  it("holofleet's compiled kiosk XML → one global profile, its apps in order, the auto-launch app marked", () => {
    const { compiled } = auditFixture();
    const xml = String(compiled.artifacts.find((a) => a.kind === "kiosk-xml")!.content);
    const read = readAssignedAccess(xml);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.config.globalProfileId).toBe(read.config.profiles[0]!.id);
    expect(read.config.profiles[0]!.apps).toEqual([
      { aumid: "Microsoft.MicrosoftRemoteAssist_8wekyb3d8bbwe!Microsoft.RemoteAssist", autoLaunch: true },
      { aumid: "BAEAEF15-9BAB-47FC-800B-ACECAD2AE94B_cw5n1h2txyewy!App", autoLaunch: false },
    ]);
  });

  it.runIf(REF)("Microsoft's global sample excluding device owners → global profile, owners excluded", () => {
    const read = readAssignedAccess(sample("kiosk-sample-global-multiapp-for-everyone-excluding-device-owners.xml"));
    expect(read.ok && read.config.globalProfileId !== null && read.config.excludesDeviceOwners).toBe(true);
  });

  it.runIf(REF)("Microsoft's two-group sample → no global profile, one profile per Entra group", () => {
    const read = readAssignedAccess(sample("kiosk-sample-multi-app-two-aad-groups-or-more.xml"));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.config.globalProfileId).toBeNull();
    expect(read.config.assigned.length).toBeGreaterThanOrEqual(2);
    expect(read.config.assigned.every((c) => c.group !== null)).toBe(true);
  });

  it("a single-app kiosk → its one app, auto-launched", () => {
    const xml = `<AssignedAccessConfiguration xmlns="http://schemas.microsoft.com/AssignedAccess/2017/config"><Profiles><Profile Id="{1}"><KioskModeApp AppUserModelId="A!B"/></Profile></Profiles><Configs><Config><Account>x@y</Account><DefaultProfile Id="{1}"/></Config></Configs></AssignedAccessConfiguration>`;
    const read = readAssignedAccess(xml);
    expect(read).toEqual({ ok: true, config: { profiles: [{ id: "{1}", apps: [{ aumid: "A!B", autoLaunch: true }], singleApp: true }], globalProfileId: null, excludesDeviceOwners: false, assigned: [{ account: "x@y", group: null, profileId: "{1}" }] } });
  });

  it("not well-formed XML (Microsoft's broken one-group sample has this fault) → an error, no throw", () => {
    const read = readAssignedAccess("<AssignedAccessConfiguration><Profiles></AssignedAccessConfiguration>");
    expect(read.ok).toBe(false);
    expect(!read.ok && read.error).toMatch(/not well-formed XML/);
  });
});

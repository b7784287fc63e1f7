import { describe, expect, it } from "vitest";
import { auditProgram } from "../program.ts";
import type { TenantSnapshot } from "../snapshot/schema.ts";
import { auditFixture, FIXTURE_BLUEPRINT } from "../testing/fixtures.ts";
import { evaluatePosture } from "./evaluate.ts";
import { parseRecipientFilter, evaluateFilter } from "./recipient-filter.ts";
import { describePath } from "./targeting.ts";

function posture(mutate: (s: TenantSnapshot) => void = () => {}, text = FIXTURE_BLUEPRINT) {
  const f = auditFixture(text);
  mutate(f.snapshot);
  return evaluatePosture(f.snapshot, auditProgram(f.snapshot, f.blueprint));
}

describe("evaluatePosture", () => {
  it("the applied program → every device gets the four profiles through the device group, one shared config", () => {
    const p = posture();
    expect(p.devices).toHaveLength(3);
    for (const d of p.devices) {
      expect(d.profiles.map((x) => x.displayName).sort()).toEqual(["HF HoloLens 2 app control", "HF HoloLens 2 device restrictions", "HF HoloLens 2 kiosk", "HF HoloLens update ring"]);
      expect(d.profiles.every((x) => describePath(x.via[0]!) === "HF HoloLens 2 devices (device)")).toBe(true);
      expect(d.config).toBe(p.devices[0]!.config);
    }
    const c = p.devices[0]!.config;
    expect(c.kiosk.state === "set" && c.kiosk.globalApps!.map((a) => a.appId)).toEqual(["remote-assist", "settings"]);
    expect([...c.appControl.blocked].sort()).toEqual(["calendar", "edge", "edge-legacy", "mail", "onedrive", "store"]);
    expect(c.settingsPages.state === "set" && c.settingsPages.visibility.mode).toBe("showonly");
    expect(c.value("./Vendor/MSFT/Policy/Config/Connectivity/AllowUSBConnection")).toMatchObject({ state: "set", value: 0 });
    expect(c.conflicts).toEqual([]);
  });

  it("a profile reaching a device through a nested group → the path names both groups", () => {
    const p = posture((s) => {
      const devices = s.groups.find((g) => g.uniqueName === "hf-hololens-devices")!;
      const nested = { ...devices, id: "nested-group", displayName: "Nested", members: [devices.members[0]!], transitiveMembers: [devices.members[0]!] };
      s.groups.push(nested);
      const outer = s.groups.find((g) => g.uniqueName === "hf-experts")!;
      outer.members.push({ "@odata.type": "#microsoft.graph.group", id: "nested-group" });
      outer.transitiveMembers.push({ "@odata.type": "#microsoft.graph.group", id: "nested-group" }, devices.members[0]!);
      s.deviceConfigurations.push({ ...s.deviceConfigurations[0]!, id: "extra", displayName: "Extra", assignments: [{ id: "a", target: { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId: outer.id } }] });
    });
    const extra = p.devices[0]!.profiles.find((x) => x.id === "extra")!;
    expect(describePath(extra.via[0]!)).toBe("HF Turbine Experts › Nested (device)".replace("Turbine Experts", "Experts"));
    expect(p.devices[1]!.profiles.some((x) => x.id === "extra")).toBe(false);
  });

  it("an exclusion group holding the device → the profile does not reach it and is listed as excluded", () => {
    const p = posture((s) => {
      const devicesGroup = s.groups.find((g) => g.uniqueName === "hf-hololens-devices")!;
      const kiosk = s.deviceConfigurations.find((c) => c.displayName === "HF HoloLens 2 kiosk")!;
      kiosk.assignments.push({ id: "x", target: { "@odata.type": "#microsoft.graph.exclusionGroupAssignmentTarget", groupId: devicesGroup.id } });
    });
    expect(p.devices[0]!.profiles.some((x) => x.displayName === "HF HoloLens 2 kiosk")).toBe(false);
    expect(p.devices[0]!.excluded.map((x) => x.displayName)).toEqual(["HF HoloLens 2 kiosk"]);
    expect(p.devices[0]!.config.kiosk.state).toBe("unset");
  });

  it("two profiles setting one node (./Device and ./Vendor forms) to different values → a conflict with no value", () => {
    const p = posture((s) => {
      s.deviceConfigurations.push({
        ...s.deviceConfigurations.find((c) => c.displayName === "HF HoloLens 2 device restrictions")!,
        id: "second",
        displayName: "Second",
        omaSettings: [{ "@odata.type": "#microsoft.graph.omaSettingInteger", displayName: "usb", omaUri: "./Vendor/MSFT/Policy/Config/Connectivity/AllowUSBConnection", value: 1 }],
      });
    });
    const v = p.devices[0]!.config.value("./Device/Vendor/MSFT/Policy/Config/Connectivity/AllowUSBConnection");
    expect(v.state).toBe("conflict");
    expect(p.devices[0]!.config.conflicts.map((c) => c.sources.map((s) => s.profileName))).toEqual([["HF HoloLens 2 device restrictions", "Second"]]);
  });

  it("a WDAC policy that does not decode → opaque; its apps are unknown", () => {
    const p = posture((s) => {
      const ac = s.deviceConfigurations.find((c) => c.displayName === "HF HoloLens 2 app control")!;
      ac.omaSettings![0]!.value = Buffer.from("not a policy").toString("base64");
    });
    const ac = p.devices[0]!.config.appControl;
    expect(ac.policies[0]!.status).toBe("opaque");
    expect(ac.hasOpaque).toBe(true);
    expect(ac.blocked.size).toBe(0);
  });

  it("accounts → group-based plans, password under the domain's default 90 days, loan from the blueprint", () => {
    const p = posture();
    const a = p.accounts.find((x) => x.user.userPrincipalName.startsWith("fabrikam-op01"))!;
    expect(a.clientId).toBe("fabrikam");
    expect(a.plans.map((x) => x.name).sort()).toContain("MICROSOFT_REMOTE_ASSIST");
    expect(a.plans.every((x) => x.via.kind === "group")).toBe(true);
    expect(a.password).toMatchObject({ validityDays: 90, loanSource: "blueprint", expiresDuringLoan: false });
    expect(a.devices).toEqual(["HL2-0001", "HL2-0002"]);
    expect(a.isolation).toMatchObject({ state: "evaluated", canFind: ["northwind"], canCall: [] });
  });

  it("information barriers with the evidence the script leaves → each client reaches no other client", () => {
    const p = posture(() => {}, FIXTURE_BLUEPRINT.replace("mode: baseline", "mode: information-barriers"));
    for (const a of p.accounts) expect(a.isolation).toMatchObject({ state: "evaluated", canFind: [], canCall: [] });
  });

  it("information barriers without evidence → the reach is unknown and the missing files are named", () => {
    const p = posture((s) => (s.evidence = {}), FIXTURE_BLUEPRINT.replace("mode: baseline", "mode: information-barriers"));
    expect(p.accounts[0]!.isolation).toEqual({ state: "missing-evidence", mode: "information-barriers", missing: ["organizationSegments", "informationBarrierPolicies"] });
  });

  it("scoped directory search with the evidence → each client finds only itself and the experts", () => {
    const p = posture(() => {}, FIXTURE_BLUEPRINT.replace("mode: baseline", "mode: scoped-directory-search"));
    for (const a of p.accounts) expect(a.isolation).toMatchObject({ state: "evaluated", canFind: [] });
  });
});

describe("recipient filters", () => {
  it("and/or/parentheses/-ne → evaluated; an unknown attribute → null", () => {
    const f = parseRecipientFilter("(Department -eq 'A') -or (MemberOf -eq 'g1' -and Department -ne 'B')");
    expect(f.ok).toBe(true);
    if (!f.ok) return;
    const values = (dept: string, groups: string[]) => (attr: string) => (attr === "Department" ? [dept] : attr === "MemberOf" ? groups : null);
    expect(evaluateFilter(f.filter, values("A", []))).toBe(true);
    expect(evaluateFilter(f.filter, values("C", ["g1"]))).toBe(true);
    expect(evaluateFilter(f.filter, values("B", ["g1"]))).toBe(false);
    const g = parseRecipientFilter("CustomAttribute1 -eq 'x'");
    expect(g.ok && evaluateFilter(g.filter, () => null)).toBeNull();
    expect(parseRecipientFilter("Department -like 'A*'").ok).toBe(false);
  });
});

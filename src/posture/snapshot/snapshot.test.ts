import { describe, expect, it } from "vitest";
import { checkEntity, formatProblems, hasCsdlReference } from "../../tenant-sim/conformance/csdl.ts";
import { auditFixture } from "../testing/fixtures.ts";
import { parseSnapshot } from "./load.ts";
import { snapshotOfAppliedProgram } from "./applied-program.ts";
import { snapshotSchema } from "./schema.ts";

/** The inlined navigations are `$expand` results, not properties of the entity type. */
function withoutNavigations(entity: Record<string, unknown>, ...keys: string[]): Record<string, unknown> {
  const copy = { ...entity };
  for (const k of keys) delete copy[k];
  return copy;
}

describe("snapshotOfAppliedProgram", () => {
  it("the applied fixture program → a snapshot the schema accepts, with every device, account and profile", () => {
    const { snapshot } = auditFixture();
    expect(snapshotSchema.safeParse(snapshot).success).toBe(true);
    expect(snapshot.managedDevices.map((d) => d.serialNumber)).toEqual(["HL2-0001", "HL2-0002", "HL2-0003"]);
    expect(snapshot.users.filter((u) => u.department).map((u) => u.userPrincipalName).sort()).toEqual([
      "fabrikam-op01@contoso.onmicrosoft.com",
      "fabrikam-op02@contoso.onmicrosoft.com",
      "northwind-op01@contoso.onmicrosoft.com",
    ]);
    expect(snapshot.deviceConfigurations.map((c) => c.displayName).sort()).toEqual(["HF HoloLens 2 app control", "HF HoloLens 2 device restrictions", "HF HoloLens 2 kiosk", "HF HoloLens update ring"]);
    const devicesGroup = snapshot.groups.find((g) => g.uniqueName === "hf-hololens-devices")!;
    expect(devicesGroup.transitiveMembers).toHaveLength(3);
    for (const c of snapshot.deviceConfigurations) expect(c.assignments.map((a) => a.target.groupId)).toEqual([devicesGroup.id]);
  });

  it("the same program twice → the same bytes (name-based ids, the snapshot's own clock)", () => {
    const a = auditFixture().snapshot;
    const b = auditFixture().snapshot;
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it("more devices and accounts than the blueprint names → simulated ones, spread over the clients", () => {
    const { compiled, blueprint } = auditFixture();
    const s = snapshotOfAppliedProgram(compiled, { takenAt: "2025-03-01T12:00:00Z", devices: 50, accounts: 20, blueprint });
    expect(s.managedDevices).toHaveLength(50);
    expect(s.users.filter((u) => u.department)).toHaveLength(20);
    const clientGroups = s.groups.filter((g) => g.mailNickname?.startsWith("hf-client-"));
    // 2 + 9 for fabrikam, 1 + 8 for northwind.
    expect(clientGroups.map((g) => g.members.length).sort()).toEqual([11, 9]);
  });

  it.runIf(hasCsdlReference())("every entity keeps Graph's wire shape (v1.0 CSDL, beta type mappings)", () => {
    const s = auditFixture().snapshot;
    const problems = [
      ...s.users.flatMap((u) => checkEntity("user", u, "v1.0", { partial: true })),
      ...s.groups.flatMap((g) => checkEntity("group", withoutNavigations(g, "members", "transitiveMembers"), "v1.0", { partial: true })),
      ...s.devices.flatMap((d) => checkEntity("device", withoutNavigations(d, "registeredOwners"), "v1.0", { partial: true })),
      ...s.domains.flatMap((d) => checkEntity("domain", d, "v1.0", { partial: true })),
      ...s.subscribedSkus.flatMap((k) => checkEntity("subscribedSku", k, "v1.0", { partial: true })),
      ...s.deviceConfigurations.flatMap((c) => checkEntity(c["@odata.type"], c, "v1.0", { partial: true })),
      ...s.managedDevices.flatMap((d) => checkEntity("managedDevice", d, "v1.0", { partial: true })),
      ...s.windowsAutopilotDeviceIdentities.flatMap((d) => checkEntity("windowsAutopilotDeviceIdentity", withoutNavigations(d, "deploymentProfile"), "beta", { partial: true })),
      ...s.windowsAutopilotDeploymentProfiles.flatMap((p) => checkEntity(p["@odata.type"], p, "beta", { partial: true })),
      ...s.deviceEnrollmentConfigurations.flatMap((c) => checkEntity(c["@odata.type"], c, "beta", { partial: true })),
      // The beta type mappings list a type's own properties only; `id` comes from `entity`.
      ...s.mobileDeviceManagementPolicies.flatMap((p) => checkEntity("mobilityManagementPolicy", withoutNavigations(p, "id", "includedGroups"), "beta", { partial: true })),
      ...checkEntity("deviceRegistrationPolicy", s.deviceRegistrationPolicy, "v1.0", { partial: true }),
    ];
    expect(problems, formatProblems(problems)).toEqual([]);
  });
});

describe("parseSnapshot", () => {
  const text = JSON.stringify(auditFixture().snapshot, null, 2);

  it("a snapshot written by holofleet → read back unchanged", () => {
    const { snapshot, diagnostics } = parseSnapshot(text, "s.json");
    expect(diagnostics).toEqual([]);
    expect(snapshot).toEqual(JSON.parse(text));
    // Entities are kept as parsed (no copy): that is only right while the schema changes nothing it accepts.
    expect(snapshot).toEqual(snapshotSchema.parse(JSON.parse(text)));
  });

  it("many broken entities → the first 20 located, the rest counted", () => {
    const json = JSON.parse(text);
    for (let i = 0; i < 30; i++) json.managedDevices.push({ id: `x${i}` });
    const { diagnostics } = parseSnapshot(JSON.stringify(json, null, 2), "s.json");
    expect(diagnostics).toHaveLength(21);
    expect(diagnostics[0]!.path).toEqual(["managedDevices", 3, "deviceConfigurationStates"]);
    expect(diagnostics[20]!.message).toMatch(/\d+ more problems not shown/);
  });

  it("a truncated snapshot → HF6001 at the end of the file, saying it may be truncated", () => {
    const cut = text.slice(0, 5000);
    const { snapshot, diagnostics } = parseSnapshot(cut, "s.json");
    expect(snapshot).toBeNull();
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: "HF6001", severity: "error" });
    expect(diagnostics[0]!.message).toContain("ends before it is complete");
    expect(diagnostics[0]!.source!.start.line).toBe(cut.split("\n").length);
  });

  it("a hand-edited value of the wrong type → HF6002 at that line, naming the key path", () => {
    const lines = text.split("\n");
    const i = lines.findIndex((l) => l.includes('"osVersion"'));
    lines[i] = lines[i]!.replace(/"osVersion": "[^"]*"/, '"osVersion": 22621');
    const { diagnostics } = parseSnapshot(lines.join("\n"), "s.json");
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: "HF6002", path: ["managedDevices", 0, "osVersion"] });
    expect(diagnostics[0]!.message).toContain("managedDevices[0].osVersion");
    expect(diagnostics[0]!.source).toEqual({ file: "s.json", start: { line: i + 1, col: expect.any(Number) } });
  });

  it("a missing required part → HF6002 pointing at the object that lacks it", () => {
    const json = JSON.parse(text);
    delete json.managedDevices;
    const { diagnostics } = parseSnapshot(JSON.stringify(json, null, 2), "s.json");
    expect(diagnostics.map((d) => [d.code, d.message])).toEqual([["HF6002", expect.stringContaining("managedDevices")]]);
    expect(diagnostics[0]!.source!.start).toEqual({ line: 1, col: 1 });
  });

  it("another format version → HF6003 at formatVersion, before any schema message", () => {
    const { diagnostics } = parseSnapshot(text.replace('"formatVersion": 1', '"formatVersion": 2'), "s.json");
    expect(diagnostics.map((d) => d.code)).toEqual(["HF6003"]);
    expect(diagnostics[0]!.source!.start.line).toBe(2);
  });

  it("a UTF-8 byte order mark → ignored", () => {
    expect(parseSnapshot(`\ufeff${text}`, "s.json").diagnostics).toEqual([]);
  });

  it("not JSON at all → HF6001 at line 1", () => {
    expect(parseSnapshot("formatVersion: 1\n", "s.json").diagnostics).toMatchObject([{ code: "HF6001", source: { start: { line: 1, col: 1 } } }]);
  });
});

import { describe, expect, it } from "vitest";
import { secureBlueprint } from "../testing/blueprint-fixture.ts";
import { graphSchemas, unknownKeys } from "../testing/graph-schema.ts";
import { compileGroups, groupTagMembershipRule } from "./groups.ts";

const threeClients = secureBlueprint({
  clients: [
    { id: "tailspin", displayName: "Tailspin Toys", usageLocation: "US", loanDays: 30, accounts: [{ userPrincipalName: "tailspin-op01@contoso.onmicrosoft.com", displayName: "T1", devices: [] }] },
    {
      id: "fabrikam",
      displayName: "Fabrikam",
      usageLocation: "DE",
      loanDays: null,
      accounts: [
        { userPrincipalName: "fabrikam-b@contoso.onmicrosoft.com", displayName: "F2", devices: ["SN2"] },
        { userPrincipalName: "fabrikam-a@contoso.onmicrosoft.com", displayName: "F1", devices: ["SN1"] },
      ],
    },
  ],
});

describe("compileGroups", () => {
  it("device group, one group per client, the all-clients licence group and the experts group", () => {
    const { groups, diagnostics } = compileGroups(threeClients);
    expect(diagnostics).toEqual([]);
    expect(groups.map((g) => g.address)).toEqual(["group.devices", "group.client-fabrikam", "group.client-tailspin", "group.clients", "group.experts"]);
  });

  it("with scoped directory search every group is a security group with the fields Graph requires and a uniqueName for upserts", () => {
    for (const g of compileGroups(threeClients).groups) {
      expect(g).toMatchObject({ kind: "group", api: "v1.0", collection: "/groups" });
      expect(g.body).toMatchObject({ mailEnabled: false, securityEnabled: true });
      expect(g.body.displayName).toMatch(/^HF /);
      expect(g.body.mailNickname).toMatch(/^[a-z0-9-]{1,64}$/);
      expect(g.body.uniqueName).toBe(g.body.mailNickname);
      expect(g.body.description).toContain("[holofleet:HF]");
    }
  });

  it("the device group is dynamic on the Autopilot group tag, as hololens2-autopilot.md writes the rule", () => {
    const devices = compileGroups(threeClients).groups[0]!;
    expect(devices.body).toMatchObject({
      groupTypes: ["DynamicMembership"],
      membershipRule: '(device.devicePhysicalIds -any _ -eq "[OrderID]:HF-HL2")',
      membershipRuleProcessingState: "On",
    });
    expect(groupTagMembershipRule("179887111881")).toBe('(device.devicePhysicalIds -any _ -eq "[OrderID]:179887111881")');
  });

  it("client groups bind their accounts; the licence group binds every account directly (no nesting)", () => {
    const groups = compileGroups(threeClients).groups;
    const fabrikam = groups.find((g) => g.address === "group.client-fabrikam")!;
    expect(fabrikam.body["members@odata.bind"]).toEqual([
      { $ref: "user.fabrikam-a@contoso.onmicrosoft.com" },
      { $ref: "user.fabrikam-b@contoso.onmicrosoft.com" },
    ]);
    expect(fabrikam.dependsOn).toEqual(["user.fabrikam-a@contoso.onmicrosoft.com", "user.fabrikam-b@contoso.onmicrosoft.com"]);
    const all = groups.find((g) => g.address === "group.clients")!;
    expect((all.body["members@odata.bind"] as unknown[]).length).toBe(3);
    expect(groups.find((g) => g.address === "group.experts")!.body).not.toHaveProperty(["members@odata.bind"]);
  });

  it("a group tag with a quote → HF3203, no device group", () => {
    const { groups, diagnostics } = compileGroups(secureBlueprint({ devices: { autopilot: { groupTag: 'HL"2' } } }));
    expect(groups.map((g) => g.address)).not.toContain("group.devices");
    expect(diagnostics).toEqual([expect.objectContaining({ code: "HF3203", path: ["devices", "autopilot", "groupTag"] })]);
  });

  it("Autopilot off → an assigned device group (no tag to match) so profiles still have a target", () => {
    const devices = compileGroups(secureBlueprint({ devices: { autopilot: { enabled: false } } })).groups.find((g) => g.address === "group.devices")!;
    expect(devices.body.groupTypes).toEqual([]);
    expect(devices.body).not.toHaveProperty("membershipRule");
  });

  it("a client id that makes the nickname longer than 64 characters → HF3205", () => {
    const id = "a".repeat(70);
    const bp = secureBlueprint({ clients: [{ id, displayName: "Long", usageLocation: "US", loanDays: null, accounts: [] }] });
    expect(compileGroups(bp).diagnostics).toEqual([expect.objectContaining({ code: "HF3205" })]);
  });

  it.skipIf(graphSchemas() === null)("every body key is a property of the v1.0 group type (CSDL), in either isolation mode", () => {
    const { v1 } = graphSchemas()!;
    for (const g of [...compileGroups(threeClients).groups, ...compileGroups(withBarriers).groups]) expect(unknownKeys(v1, "group", g.body), g.address).toEqual([]);
  });
});

const withBarriers = secureBlueprint({ ...threeClients, isolation: { mode: "information-barriers" } });
const experts = (bp: typeof threeClients) => compileGroups(bp).groups.find((g) => g.address === "group.experts")!;

describe("compileGroups: the experts group and information barriers (hololens-facts §14.1)", () => {
  it("information barriers → a private Microsoft 365 group, the only kind an IB MemberOf segment can use", () => {
    expect(experts(withBarriers).body).toEqual({
      description: expect.stringMatching(/^The organisation's experts that clients call; add members here\. A Microsoft 365 group.*segment Experts.*\[holofleet:HF\]$/),
      displayName: "HF Experts",
      groupTypes: ["Unified"],
      mailEnabled: true,
      mailNickname: "hf-experts",
      securityEnabled: false,
      uniqueName: "hf-experts",
      visibility: "Private",
    });
  });

  it("scoped directory search keeps the experts security group as it was", () => {
    expect(experts(threeClients).body).toEqual({
      description: expect.stringMatching(/^The organisation's experts that clients call; add members here\. Managed by holofleet/),
      displayName: "HF Experts",
      groupTypes: [],
      mailEnabled: false,
      mailNickname: "hf-experts",
      securityEnabled: true,
      uniqueName: "hf-experts",
    });
  });

  it("information barriers also make each client group a private Microsoft 365 group (its segment); device and licence groups stay security groups", () => {
    const scoped = compileGroups(threeClients).groups;
    const barriers = compileGroups(withBarriers).groups;
    for (const g of barriers.filter((g) => g.address === "group.devices" || g.address === "group.clients")) {
      expect(g).toEqual(scoped.find((s) => s.address === g.address));
      expect(g.body).toMatchObject({ mailEnabled: false, securityEnabled: true });
    }
    const clientGroups = barriers.filter((g) => g.address.startsWith("group.client-"));
    expect(clientGroups.length).toBe(2);
    for (const g of clientGroups) {
      const before = scoped.find((s) => s.address === g.address)!;
      expect(g.body).toMatchObject({ groupTypes: ["Unified"], mailEnabled: true, securityEnabled: false, visibility: "Private" });
      expect(g.body.description).toMatch(/a Microsoft 365 group, as information-barrier segments need \(its members form segment HF-Client-/);
      // Same object for apply (address, nickname, uniqueName) and the same members.
      expect([g.dependsOn, g.body.mailNickname, g.body.uniqueName, g.body["members@odata.bind"]]).toEqual([
        before.dependsOn,
        before.body.mailNickname,
        before.body.uniqueName,
        before.body["members@odata.bind"],
      ]);
    }
  });

  it("the Microsoft 365 experts group keeps the address, nickname and uniqueName, so apply upserts the same object", () => {
    const [a, b] = [experts(threeClients), experts(withBarriers)];
    expect([b.address, b.body.mailNickname, b.body.uniqueName, b.dependsOn]).toEqual([a.address, a.body.mailNickname, a.body.uniqueName, a.dependsOn]);
    expect(b.body).not.toHaveProperty(["members@odata.bind"]);
  });

  it("is the same whatever the client order (deterministic)", () => {
    const reversed = secureBlueprint({ ...withBarriers, clients: [...withBarriers.clients].reverse() });
    expect(compileGroups(reversed)).toEqual(compileGroups(withBarriers));
  });
});

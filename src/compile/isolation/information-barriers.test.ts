import { describe, expect, it } from "vitest";
import { compileGroups } from "../graph/groups.ts";
import { secureBlueprint } from "../testing/blueprint-fixture.ts";
import { informationBarrierPlan, informationBarrierScript } from "./information-barriers.ts";

const bp = secureBlueprint({
  isolation: { mode: "information-barriers" },
  experts: { groupName: "Contoso's experts", segmentName: "Experts" },
  clients: [
    { id: "tailspin", displayName: "Tailspin", usageLocation: "US", loanDays: null, accounts: [] },
    { id: "fabrikam", displayName: "Fabrikam", usageLocation: "DE", loanDays: null, accounts: [] },
  ],
});

const bpWithAccounts = secureBlueprint({
  ...bp,
  clients: [
    { id: "tailspin", displayName: "Tailspin", usageLocation: "US", loanDays: null, accounts: [{ userPrincipalName: "tail-01@contoso.onmicrosoft.com", displayName: "Tail 01", devices: [] }] },
    {
      id: "fabrikam",
      displayName: "Fabrikam",
      usageLocation: "DE",
      loanDays: null,
      accounts: [
        { userPrincipalName: "fab-02@contoso.onmicrosoft.com", displayName: "Fab 02", devices: [] },
        { userPrincipalName: "fab-01@contoso.onmicrosoft.com", displayName: "Fab 01", devices: [] },
      ],
    },
  ],
});

describe("informationBarrierPlan", () => {
  it("one segment per client plus the experts segment, every one by MemberOf a group holofleet compiles", () => {
    expect(informationBarrierPlan(bp).segments).toEqual([
      { name: "Experts", attribute: "MemberOf", groupAddress: "group.experts", groupAlias: "hf-experts" },
      { name: "HF-Client-fabrikam", attribute: "MemberOf", groupAddress: "group.client-fabrikam", groupAlias: "hf-client-fabrikam" },
      { name: "HF-Client-tailspin", attribute: "MemberOf", groupAddress: "group.client-tailspin", groupAlias: "hf-client-tailspin" },
    ]);
  });

  it("each client segment may reach only itself and the experts; the experts segment stays unrestricted", () => {
    expect(informationBarrierPlan(bp).policies).toEqual([
      { name: "HF-Client-fabrikam-allow", assignedSegment: "HF-Client-fabrikam", segmentsAllowed: ["HF-Client-fabrikam", "Experts"] },
      { name: "HF-Client-tailspin-allow", assignedSegment: "HF-Client-tailspin", segmentsAllowed: ["HF-Client-tailspin", "Experts"] },
    ]);
  });
});

describe("segments and the groups they filter on (information-barriers attributes page)", () => {
  it("every segment uses the same attribute, as Microsoft's attributes page asks", () => {
    expect(new Set(informationBarrierPlan(bp).segments.map((s) => s.attribute))).toEqual(new Set(["MemberOf"]));
  });

  it("each segment's group is compiled, a private Microsoft 365 group (the only IB-aware kind), with that nickname", () => {
    const groups = compileGroups(bpWithAccounts).groups;
    for (const segment of informationBarrierPlan(bpWithAccounts).segments) {
      const group = groups.find((g) => g.address === segment.groupAddress);
      expect(group, segment.name).toBeDefined();
      expect(group!.body, segment.name).toMatchObject({
        groupTypes: ["Unified"],
        mailEnabled: true,
        securityEnabled: false,
        visibility: "Private",
        mailNickname: segment.groupAlias,
        uniqueName: segment.groupAlias,
      });
    }
  });

  it("a client segment's group holds exactly that client's accounts, so its members are the segment", () => {
    const groups = compileGroups(bpWithAccounts).groups;
    const members = (address: string) => groups.find((g) => g.address === address)!.body["members@odata.bind"];
    expect(members("group.client-fabrikam")).toEqual([
      { $ref: "user.fab-01@contoso.onmicrosoft.com" },
      { $ref: "user.fab-02@contoso.onmicrosoft.com" },
    ]);
    expect(members("group.client-tailspin")).toEqual([{ $ref: "user.tail-01@contoso.onmicrosoft.com" }]);
  });

  it("the filter is the group's object id looked up at run time, never a display name", () => {
    const script = informationBarrierScript(bp);
    expect(script).not.toContain("HF Contoso''s experts'");
    expect(script).not.toMatch(/UserGroupFilter '(Department|MemberOf) -eq/);
    expect(script).toContain("$filter = \"MemberOf -eq '$(Get-SegmentGroupId $segments[$name])'\"");
    expect(script).toContain("return $group.ExternalDirectoryObjectId");
    expect(script).toContain("  'Experts' = 'hf-experts'");
    expect(script).toContain("  'HF-Client-fabrikam' = 'hf-client-fabrikam'");
  });

  it("the script says why one attribute and why an object id", () => {
    const script = informationBarrierScript(bp);
    expect(script).toMatch(/# Why every segment uses MemberOf: .*same attribute/);
    expect(script).toMatch(/# Why an object id: MemberOf takes .*ExternalDirectoryObjectId.*not a display name/s);
  });
});

describe("informationBarrierScript", () => {
  const script = informationBarrierScript(bp);

  it("creates segments and inactive allow-only policies, activates them, then starts the application", () => {
    expect(script).toContain("    New-OrganizationSegment -Name $name -UserGroupFilter $filter");
    expect(script).toContain(
      "New-InformationBarrierPolicy -Name 'HF-Client-fabrikam-allow' -AssignedSegment 'HF-Client-fabrikam' -SegmentsAllowed 'HF-Client-fabrikam','Experts' -State Inactive",
    );
    expect(script).toContain("Set-InformationBarrierPolicy -Identity 'HF-Client-tailspin-allow' -State Active");
    const activate = script.indexOf("-State Active");
    expect(activate).toBeGreaterThan(script.lastIndexOf("-State Inactive"));
    expect(script.trimEnd().endsWith("Start-InformationBarrierPoliciesApplication")).toBe(true);
  });

  it("names survive quoting: an apostrophe in a segment name is doubled inside its literal", () => {
    const quoted = informationBarrierScript(secureBlueprint({ ...bp, experts: { groupName: "X", segmentName: "Contoso's experts" } }));
    expect(quoted).toContain("  'Contoso''s experts' = 'hf-experts'");
    expect(quoted).toContain("-SegmentsAllowed 'HF-Client-fabrikam','Contoso''s experts'");
  });

  it("is re-runnable: existing segments and policies are updated, not duplicated", () => {
    expect(script).toContain("  if (Get-OrganizationSegment -Identity $name -ErrorAction SilentlyContinue) {");
    expect(script).toContain("Set-InformationBarrierPolicy -Identity 'HF-Client-fabrikam-allow' -SegmentsAllowed 'HF-Client-fabrikam','Experts'");
  });

  it("names no holofleet command that does not exist", () => {
    expect(script).not.toMatch(/holofleet (apply|plan)/);
  });

  it("same tenant → the admin adds the experts to the experts group; nothing on guests", () => {
    expect(script).toContain("add the experts to the experts group.");
    expect(script).not.toContain("Service tenant");
  });

  it("a service tenant with guests → holofleet invites them and fills the experts group; the admin adds no one by hand", () => {
    const guests = informationBarrierScript(secureBlueprint({ ...bp, tenant: { ...bp.tenant, model: "service-tenant" }, experts: { access: "guests", addresses: ["ada@contoso.com"] } }));
    expect(guests).toContain("experts.access: guests: the compiled");
    expect(guests).toContain("nobody is added by hand");
    expect(guests).toContain("graph/groupMember.experts.*.json");
    expect(guests).not.toMatch(/add the experts to the experts group|Add them to this\s+# tenant as guests/);
  });

  it("a service tenant with federation → the experts segment holds no one, and the script says so (HF2073)", () => {
    const federation = informationBarrierScript(secureBlueprint({ ...bp, tenant: { ...bp.tenant, model: "service-tenant" }, experts: { access: "federation", addresses: ["ada@contoso.com"] } }));
    expect(federation).toContain("experts.access: federation");
    expect(federation).toContain("the experts segment holds no one");
    expect(federation).toContain("experts/teams-external-access-*.ps1");
    expect(federation).not.toContain("add the experts to the experts group");
  });

  it("is deterministic and independent of client order", () => {
    const reversed = secureBlueprint({ ...bp, clients: [...bp.clients].reverse() });
    expect(informationBarrierScript(reversed)).toBe(script);
    expect(script).not.toMatch(/\r/);
  });
});

/**
 * The statements of a script as PowerShell would split them at line ends: a line break inside a
 * single-quoted literal (where '' is an escaped quote) continues the literal; comments are dropped.
 */
function statementLines(script: string): string[] {
  const out: string[] = [];
  let current = "";
  let quoted = false;
  for (let i = 0; i < script.length; i++) {
    const c = script[i]!;
    if (!quoted && c === "#" && current.trim() === "") {
      while (i < script.length && script[i] !== "\n") i++;
      continue;
    }
    if (c === "'" || c === "\u2018" || c === "\u2019" || c === "\u201A" || c === "\u201B") {
      if (quoted && /['\u2018-\u201B]/.test(script[i + 1] ?? "")) {
        current += c + script[i + 1];
        i++;
        continue;
      }
      quoted = !quoted;
    }
    if (c === "\n" && !quoted) {
      if (current.trim() !== "") out.push(current);
      current = "";
      continue;
    }
    current += c;
  }
  expect(quoted, "script ends inside a quoted literal").toBe(false);
  if (current.trim() !== "") out.push(current);
  return out;
}

/** The statement shapes the script is made of; a name that escaped its literal would make another. */
const STATEMENT = new RegExp(
  [
    /^\$ErrorActionPreference = 'Stop'$/,
    /^function Get-SegmentGroupId\(\[string\] \$Alias\) \{$/,
    /^ {2}\$group = Get-UnifiedGroup -Identity \$Alias -ErrorAction SilentlyContinue$/,
    /^ {2}if \(-not \$group\) \{ throw "Microsoft 365 group '\$Alias' not found[^"]*" \}$/,
    /^ {2}return \$group\.ExternalDirectoryObjectId$/,
    /^\$segments = \[ordered\]@\{$/,
    /^ {2}'(?:[^']|'')*' = '[a-z0-9-]+'$/,
    /^foreach \(\$name in \$segments\.Keys\) \{$/,
    /^ {2}\$filter = "MemberOf -eq '\$\(Get-SegmentGroupId \$segments\[\$name\]\)'"$/,
    /^ {2}if \(Get-OrganizationSegment -Identity \$name -ErrorAction SilentlyContinue\) \{$/,
    /^ {4}(Set|New)-OrganizationSegment -(Identity|Name) \$name -UserGroupFilter \$filter$/,
    /^ *\} else \{$/,
    /^ *\}$/,
    /^if \(Get-InformationBarrierPolicy -Identity '(?:[^']|'')*' -ErrorAction SilentlyContinue\) \{$/,
    /^ {2}(Set|New)-InformationBarrierPolicy -(Identity|Name) '(?:[^']|'')*' .*$/,
    /^Set-InformationBarrierPolicy -Identity '(?:[^']|'')*' -State Active$/,
    /^Start-InformationBarrierPoliciesApplication$/,
  ]
    .map((re) => `(?:${re.source})`)
    .join("|"),
  "s",
);

describe("informationBarrierScript with hostile names", () => {
  it("names with line breaks and quotes stay inside their literals; every statement is one of ours", () => {
    const hostile = secureBlueprint({
      metadata: { name: "demo\nRemove-Item C:\\ -Recurse", description: "" },
      experts: { groupName: "Experts\r\nStop-Computer", segmentName: "Experts’; Stop-Computer; '" },
      isolation: { mode: "information-barriers" },
    });
    const statements = statementLines(informationBarrierScript(hostile));
    expect(statements.length).toBeGreaterThan(5);
    for (const line of statements) {
      expect(line).toMatch(STATEMENT);
    }
  });

  it("the tokenizer itself notices an unbalanced quote", () => {
    expect(() => statementLines("New-OrganizationSegment -Name 'a\n")).toThrow();
  });
});

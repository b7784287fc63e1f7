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

describe("informationBarrierPlan", () => {
  it("one segment per client (by Department) plus the experts segment (by group)", () => {
    expect(informationBarrierPlan(bp).segments).toEqual([
      { name: "Experts", filter: "MemberOf -eq 'HF Contoso''s experts'" },
      { name: "HF-Client-fabrikam", filter: "Department -eq 'HF-Client-fabrikam'" },
      { name: "HF-Client-tailspin", filter: "Department -eq 'HF-Client-tailspin'" },
    ]);
  });

  it("each client segment may reach only itself and the experts; the experts segment stays unrestricted", () => {
    expect(informationBarrierPlan(bp).policies).toEqual([
      { name: "HF-Client-fabrikam-allow", assignedSegment: "HF-Client-fabrikam", segmentsAllowed: ["HF-Client-fabrikam", "Experts"] },
      { name: "HF-Client-tailspin-allow", assignedSegment: "HF-Client-tailspin", segmentsAllowed: ["HF-Client-tailspin", "Experts"] },
    ]);
  });
});

describe("the experts segment and the group it names (hololens-facts §14.1)", () => {
  it("MemberOf names the display name of a Microsoft 365 group holofleet compiles, not a security group", () => {
    const filter = informationBarrierPlan(bp).segments.find((s) => s.name === bp.experts.segmentName)!.filter;
    const named = compileGroups(bp).groups.filter((g) => filter === `MemberOf -eq '${String(g.body.displayName).replace(/'/g, "''")}'`);
    expect(named.map((g) => g.address)).toEqual(["group.experts"]);
    // Only Microsoft 365 (modern) groups are IB-aware; security groups and DLs are treated as non-IB.
    expect(named[0]!.body).toMatchObject({ groupTypes: ["Unified"], mailEnabled: true });
  });

  it("client segments use Department, which holofleet sets on the accounts, so no client group needs to be IB-aware", () => {
    const clientFilters = informationBarrierPlan(bp).segments.slice(1).map((s) => s.filter);
    expect(clientFilters.every((f) => f.startsWith("Department -eq "))).toBe(true);
  });

  it("the script tells the admin the experts group is a Microsoft 365 group", () => {
    expect(informationBarrierScript(bp)).toContain("#     and the experts Microsoft 365 group 'HF Contoso''s experts' exists with its members");
  });
});

describe("informationBarrierScript", () => {
  const script = informationBarrierScript(bp);

  it("creates segments and inactive allow-only policies, activates them, then starts the application", () => {
    expect(script).toContain("New-OrganizationSegment -Name 'HF-Client-fabrikam' -UserGroupFilter 'Department -eq ''HF-Client-fabrikam'''");
    expect(script).toContain(
      "New-InformationBarrierPolicy -Name 'HF-Client-fabrikam-allow' -AssignedSegment 'HF-Client-fabrikam' -SegmentsAllowed 'HF-Client-fabrikam','Experts' -State Inactive",
    );
    expect(script).toContain("Set-InformationBarrierPolicy -Identity 'HF-Client-tailspin-allow' -State Active");
    const activate = script.indexOf("-State Active");
    expect(activate).toBeGreaterThan(script.lastIndexOf("-State Inactive"));
    expect(script.trimEnd().endsWith("Start-InformationBarrierPoliciesApplication")).toBe(true);
  });

  it("the experts filter survives two levels of quoting (OPATH inside a PowerShell literal)", () => {
    expect(script).toContain("New-OrganizationSegment -Name 'Experts' -UserGroupFilter 'MemberOf -eq ''HF Contoso''''s experts'''");
  });

  it("is re-runnable: existing segments and policies are updated, not duplicated", () => {
    expect(script).toContain("if (Get-OrganizationSegment -Identity 'Experts' -ErrorAction SilentlyContinue) {");
    expect(script).toContain("Set-InformationBarrierPolicy -Identity 'HF-Client-fabrikam-allow' -SegmentsAllowed 'HF-Client-fabrikam','Experts'");
  });

  it("a service tenant gets the note on expert guests", () => {
    expect(informationBarrierScript(secureBlueprint({ ...bp, tenant: { ...bp.tenant, model: "service-tenant" } }))).toContain("# Service tenant (guide Image 1.1)");
    expect(script).not.toContain("Service tenant");
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
      expect(line).toMatch(/^(\$ErrorActionPreference = 'Stop'|if \((Get-OrganizationSegment|Get-InformationBarrierPolicy) |\s+(Set|New)-(OrganizationSegment|InformationBarrierPolicy) |\} else \{|\}$|Set-InformationBarrierPolicy -Identity |Start-InformationBarrierPoliciesApplication$)/);
    }
  });

  it("the tokenizer itself notices an unbalanced quote", () => {
    expect(() => statementLines("New-OrganizationSegment -Name 'a\n")).toThrow();
  });
});

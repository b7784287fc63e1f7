import { describe, expect, it } from "vitest";
import { collectionCommands, EVIDENCE_KINDS } from "./kinds.ts";
import { evidenceKindOf, loadEvidence } from "./load.ts";

const segments = JSON.stringify([
  { Name: "HF-Experts", UserGroupFilter: "MemberOf -eq 'g-experts'", ExoSegmentId: "x", Guid: "1" },
  { Name: "HF-Client-fabrikam", UserGroupFilter: "MemberOf -eq 'g-fab'" },
], null, 2);

describe("loadEvidence", () => {
  it("ConvertTo-Json output of Get-OrganizationSegment → read, extra properties kept", () => {
    const r = loadEvidence([{ file: "ev/organization-segments.json", text: segments }]);
    expect(r.diagnostics).toEqual([]);
    expect(r.evidence.organizationSegments?.map((s) => s.Name)).toEqual(["HF-Experts", "HF-Client-fabrikam"]);
    expect(r.sources).toEqual({ organizationSegments: "ev/organization-segments.json" });
  });

  it("one policy → PowerShell prints an object, not an array; a lone allowed segment prints as a string → both read as lists", () => {
    const text = JSON.stringify({ Name: "p", AssignedSegment: "A", SegmentsAllowed: "A", State: "Active" });
    const r = loadEvidence([{ file: "information-barrier-policies.json", text }]);
    expect(r.diagnostics).toEqual([]);
    expect(r.evidence.informationBarrierPolicies).toEqual([{ Name: "p", AssignedSegment: "A", SegmentsAllowed: ["A"], State: "Active" }]);
  });

  it("a file under another name → recognised by the property only its kind prints", () => {
    expect(evidenceKindOf("teams.json", { Identity: "Global", AllowScopedPeopleSearchandAccess: true })).toBe("teamsClientConfiguration");
    expect(evidenceKindOf("abp.json", [{ Name: "x", AddressLists: [], GlobalAddressList: "g" }])).toBe("addressBookPolicies");
  });

  it("a state printed as a number (ConvertTo-Json of the raw enum) → HF6011 at that value, naming the command that writes text", () => {
    const text = '[\n  {\n    "Name": "p",\n    "AssignedSegment": "A",\n    "State": 1\n  }\n]';
    const r = loadEvidence([{ file: "information-barrier-policies.json", text }]);
    expect(r.diagnostics).toMatchObject([{ code: "HF6011", path: [0, "State"], source: { start: { line: 5 } } }]);
    expect(r.diagnostics[0]!.message).toContain("as text");
    expect(r.diagnostics[0]!.fix).toContain("Get-InformationBarrierPolicy");
  });

  it("truncated JSON → HF6010; an unknown file → HF6012; the same kind twice → HF6013", () => {
    const r = loadEvidence([
      { file: "organization-segments.json", text: segments.slice(0, 40) },
      { file: "notes.json", text: "[1,2]" },
      { file: "a/mailboxes.json", text: "[]" },
      { file: "b/mailboxes.json", text: "[]" },
    ]);
    expect(r.diagnostics.map((d) => d.code)).toEqual(["HF6010", "HF6012", "HF6013"]);
  });

  it("a UTF-8 BOM (Out-File -Encoding utf8 in Windows PowerShell) → ignored", () => {
    expect(loadEvidence([{ file: "organization-segments.json", text: `\ufeff${segments}` }]).diagnostics).toEqual([]);
  });

  it("the commands for missing kinds → each session once, then its commands", () => {
    expect(collectionCommands(["organizationSegments", "informationBarrierPolicies", "mailboxes"])).toEqual([
      "Connect-IPPSSession",
      EVIDENCE_KINDS.organizationSegments.command,
      EVIDENCE_KINDS.informationBarrierPolicies.command,
      "Connect-ExchangeOnline",
      EVIDENCE_KINDS.mailboxes.command,
    ]);
  });
});

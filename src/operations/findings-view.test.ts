import { describe, expect, it } from "vitest";
import { exampleAudit } from "./audit-testing.ts";
import { filterFindings, findingsForClient, findingsOnDevice, isAboutDevice } from "./findings-view.ts";

const { result } = exampleAudit();

describe("findings view", () => {
  it("no filter → fail and manual only; a status asked for → that status", () => {
    expect(filterFindings(result.results, {}).every((f) => f.status === "fail" || f.status === "manual")).toBe(true);
    expect(filterFindings(result.results, {})).toHaveLength(result.summary.byStatus.fail + result.summary.byStatus.manual);
    expect(filterFindings(result.results, { statuses: ["pass"] })).toHaveLength(result.summary.byStatus.pass);
  });

  it("concern, severity and client combine (all must hold)", () => {
    const f = filterFindings(result.results, { concern: "app-control", client: "fabrikam", severity: "high" });
    expect(f.map((x) => x.subject.name)).toEqual(["HL-0001 (HL2-000101)", "HL-0002 (HL2-000102)"]);
    expect(filterFindings(result.results, { concern: "app-control", severity: "low" })).toEqual([]);
  });

  it("a device's findings → matched by its serial in the subject, whatever the case; never another device whose serial starts the same", () => {
    const on = findingsOnDevice(result.results, "hl2-000101");
    expect(on.length).toBeGreaterThan(3);
    expect(on.every((f) => f.subject.name.endsWith("(HL2-000101)"))).toBe(true);
    expect(isAboutDevice({ ...on[0]!, subject: { type: "device", id: "x", name: "HL-9 (HL2-0001011)" } }, "HL2-000101")).toBe(false);
  });

  it("a client's findings → its own, its accounts' and its devices on loan's, even a device the audit ties to no client", () => {
    const tailspin = findingsForClient(result.results, { id: "tailspin", upns: ["tailspin-op01@contoso.onmicrosoft.com"], serials: [] });
    expect(tailspin.map((f) => f.ruleId)).toEqual(["passwords/no-expiry-during-loan"]);
    const withLoan = findingsForClient(result.results, { id: "tailspin", upns: [], serials: ["HL2-000201"] });
    expect(new Set(withLoan.map((f) => f.subject.name))).toEqual(new Set(["HL-0003 (HL2-000201)", "tailspin-op01@contoso.onmicrosoft.com"]));
  });
});

import { describe, expect, it } from "vitest";
import type { Loan } from "../fleet/store/port.ts";
import { exampleAudit } from "./audit-testing.ts";
import { fleetOverview, type OverviewInput } from "./fleet-overview.ts";

const NOW = new Date("2026-03-15T12:00:00.000Z");
const loan = (id: number, expectedReturn: string, state: Loan["state"] = "open"): Loan => ({
  id,
  deviceSerial: `HL2-${id}`,
  clientId: "fabrikam",
  accountUpns: [],
  state,
  expectedReturn,
  preparedAt: "2026-03-01T00:00:00.000Z",
  shippedAt: null,
  deliveredAt: null,
  returnedAt: null,
  closedAt: null,
  version: 1,
  createdAt: "2026-03-01T00:00:00.000Z",
  updatedAt: "2026-03-01T00:00:00.000Z",
});
const counts = { "in-stock": 3, prepared: 1, shipped: 0, "at-client": 2, overdue: 1, returned: 0, resetting: 0, lost: 0 };
const input = (over: Partial<OverviewInput> = {}): OverviewInput => ({ now: NOW, audit: null, stateCounts: counts, openLoans: [], lastApply: null, ...over });

describe("fleetOverview", () => {
  it("loans → overdue ones (past their return, with whole days) and those due within 7 days, soonest first; closed loans ignored", () => {
    const o = fleetOverview(
      input({
        openLoans: [
          loan(1, "2026-03-22T12:00:00.000Z"), // exactly 7 days: due this week
          loan(2, "2026-03-15T11:59:00.000Z"), // a minute ago: overdue, 0 days
          loan(3, "2026-03-10T12:00:00.000Z"), // 5 days
          loan(4, "2026-03-22T12:01:00.000Z"), // beyond the week
          loan(5, "2026-03-01T00:00:00.000Z", "returned"),
          loan(6, "2026-03-16T00:00:00.000Z"),
        ],
      }),
    );
    expect(o.overdue.map((l) => [l.serial, l.daysOverdue])).toEqual([
      ["HL2-3", 5],
      ["HL2-2", 0],
    ]);
    expect(o.dueThisWeek.map((l) => l.serial)).toEqual(["HL2-6", "HL2-1"]);
  });

  it("device counts → every state in life-cycle order and the total", () => {
    const o = fleetOverview(input());
    expect(o.devicesByState.map((s) => s.state)).toEqual(["in-stock", "prepared", "shipped", "at-client", "overdue", "returned", "resetting", "lost"]);
    expect(o.totalDevices).toBe(7);
  });

  it("an audit → only the concerns with results, in the guide's order; its failures and who ran it", () => {
    const audit = exampleAudit();
    const o = fleetOverview(input({ audit }));
    expect(o.posture!.map((p) => p.concern)).toEqual(Object.entries(audit.result.summary.byConcern).filter(([, c]) => Object.values(c).some((n) => n > 0)).map(([k]) => k));
    expect(o.posture!.find((p) => p.concern === "app-control")!.counts.fail).toBe(3);
    expect(o.lastAudit).toEqual({ at: audit.at, by: "console:otto", failures: 9, total: 111 });
    expect(fleetOverview(input()).posture).toBeNull();
  });

  it("the last apply event → its time, actor and summary", () => {
    const o = fleetOverview(input({ lastApply: { id: 9, at: "2026-03-14T10:00:00.000Z", actor: "cli:alice", action: "apply.run", subjectType: "tenant", subjectId: "t", before: null, after: { applied: 4 } } }));
    expect(o.lastApply).toEqual({ at: "2026-03-14T10:00:00.000Z", by: "cli:alice", summary: { applied: 4 } });
  });
});

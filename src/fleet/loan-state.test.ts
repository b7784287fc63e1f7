import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  daysOverdue,
  DEVICE_STATES,
  isOverdue,
  LOAN_ACTIONS,
  legalActions,
  planTransition,
  rotationDueOnReturn,
  rotationDueOnShip,
  type DeviceState,
  type LoanAction,
  type TransitionContext,
} from "./loan-state.ts";

const NOW = new Date("2026-03-01T12:00:00Z");
const GOOD_INPUT = { clientId: "fabrikam", accountUpns: ["fabrikam-shift-a@contoso.onmicrosoft.com"], expectedReturn: "2026-04-30T00:00:00Z" };
const ctx = (over: Partial<TransitionContext> = {}): TransitionContext => ({
  now: NOW,
  input: GOOD_INPUT,
  loan: { expectedReturn: "2026-02-01T00:00:00Z" },
  ...over,
});

// Where each action leads from each state ("·" = not legal). Written out by hand, independent of the table.
const GRID = `
state      prepare  cancel   ship     deliver    flag-overdue extend     return   start-reset restock  lose  found
in-stock   prepared ·        ·        ·          ·            ·          ·        ·           ·        ·     ·
prepared   ·        in-stock shipped  ·          ·            ·          ·        ·           ·        ·     ·
shipped    ·        ·        ·        at-client  overdue      ·          returned ·           ·        lost  ·
at-client  ·        ·        ·        ·          overdue      at-client  returned ·           ·        lost  ·
overdue    ·        ·        ·        ·          ·            at-client  returned ·           ·        lost  ·
returned   ·        ·        ·        ·          ·            ·          ·        resetting   ·        ·     ·
resetting  ·        ·        ·        ·          ·            ·          ·        ·           in-stock ·     ·
lost       ·        ·        ·        ·          ·            ·          ·        ·           ·        ·     returned
`;
const [header, ...rows] = GRID.trim().split("\n").map((line) => line.trim().split(/\s+/));
const actions = header!.slice(1) as LoanAction[];
const cases = rows.flatMap((row) => actions.map((action, i) => [row[0] as DeviceState, action, row[i + 1] === "·" ? null : row[i + 1]] as const));

describe("loan state machine", () => {
  it("the grid covers every state and every action", () => {
    expect(rows.map((r) => r[0]).sort()).toEqual([...DEVICE_STATES].sort());
    expect([...actions].sort()).toEqual([...LOAN_ACTIONS].sort());
  });

  it.each(cases)("%s, %s → %s", (state, action, to) => {
    const plan = planTransition(state, action, ctx());
    if (to === null) {
      expect(plan.ok).toBe(false);
      if (!plan.ok) expect(plan.problems[0]!.message).toContain(`cannot ${action} a device that is ${state}`);
    } else {
      expect(plan).toMatchObject({ ok: true, from: state, to });
    }
  });

  it("the whole cycle: in-stock → prepared → shipped → at-client → returned → resetting → in-stock", () => {
    let state: DeviceState = "in-stock";
    for (const action of ["prepare", "ship", "deliver", "return", "start-reset", "restock"] as const) {
      const plan = planTransition(state, action, ctx());
      if (!plan.ok) throw new Error(plan.problems.map((p) => p.message).join("; "));
      state = plan.to;
    }
    expect(state).toBe("in-stock");
  });

  it("legalActions lists what an operator can do next", () => {
    expect(legalActions("at-client")).toEqual(["flag-overdue", "extend", "return", "lose"]);
    expect(legalActions("in-stock")).toEqual(["prepare"]);
  });

  it("prepare without client, accounts and return date → one problem per missing field", () => {
    const plan = planTransition("in-stock", "prepare", ctx({ input: {} }));
    expect(plan.ok).toBe(false);
    if (!plan.ok) expect(plan.problems.map((p) => p.field)).toEqual(["clientId", "accountUpns", "expectedReturn"]);
  });

  it.each([
    ["no accounts", { ...GOOD_INPUT, accountUpns: [] }, "accountUpns", /at least one/],
    ["a return date in the past", { ...GOOD_INPUT, expectedReturn: "2026-02-01" }, "expectedReturn", /not in the future/],
    ["a return date that is not a date", { ...GOOD_INPUT, expectedReturn: "next week" }, "expectedReturn", /not a date/],
  ])("prepare with %s → refused on that field", (_, input, field, message) => {
    const plan = planTransition("in-stock", "prepare", ctx({ input }));
    expect(plan.ok).toBe(false);
    if (!plan.ok) expect(plan.problems).toEqual([{ field, message: expect.stringMatching(message) }]);
  });

  it("flag-overdue before the expected return → refused; after it → overdue", () => {
    const notYet = planTransition("at-client", "flag-overdue", ctx({ loan: { expectedReturn: "2026-03-02T00:00:00Z" } }));
    expect(notYet).toEqual({ ok: false, problems: [{ message: "the loan is not past its expected return" }] });
    expect(planTransition("at-client", "flag-overdue", ctx())).toMatchObject({ ok: true, to: "overdue" });
  });

  it("each transition names what the tenant side must do", () => {
    expect(planTransition("in-stock", "prepare", ctx())).toMatchObject({ duties: ["audit-device", "check-accounts", "rotate-passwords-if-due"] });
    expect(planTransition("prepared", "ship", ctx())).toMatchObject({ duties: ["audit-device", "check-accounts", "handoff-sheet"] });
    expect(planTransition("at-client", "return", ctx())).toMatchObject({ loan: "returned", duties: ["rotate-passwords-if-due", "reset-device"] });
    expect(planTransition("resetting", "restock", ctx())).toMatchObject({ duties: ["confirm-reset"] });
  });
});

describe("overdue", () => {
  it.each([
    ["2026-03-01T11:59:59Z", true, 0],
    ["2026-03-01T12:00:00Z", false, 0],
    ["2026-02-27T12:00:00Z", true, 2],
    ["2026-03-10T00:00:00Z", false, 0],
  ])("expected back %s, now 2026-03-01T12:00Z → overdue %s, %i whole days", (expected, overdue, days) => {
    expect(isOverdue(expected, NOW)).toBe(overdue);
    expect(daysOverdue(expected, NOW)).toBe(days);
  });
});

describe("password rotations a policy asks for", () => {
  it.each([
    ["reset-before-ship", null, "fabrikam", "reset-before-ship"],
    ["reset-before-ship", "fabrikam", "fabrikam", "reset-before-ship"],
    ["rotate-on-return", "northwind", "fabrikam", "client-changed"],
    ["never-expire", "northwind", "fabrikam", "client-changed"],
    ["rotate-on-return", "fabrikam", "fabrikam", null],
    ["extended", null, "fabrikam", null],
  ] as const)("ship under %s, last client %s, to %s → %s", (policy, last, next, reason) => {
    expect(rotationDueOnShip(policy, last, next)).toBe(reason);
  });

  it.each([
    ["rotate-on-return", "rotate-on-return"],
    ["reset-before-ship", null],
    ["never-expire", null],
    ["extended", null],
  ] as const)("return under %s → %s", (policy, reason) => {
    expect(rotationDueOnReturn(policy)).toBe(reason);
  });
});

describe("docs/fleet.md", () => {
  it("its transition table says what LOAN_TRANSITIONS says (from, to)", () => {
    const doc = readFileSync(new URL("../../docs/fleet.md", import.meta.url), "utf8");
    for (const action of LOAN_ACTIONS) {
      const row = doc.split("\n").find((line) => line.startsWith(`| \`${action}\` |`));
      expect(row, action).toBeDefined();
      const [from, to] = row!.split("|").slice(2, 4).map((cell) => cell.trim());
      expect(from!.split(", ").sort(), action).toEqual([...legalFrom(action)].sort());
      expect(to, action).toBe(planTo(action));
    }
  });
});

function legalFrom(action: LoanAction): DeviceState[] {
  return DEVICE_STATES.filter((s) => legalActions(s).includes(action));
}

function planTo(action: LoanAction): string {
  const from = legalFrom(action)[0]!;
  const plan = planTransition(from, action, ctx({ loan: { expectedReturn: "2026-02-01T00:00:00Z" } }));
  if (!plan.ok) throw new Error(plan.problems.map((p) => p.message).join("; "));
  return plan.to;
}

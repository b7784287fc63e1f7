import { describe, expect, it } from "vitest";
import { consoleLoanActions } from "./device-detail.ts";

describe("consoleLoanActions", () => {
  it.each([
    ["in-stock", ["prepare", "ship"]],
    ["prepared", ["ship"]],
    ["shipped", ["return"]],
    ["at-client", ["return"]],
    ["overdue", ["return"]],
    ["returned", []],
    ["resetting", []],
    ["lost", []],
  ] as const)("a device %s → the console offers %j (from the state machine's legal actions)", (state, actions) => {
    expect(consoleLoanActions(state)).toEqual(actions);
  });
});

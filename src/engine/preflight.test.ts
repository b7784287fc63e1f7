import { describe, expect, it } from "vitest";
import type { TenantPrecondition } from "../compile/types.ts";
import { REQUIRED_APP_ROLES } from "../auth/required-permissions.ts";
import { checkPermissions, checkPreconditions, impliedPermissions } from "./preflight.ts";

const precondition: TenantPrecondition = {
  address: "precondition.entra-join",
  condition: { type: "entraJoin", group: { $ref: "group.clients" } },
  read: { api: "v1.0", path: "/policies/deviceRegistrationPolicy", permissions: { application: ["Policy.Read.DeviceConfiguration"], delegated: ["Policy.Read.All"] } },
  source: "guide prerequisites",
  remedy: "Set Users may join devices to All.",
};
const judged = (status: "satisfied" | "unsatisfied" | "unknown", waitsForCreate = false) => [{ precondition, evaluation: { address: precondition.address, status, reason: "no user may join", evidence: {} }, waitsForCreate }];

describe("checkPreconditions", () => {
  it("satisfied → nothing", () => {
    expect(checkPreconditions(judged("satisfied"))).toEqual([]);
  });
  it("unsatisfied → an error at clients with the remedy as the fix", () => {
    expect(checkPreconditions(judged("unsatisfied"))).toEqual([expect.objectContaining({ severity: "error", code: "HF5403", message: "precondition.entra-join: no user may join", fix: "Set Users may join devices to All.", path: ["clients"] })]);
  });
  it("unsatisfied only because the group is created by this plan → a warning, so the first apply can run", () => {
    expect(checkPreconditions(judged("unsatisfied", true))).toEqual([expect.objectContaining({ severity: "warning", code: "HF5403" })]);
  });
  it("unknown (not readable with these credentials) → a warning that says to check it by hand", () => {
    expect(checkPreconditions(judged("unknown"))).toEqual([expect.objectContaining({ severity: "warning", code: "HF5405", fix: "Check it by hand: Set Users may join devices to All." })]);
  });
});

describe("checkPermissions", () => {
  const groupRead = { requirement: { request: "GET /groups", application: ["Group.Read.All", "Directory.Read.All"], delegated: ["Group.Read.All"] }, purpose: "read groups", path: ["clients"] };

  it("a ReadWrite permission includes its Read counterpart, as in Graph", () => {
    expect([...impliedPermissions(["Group.ReadWrite.All", "Device.Read.All"])].sort()).toEqual(["Device.Read.All", "Group.Read.All", "Group.ReadWrite.All"]);
  });

  it("the least set of docs/permissions.md → reads that name only Read permissions pass", () => {
    expect(checkPermissions({ kind: "application", permissions: [...REQUIRED_APP_ROLES] }, [groupRead])).toEqual([]);
  });

  it("no permission that allows the read → one located error naming the least one", () => {
    const [d] = checkPermissions({ kind: "application", permissions: ["Device.Read.All"] }, [groupRead, groupRead]);
    expect(d).toMatchObject({ severity: "error", code: "HF5402", path: ["clients"] });
    expect(d!.message).toContain("Group.Read.All");
  });
});

import { describe, expect, it } from "vitest";
import { loadBlueprint } from "../load.ts";
import { compile } from "../../compile/compile.ts";
import { consoleSchema } from "./console.ts";

const hf = (issue: object) => ("params" in issue ? (issue.params as { hf?: string }).hf : undefined);

const BASE = `apiVersion: holofleet/v1
metadata:
  name: console-test
tenant:
  domain: contoso.onmicrosoft.com
  namingPrefix: CFS
clients:
  - id: fabrikam
    accounts: [fabrikam-op01]
`;

describe("console", () => {
  it("no console key → no Entra sign-in", () => {
    expect(consoleSchema.parse({})).toEqual({ entraSignIn: null });
  });

  it("console group keys stay as written; Entra object ids are lower-cased", () => {
    const parsed = consoleSchema.parse({ entraSignIn: { roles: { operator: ["console-operators", "3F2504E0-4F89-11D3-9A0C-0305E82C3301"] } } });
    expect(parsed.entraSignIn).toEqual({ roles: { admin: [], operator: ["console-operators", "3f2504e0-4f89-11d3-9a0c-0305e82c3301"], viewer: [] } });
  });

  it("a role mapping that names no group → HF1020 on roles", () => {
    const result = consoleSchema.safeParse({ entraSignIn: { roles: {} } });
    expect(result.error!.issues.map((i) => [i.path.join("."), hf(i)])).toEqual([["entraSignIn.roles", "HF1020"]]);
  });

  it("an unknown group in the file → HF1020 at its line and column, with the likely key", async () => {
    const { diagnostics, blueprint } = await loadBlueprint(
      `${BASE}console:\n  entraSignIn:\n    roles:\n      operator: [console-operator]\n`,
      "bp.holofleet.yaml",
    );
    expect(blueprint).toBeNull();
    const d = diagnostics.find((x) => x.code === "HF1020")!;
    expect(d.message).toContain('unknown group "console-operator"');
    expect(d.message).toContain("did you mean console-operators?");
    expect(d.source).toMatchObject({ file: "bp.holofleet.yaml", start: { line: 13, col: 18 } });
  });

  it("console group keys → one security group each, named with the prefix; object ids → no group", async () => {
    const { blueprint } = await loadBlueprint(
      `${BASE}console:\n  entraSignIn:\n    roles:\n      admin: [console-admins, 3f2504e0-4f89-11d3-9a0c-0305e82c3301]\n      operator: [console-operators, console-admins]\n`,
      "bp.holofleet.yaml",
    );
    const groups = compile(blueprint!).desired.filter((r) => r.address.startsWith("group.console-"));
    expect(groups.map((g) => [g.address, g.body.displayName, g.body.uniqueName, g.body.securityEnabled])).toEqual([
      ["group.console-admins", "CFS Console admins", "cfs-console-admins", true],
      ["group.console-operators", "CFS Console operators", "cfs-console-operators", true],
    ]);
    expect(groups[0]!.body.description).toContain("as admin and operator");
    expect(groups[0]!.body).not.toHaveProperty("members@odata.bind");
  });
});

/**
 * End to end on the local tenant: every bundled example applies to a tenant arranged for it and a plan
 * right after shows no changes; changes made by hand through Graph (a profile's setting, a kiosk XML
 * edit, a removed member, a deleted assignment, an extra service plan) show in `holofleet drift` and
 * `holofleet plan` as exactly those changes, a saved plan is refused once the tenant changed, and apply
 * restores the blueprint. Broken tenant preconditions and another tenant id stop the plan with a
 * located error and change nothing; an unowned look-alike is left alone unless `--adopt` names it.
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { REQUIRED_APP_ROLES } from "../../src/auth/required-permissions.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nodeFiles } from "../../src/auth/node-files.ts";
import { resolveTarget } from "../../src/auth/target.ts";
import { graphFor, workDirFor } from "../../src/auth/testing.ts";
import { loadBlueprintFile } from "../../src/blueprint/load.ts";
import type { Blueprint, BlueprintSourceMap } from "../../src/blueprint/types.ts";
import { compile } from "../../src/compile/compile.ts";
import type { CompileResult } from "../../src/compile/types.ts";
import { hasChanges } from "../../src/engine/plan.ts";
import type { Plan, PlanChange } from "../../src/engine/plan-types.ts";
import { applyBlueprint } from "../../src/operations/apply.ts";
import { buildPlan, planBlueprint } from "../../src/operations/plan.ts";
import { createTestUser, initialDomain } from "../../src/tenant-sim/directory/test-graph-fixtures.ts";
import { startTestTenant, type TestTenant } from "../../src/tenant-sim/testing.ts";
import { arrangeTenantFor } from "./support/arrange-tenant.ts";
import { cliRunner, type CliRunner } from "./support/run-cli.ts";

const example = (name: string) => fileURLToPath(new URL(`../../examples/${name}.holofleet.yaml`, import.meta.url));
const EXAMPLES = ["minimal", "same-tenant-three-clients", "service-tenant"];
/** Fast retries: the local tenant throttles nothing here. */
const TUNING = { retry: { baseDelayMs: 10 } };
const CLEAN_ENV = { ...process.env, AZURE_TENANT_ID: "", AZURE_CLIENT_ID: "", AZURE_CLIENT_SECRET: "" };
const STACK_FRAME = /^\s+at .+[(:]\d+/m;

async function loaded(file: string): Promise<{ bp: Blueprint; sourceMap: BlueprintSourceMap; compiled: CompileResult }> {
  const l = await loadBlueprintFile(file);
  return { bp: l.blueprint!, sourceMap: l.sourceMap!, compiled: compile(l.blueprint!) };
}

/** A tenant arranged for the blueprint (domains, SKUs), a working directory pointing at it, and the CLI there. */
async function setUp(file: string) {
  // Exactly the least permissions docs/permissions.md lists, as a started local tenant holds them.
  const t = await startTestTenant({ tenant: { appRoles: REQUIRED_APP_ROLES } });
  const cwd = workDirFor(t);
  // A blueprint that names its tenant (the service-tenant example) names this one, as an admin would write it.
  writeFileSync(join(cwd, "holofleet.yaml"), readFileSync(file, "utf8").replace(/^(tenant:\n(?: {2}.*\n)*? {2}id: )[0-9a-f-]{36}$/m, `$1${t.tenantId}`));
  const { bp } = await loaded(join(cwd, "holofleet.yaml"));
  await arrangeTenantFor(t, bp);
  return { t, cwd, cli: cliRunner(cwd, CLEAN_ENV), target: { cwd, graph: TUNING } };
}

const changed = (plan: Pick<Plan, "changes">) => plan.changes.filter((c) => c.action !== "noop");
const addressesOf = (changes: readonly Pick<PlanChange, "address" | "action">[]) => changes.map((c) => `${c.action} ${c.address}`).sort();

describe.each(EXAMPLES)("example %s", { timeout: 240_000 }, (name) => {
  let env: Awaited<ReturnType<typeof setUp>>;
  beforeAll(async () => {
    env = await setUp(example(name));
  }, 60_000);
  afterAll(async () => {
    await env?.t.close();
    if (env) rmSync(env.cwd, { recursive: true, force: true });
  });

  it("applies to a tenant arranged for it → every change applied; a plan right after → no changes", async () => {
    const file = join(env.cwd, "holofleet.yaml");
    const applied = await applyBlueprint({ file, target: env.target, approve: async () => true });
    expect(applied.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const failed = applied.result!.results.filter((r) => r.outcome !== "applied");
    expect(failed).toEqual([]);
    expect(applied.result!.summary.applied).toBe(changed(applied.plan!).length);
    const again = await planBlueprint({ file, target: env.target });
    expect(again.plan, JSON.stringify(again.diagnostics)).toBeDefined();
    expect(changed(again.plan!)).toEqual([]);
    expect(hasChanges(again.plan!.changes)).toBe(false);
  });

  it("then `holofleet audit` reads the applied tenant live → no fail", async () => {
    const run = await env.cli.run(["audit", "--blueprint", "holofleet.yaml", "--format", "json", "--fail-on", "none"], { timeoutMs: 120_000 });
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { formatVersion: number; summary: { byStatus: Record<string, number> }; results: { ruleId: string; status: string; message: string }[] };
    expect(result.formatVersion).toBe(1);
    expect(result.results.filter((r) => r.status === "fail").map((r) => `${r.ruleId}: ${r.message}`)).toEqual([]);
    expect(result.summary.byStatus.pass).toBeGreaterThan(0);
  });
});

describe("changes made by hand (service-tenant example, through the CLI)", { timeout: 300_000 }, () => {
  let env: Awaited<ReturnType<typeof setUp>>;
  let cli: CliRunner;
  let t: TestTenant;
  let compiled: CompileResult;
  const ids = new Map<string, string>();
  const idOf = (address: string) => ids.get(address) ?? expect.fail(`no id for ${address}`);

  /** A client's group and its first account (the member removed by hand). */
  let clientGroup: string;
  let account: string;

  beforeAll(async () => {
    // The service-tenant example: its licences disable service plans (one is enabled by hand below),
    // and it has guests and the Enrollment Status Page, which must converge too.
    env = await setUp(example("service-tenant"));
    ({ cli, t } = env);
    compiled = (await loaded(join(env.cwd, "holofleet.yaml"))).compiled;
    const group = compiled.desired.find((r) => r.kind === "group" && r.address.startsWith("group.client-") && Array.isArray(r.body["members@odata.bind"]))!;
    clientGroup = group.address;
    account = ((group.body["members@odata.bind"] as { $ref: string }[])[0]!).$ref;
  }, 60_000);
  afterAll(async () => {
    await env?.t.close();
    if (env) rmSync(env.cwd, { recursive: true, force: true });
  });

  it("apply without --auto-approve off a terminal → exit 1 with HF9006, nothing written", async () => {
    const run = await cli.run(["apply", "holofleet.yaml"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("HF9006");
    expect(run.stderr).not.toMatch(STACK_FRAME);
    const groups = await t.graph("GET", "/v1.0/groups?$select=description");
    expect((groups.body.value as { description: string | null }[]).filter((g) => g.description?.includes("[holofleet:"))).toEqual([]);
  });

  it("plan --detailed-exitcode on the empty tenant → exit 2 and terraform-style creates", async () => {
    const run = await cli.run(["plan", "holofleet.yaml", "--detailed-exitcode"]);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stdout).toMatch(/^ {2}\+ group\.clients$/m);
    expect(run.stdout).toMatch(/^ {6}\+ displayName = "/m);
    expect(run.stdout).toMatch(/^Plan: \d+ to create, \d+ to update, 0 to replace, 0 to delete; \d+ unchanged\.$/m);
    expect(run.stdout).toContain("(sensitive value)");
  });

  it("apply --auto-approve → exit 0, an expert invited by hand before is found, not invited twice; plan → no changes; drift → exit 0", async () => {
    const invitation = compiled.desired.find((r) => r.kind === "guestInvitation")!;
    const address = String(invitation.body.invitedUserEmailAddress);
    const byHand = await t.graph("POST", "/v1.0/invitations", { invitedUserEmailAddress: address, inviteRedirectUrl: "https://myapps.microsoft.com", sendInvitationMessage: false });
    expect(byHand.status).toBe(201);
    const before = JSON.parse((await cli.run(["plan", "holofleet.yaml", "--json"])).stdout) as Plan;
    expect(before.changes.find((c) => c.address === invitation.address)).toMatchObject({ action: "noop", remoteId: byHand.body.invitedUser.id });
    const apply = await cli.run(["apply", "holofleet.yaml", "--auto-approve"], { timeoutMs: 120_000 });
    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    expect(apply.stdout).toMatch(/Apply complete: \d+ applied, 0 failed, 0 skipped\./);
    const plan = await cli.run(["plan", "holofleet.yaml", "--detailed-exitcode", "--json"]);
    expect(plan.code, plan.stderr).toBe(0);
    const json = JSON.parse(plan.stdout) as Plan;
    expect(json.formatVersion).toBe(1);
    expect(changed(json)).toEqual([]);
    for (const c of json.changes) if (c.remoteId) ids.set(c.address, c.remoteId);
    const drift = await cli.run(["drift", "holofleet.yaml"]);
    expect(drift.code, drift.stderr).toBe(0);
    expect(drift.stdout).toMatch(/^No drift/m);
    const guests = await t.graph("GET", `/v1.0/users?$filter=${encodeURIComponent(`mail eq '${address}'`)}&$select=id`);
    expect(guests.body.value).toEqual([{ id: byHand.body.invitedUser.id }]);
  });

  const handChanges = () =>
    [
      "update configurationAssignment.customConfiguration.device-restrictions",
      "update customConfiguration.kiosk",
      `update ${clientGroup}`,
      "update groupLicense.clients",
      "update updateRing.hololens",
    ].sort();

  it("five changes by hand through Graph → drift (JSON and text) and plan show exactly those, attribute by attribute", async () => {
    // A profile's setting.
    const ring = await t.graph("PATCH", `/v1.0/deviceManagement/deviceConfigurations/${idOf("updateRing.hololens")}`, {
      "@odata.type": "#microsoft.graph.windowsUpdateForBusinessConfiguration",
      qualityUpdatesDeferralPeriodInDays: 7,
    });
    expect([200, 204]).toContain(ring.status);
    // A kiosk XML edit (the value reads back as ****: only its plain text shows the change).
    const kiosk = compiled.desired.find((r) => r.address === "customConfiguration.kiosk")!;
    const [setting] = kiosk.body.omaSettings as Record<string, unknown>[];
    const edited = String(setting!.value).replace("</AssignedAccessConfiguration>", "<!-- edited by hand --></AssignedAccessConfiguration>");
    expect(edited).not.toBe(setting!.value);
    const kioskPatch = await t.graph("PATCH", `/v1.0/deviceManagement/deviceConfigurations/${idOf("customConfiguration.kiosk")}`, {
      "@odata.type": "#microsoft.graph.windows10CustomConfiguration",
      omaSettings: [{ ...setting, value: edited }],
    });
    expect([200, 204]).toContain(kioskPatch.status);
    // A removed member.
    const user = idOf(account);
    expect((await t.graph("DELETE", `/v1.0/groups/${idOf(clientGroup)}/members/${user}/$ref`)).status).toBe(204);
    // A deleted assignment.
    const assign = await t.graph("POST", `/v1.0/deviceManagement/deviceConfigurations/${idOf("customConfiguration.device-restrictions")}/assign`, { assignments: [] });
    expect(assign.status).toBe(200);
    // An extra service plan enabled.
    const group = await t.graph("GET", `/v1.0/groups/${idOf("group.clients")}?$select=assignedLicenses`);
    const licence = (group.body.assignedLicenses as { skuId: string; disabledPlans: string[] }[]).find((l) => l.disabledPlans.length > 0);
    expect(licence, JSON.stringify(group.body.assignedLicenses)).toBeDefined();
    const enabled = await t.graph("POST", `/v1.0/groups/${idOf("group.clients")}/assignLicense`, {
      addLicenses: [{ skuId: licence!.skuId, disabledPlans: licence!.disabledPlans.slice(1) }],
      removeLicenses: [],
    });
    expect(enabled.status).toBe(202);

    const drift = await cli.run(["drift", "holofleet.yaml", "--json"]);
    expect(drift.code, drift.stderr).toBe(2);
    const report = JSON.parse(drift.stdout) as { formatVersion: number; drifted: PlanChange[] };
    expect(report.formatVersion).toBe(1);
    expect(addressesOf(report.drifted)).toEqual(handChanges());
    const at = (address: string) => report.drifted.find((c) => c.address === address)!.attributes;
    expect(at("updateRing.hololens")).toEqual([{ path: "qualityUpdatesDeferralPeriodInDays", before: 7, after: 0 }]);
    expect(at("customConfiguration.kiosk")).toHaveLength(1);
    expect(at("customConfiguration.kiosk")[0]).toMatchObject({ before: edited, after: setting!.value });
    expect(at(clientGroup)).toMatchObject([{ path: "members" }]);
    const members = at(clientGroup)[0]!;
    expect((members.after as string[]).filter((m) => !(members.before as string[]).includes(m))).toEqual([user.toLowerCase()]);
    expect(at("configurationAssignment.customConfiguration.device-restrictions")).toMatchObject([{ path: "targets", before: [] }]);
    // Licences compare as one set of { skuId, disabledPlans }: the plan enabled by hand is back in disabledPlans after.
    expect(at("groupLicense.clients")).toMatchObject([{ path: "licences" }]);
    expect(JSON.stringify(at("groupLicense.clients")[0]!.after)).toContain(licence!.disabledPlans[0]!);
    expect(JSON.stringify(at("groupLicense.clients")[0]!.before)).not.toContain(licence!.disabledPlans[0]!);

    const text = await cli.run(["drift", "holofleet.yaml"]);
    expect(text.code).toBe(2);
    expect(text.stdout).toMatch(/^Drift on tenant .*: 5 objects differ from the blueprint/m);
    expect(text.stdout).toMatch(/^ {6}~ qualityUpdatesDeferralPeriodInDays: 7 → 0$/m);
    expect(text.stdout).toMatch(/~ omaSettings.*: differs at character \d+: ".*edited by hand.*" → /);

    const plan = await cli.run(["plan", "holofleet.yaml", "--detailed-exitcode", "--out", "plan.json"]);
    expect(plan.code, plan.stderr).toBe(2);
    expect(plan.stdout).toMatch(/^Plan: 0 to create, 5 to update, 0 to replace, 0 to delete; \d+ unchanged\.$/m);
    const saved = JSON.parse(readFileSync(join(env.cwd, "plan.json"), "utf8")) as Plan;
    expect(addressesOf(changed(saved))).toEqual(handChanges());
  });

  it("apply --plan after one more change by hand → exit 1 with HF5501, and nothing is changed", async () => {
    const ring = `/v1.0/deviceManagement/deviceConfigurations/${idOf("updateRing.hololens")}`;
    expect((await t.graph("PATCH", ring, { "@odata.type": "#microsoft.graph.windowsUpdateForBusinessConfiguration", featureUpdatesDeferralPeriodInDays: 30 })).status).toBeLessThan(300);
    const run = await cli.run(["apply", "--plan", "plan.json"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/plan\.json:1:1 .*HF5501/);
    expect(run.stderr).not.toMatch(STACK_FRAME);
    const after = await t.graph("GET", ring);
    expect(after.body).toMatchObject({ qualityUpdatesDeferralPeriodInDays: 7, featureUpdatesDeferralPeriodInDays: 30 });
  });

  it("a fresh plan --out, then apply --plan → exit 0; drift and plan → no changes", async () => {
    expect((await cli.run(["plan", "holofleet.yaml", "--out", "plan.json"])).code).toBe(0);
    const apply = await cli.run(["apply", "--plan", "plan.json", "--json"], { timeoutMs: 120_000 });
    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    const events = apply.stdout.trim().split("\n").map((l) => JSON.parse(l) as { type: string; address?: string; result?: { summary: unknown } });
    expect(events.filter((e) => e.type === "apply.done").map((e) => e.address).sort()).toEqual(handChanges().map((c) => c.replace("update ", "")));
    expect(events.at(-1)).toMatchObject({ type: "result", result: { summary: { applied: 5, failed: 0, skipped: 0 } } });
    const drift = await cli.run(["drift", "holofleet.yaml", "--json"]);
    expect(drift.code, drift.stdout).toBe(0);
    expect((await cli.run(["plan", "holofleet.yaml", "--detailed-exitcode"])).code).toBe(0);
  });
});

describe("broken preconditions and another tenant stop the plan (minimal example)", { timeout: 300_000 }, () => {
  let env: Awaited<ReturnType<typeof setUp>>;
  let t: TestTenant;
  let admin: Record<string, string>;
  let ring: string;
  const file = () => join(env.cwd, "holofleet.yaml");

  beforeAll(async () => {
    env = await setUp(example("minimal"));
    t = env.t;
    const applied = await applyBlueprint({ file: file(), target: env.target, approve: async () => true });
    expect(applied.result?.summary.failed).toBe(0);
    const app = await t.createApp(["Policy.ReadWrite.DeviceConfiguration", "DeviceManagementServiceConfig.ReadWrite.All"], { displayName: "tenant admin" });
    admin = { authorization: `Bearer ${await t.tokenFor(app.clientId)}` };
    // A change by hand that apply would undo: it must survive every refused apply below.
    const plan = await planBlueprint({ file: file(), target: env.target });
    ring = `/v1.0/deviceManagement/deviceConfigurations/${plan.plan!.changes.find((c) => c.address === "updateRing.hololens")!.remoteId}`;
    expect((await t.graph("PATCH", ring, { "@odata.type": "#microsoft.graph.windowsUpdateForBusinessConfiguration", qualityUpdatesDeferralPeriodInDays: 5 })).status).toBeLessThan(300);
  }, 120_000);
  afterAll(async () => {
    await env?.t.close();
    if (env) rmSync(env.cwd, { recursive: true, force: true });
  });

  const clientsGroupId = async () => (await planBlueprint({ file: file(), target: env.target })).plan!.changes.find((c) => c.address === "group.clients")!.remoteId!;

  /** `apply --auto-approve` through the CLI: refused with `code` located in holofleet.yaml, and the hand change still there. */
  async function expectRefused(code: string, blueprint = "holofleet.yaml") {
    const run = await env.cli.run(["apply", blueprint, "--auto-approve"]);
    expect(run.code, run.stdout).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`^${blueprint.replace(".", "\\.")}:\\d+:\\d+ .*${code}`, "m"));
    expect(run.stderr).not.toMatch(STACK_FRAME);
    expect((await t.graph("GET", ring)).body.qualityUpdatesDeferralPeriodInDays).toBe(5);
    return run;
  }

  it("with holofleet's app-only token the MDM user scope cannot be read → a warning that says how to check it, not an error", async () => {
    const { plan, diagnostics } = await planBlueprint({ file: file(), target: env.target });
    expect(plan).toBeDefined();
    expect(diagnostics).toContainEqual(expect.objectContaining({ severity: "warning", code: "HF5405", message: expect.stringContaining("precondition.mdm-user-scope") }));
  });

  it("another tenant id in the blueprint → HF5401 at tenant.id, nothing changed", async () => {
    const text = readFileSync(file(), "utf8").replace("tenant:\n", "tenant:\n  id: 3f0b6a5e-1c2d-4e5f-8a9b-0c1d2e3f4a5b\n");
    writeFileSync(join(env.cwd, "other-tenant.yaml"), text);
    const run = await expectRefused("HF5401", "other-tenant.yaml");
    expect(run.stderr).toContain("tenant.id");
  });

  it("Windows enrollment blocked for the clients' group → HF5403 with the remedy, nothing changed", async () => {
    const created = await t.graph(
      "POST",
      "/beta/deviceManagement/deviceEnrollmentConfigurations",
      { "@odata.type": "#microsoft.graph.deviceEnrollmentPlatformRestrictionConfiguration", displayName: "No Windows for clients", platformType: "windows", platformRestriction: { platformBlocked: true, personalDeviceEnrollmentBlocked: false } },
      admin,
    );
    expect(created.status).toBe(201);
    const assign = (groups: string[]) =>
      t.graph(
        "POST",
        `/beta/deviceManagement/deviceEnrollmentConfigurations/${created.body.id}/assign`,
        { enrollmentConfigurationAssignments: groups.map((groupId) => ({ target: { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId } })) },
        admin,
      );
    expect((await assign([await clientsGroupId()])).status).toBe(204);
    try {
      const run = await expectRefused("HF5403");
      expect(run.stderr).toContain("precondition.windows-enrollment");
      expect(run.stderr).toContain("Device platform restriction");
    } finally {
      expect((await assign([])).status).toBe(204);
    }
  });

  it("Entra join allowed to no one → HF5403, nothing changed", async () => {
    const current = (await t.graph("GET", "/v1.0/policies/deviceRegistrationPolicy")).body;
    const put = (body: unknown) => t.graph("PUT", "/v1.0/policies/deviceRegistrationPolicy", body, admin);
    expect((await put({ ...current, azureADJoin: { ...current.azureADJoin, allowedToJoin: { "@odata.type": "#microsoft.graph.noDeviceRegistrationMembership" } } })).status).toBe(200);
    try {
      const run = await expectRefused("HF5403");
      expect(run.stderr).toContain("precondition.entra-join");
    } finally {
      expect((await put(current)).status).toBe(200);
    }
  });

  it("MDM user scope None, read by a signed-in administrator → HF5403 located in the blueprint, no plan", async () => {
    const domain = await initialDomain(t);
    await createTestUser(t, domain, "plan-admin");
    const reader = await t.signedInToken(`plan-admin@${domain}`);
    const tool = await t.createDelegatedApp(["Policy.ReadWrite.MobilityManagement"], { displayName: "MDM scope admin" });
    const writer = { authorization: `Bearer ${await t.signedInToken(`plan-admin@${domain}`, tool.clientId)}` };
    const policy = "/beta/policies/mobileDeviceManagementPolicies/0000000a-0000-0000-c000-000000000000";
    expect((await t.graph("PATCH", policy, { appliesTo: "none" }, writer)).status).toBe(204);
    // The admin's session: holofleet's target, with the person's delegated token.
    const { target } = resolveTarget({ cwd: env.cwd, purpose: "run" }, {}, nodeFiles);
    const tokenProvider = { description: "a signed-in administrator", getToken: async () => reader, close: async () => {} };
    const graph = graphFor(target!, tokenProvider);
    const input = await loaded(file());
    try {
      const { built, diagnostics } = await buildPlan({ target: target!, graph, tokenProvider, close: () => graph.close() }, { file: file(), blueprint: input.bp, sourceMap: input.sourceMap, compiled: input.compiled }, {});
      expect(built).toBeUndefined();
      const error = diagnostics.find((d) => d.code === "HF5403");
      expect(error).toMatchObject({ severity: "error", message: expect.stringContaining("precondition.mdm-user-scope"), source: { file: file() } });
      expect(error!.fix).toContain("MDM user scope");
    } finally {
      await graph.close();
      expect((await t.graph("PATCH", policy, { appliesTo: "all" }, writer)).status).toBe(204);
    }
  });
});

describe("an unowned look-alike (minimal example)", { timeout: 300_000 }, () => {
  let env: Awaited<ReturnType<typeof setUp>>;
  let lookAlikeId: string;

  beforeAll(async () => {
    env = await setUp(example("minimal"));
    // An admin's group with the uniqueName holofleet would use, without holofleet's marker.
    const devices = (await loaded(join(env.cwd, "holofleet.yaml"))).compiled.desired.find((r) => r.address === "group.devices")!;
    const { "members@odata.bind": _binds, ...body } = devices.body;
    const created = await env.t.graph("POST", "/v1.0/groups", { ...body, description: "Made by hand" });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    lookAlikeId = created.body.id;
  }, 60_000);
  afterAll(async () => {
    await env?.t.close();
    if (env) rmSync(env.cwd, { recursive: true, force: true });
  });

  it("plan → exit 1 with HF5301 naming the object and --adopt; apply → refused, the group untouched", async () => {
    const plan = await env.cli.run(["plan", "holofleet.yaml"]);
    expect(plan.code).toBe(1);
    expect(plan.stderr).toMatch(/^holofleet\.yaml:\d+:\d+ .*HF5301 .*group\.devices.*not holofleet's/m);
    expect(plan.stderr).toContain("--adopt group.devices");
    expect((await env.cli.run(["apply", "holofleet.yaml", "--auto-approve"])).code).toBe(1);
    expect((await env.t.graph("GET", `/v1.0/groups/${lookAlikeId}?$select=description`)).body.description).toBe("Made by hand");
  });

  it("plan --adopt → the group is taken over (~); apply --adopt → it carries the marker; plan → no changes", async () => {
    const plan = await env.cli.run(["plan", "holofleet.yaml", "--adopt", "group.devices", "--json"]);
    expect(plan.code, plan.stderr).toBe(0);
    const json = JSON.parse(plan.stdout) as Plan;
    expect(json.changes.find((c) => c.address === "group.devices")).toMatchObject({ action: "adopt", remoteId: lookAlikeId, attributes: [expect.objectContaining({ path: "description", before: "Made by hand" })] });
    const apply = await env.cli.run(["apply", "holofleet.yaml", "--adopt", "group.devices", "--auto-approve"], { timeoutMs: 120_000 });
    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    expect((await env.t.graph("GET", `/v1.0/groups/${lookAlikeId}?$select=description`)).body.description).toContain("[holofleet:");
    expect((await env.cli.run(["plan", "holofleet.yaml", "--detailed-exitcode"])).code).toBe(0);
  });
});

/**
 * Test-only: reads a local tenant through Graph, as any admin tool would, and lists the duplicates
 * holofleet must never make — two groups with one `uniqueName` or mail nickname, two users with one
 * UPN, two device configurations or Autopilot profiles with one display name, two assignments of one
 * profile to one target, and a SKU twice in a group's or a user's licences. Empty means none.
 */
import type { TestTenant } from "../../../src/tenant-sim/testing.ts";

type Doc = Record<string, unknown> & { id: string };

/** Every item of a collection, following nextLinks. */
export async function readAll(t: TestTenant, path: string): Promise<Doc[]> {
  const out: Doc[] = [];
  let next: string | undefined = path;
  while (next) {
    const res = await t.graph("GET", next);
    if (res.status !== 200) throw new Error(`GET ${next} answered ${res.status}`);
    out.push(...(res.body.value as Doc[]));
    next = res.body["@odata.nextLink"] as string | undefined;
  }
  return out;
}

function repeated(what: string, keys: readonly string[]): string[] {
  const seen = new Map<string, number>();
  for (const k of keys) seen.set(k, (seen.get(k) ?? 0) + 1);
  return [...seen].filter(([, n]) => n > 1).map(([k, n]) => `${what} ${k} ×${n}`);
}

const lower = (v: unknown) => String(v ?? "").toLowerCase();

export async function findDuplicates(t: TestTenant): Promise<string[]> {
  const groups = await readAll(t, "/v1.0/groups?$select=id,uniqueName,mailNickname,assignedLicenses&$top=999");
  const users = await readAll(t, "/v1.0/users?$select=id,userPrincipalName,assignedLicenses&$top=999");
  const configurations = await readAll(t, "/beta/deviceManagement/deviceConfigurations?$select=id,displayName");
  const autopilot = await readAll(t, "/beta/deviceManagement/windowsAutopilotDeploymentProfiles?$select=id,displayName");
  const found = [
    ...repeated("group uniqueName", groups.filter((g) => g.uniqueName).map((g) => lower(g.uniqueName))),
    ...repeated("group mailNickname", groups.map((g) => lower(g.mailNickname))),
    ...repeated("user", users.map((u) => lower(u.userPrincipalName))),
    ...repeated("device configuration", configurations.map((c) => String(c.displayName))),
    ...repeated("Autopilot profile", autopilot.map((p) => String(p.displayName))),
  ];
  for (const o of [...groups, ...users]) {
    const skus = ((o.assignedLicenses as { skuId: string }[] | undefined) ?? []).map((l) => lower(l.skuId));
    found.push(...repeated(`licence of ${String(o.uniqueName ?? o.userPrincipalName ?? o.id)}:`, skus));
  }
  for (const [collection, items] of [
    ["/beta/deviceManagement/deviceConfigurations", configurations],
    ["/beta/deviceManagement/windowsAutopilotDeploymentProfiles", autopilot],
  ] as const) {
    for (const p of items) {
      const assignments = await readAll(t, `${collection}/${p.id}/assignments`);
      const targets = assignments.map((a) => {
        const target = a.target as Record<string, unknown>;
        return `${lower(target["@odata.type"])}:${lower(target.groupId)}`;
      });
      found.push(...repeated(`assignment of ${String(p.displayName)} to`, targets));
    }
  }
  return found;
}

/** How many objects of each kind the tenant holds (to show a check really looked at something). */
export async function countObjects(t: TestTenant): Promise<{ groups: number; users: number; configurations: number; autopilot: number }> {
  return {
    groups: (await readAll(t, "/v1.0/groups?$select=id&$top=999")).length,
    users: (await readAll(t, "/v1.0/users?$select=id&$top=999")).length,
    configurations: (await readAll(t, "/beta/deviceManagement/deviceConfigurations?$select=id")).length,
    autopilot: (await readAll(t, "/beta/deviceManagement/windowsAutopilotDeploymentProfiles?$select=id")).length,
  };
}

/**
 * `customConfiguration` (Graph I/O): profiles read in beta, which marks masked string values with
 * `isEncrypted` and a `secretReferenceValueId`; each masked value's plaintext is fetched with beta
 * `getOmaSettingPlainTextValue` (graph-facts §4.1), in `$batch`. A masked value whose plaintext
 * cannot be read stops the plan: comparing `****` would hide a real change. Writes always send
 * plaintext (never a read-modified object that still holds `****`).
 */
import { getAllBatched, odataString } from "../graph-reads.ts";
import { createProfileProvider } from "../intune-profile.ts";
import type { ProviderContext } from "../types.ts";

const COLLECTION = "/deviceManagement/deviceConfigurations";
const MASKED = "****";

interface ReadSetting {
  "@odata.type"?: string;
  value?: unknown;
  isEncrypted?: boolean;
  secretReferenceValueId?: string | null;
}

export async function revealMaskedValues(ctx: ProviderContext, profiles: (Record<string, unknown> & { id: string })[]): Promise<void> {
  const masked: { profile: string; setting: ReadSetting }[] = [];
  for (const p of profiles) for (const s of (p.omaSettings ?? []) as ReadSetting[]) if (s.isEncrypted || s.value === MASKED) masked.push({ profile: p.id, setting: s });
  for (const m of masked)
    if (!m.setting.secretReferenceValueId)
      throw new Error(`profile ${m.profile} has a masked OMA value without a secretReferenceValueId; its plaintext cannot be read, so it cannot be compared`);
  const answers = await getAllBatched<{ value?: unknown }>(
    ctx.graph,
    masked.map((m) => ({
      url: `${COLLECTION}/${encodeURIComponent(m.profile)}/getOmaSettingPlainTextValue(secretReferenceValueId=${encodeURIComponent(odataString(m.setting.secretReferenceValueId!)).replace(/'/g, "%27")})`,
    })),
    "beta",
  );
  masked.forEach((m, i) => {
    const answer = answers[i]?.[0];
    if (!answer || typeof answer.value !== "string") throw new Error(`the plaintext of a masked OMA value of profile ${m.profile} could not be read`);
    m.setting.value = answer.value;
  });
}

const WRITE = ["DeviceManagementConfiguration.ReadWrite.All"];
const READ = ["DeviceManagementConfiguration.Read.All", "DeviceManagementConfiguration.ReadWrite.All"];

export const customConfigurationProvider = createProfileProvider({
  kind: "customConfiguration",
  collection: COLLECTION,
  readVersion: "beta",
  odataTypes: ["#microsoft.graph.windows10CustomConfiguration"],
  permissions: {
    read: [
      { request: "GET /deviceManagement/deviceConfigurations", application: READ, delegated: READ },
      { request: "GET /deviceManagement/deviceConfigurations/{id}/getOmaSettingPlainTextValue(…)", application: READ, delegated: READ },
    ],
    create: [{ request: "POST /deviceManagement/deviceConfigurations", application: WRITE, delegated: WRITE }],
    update: [{ request: "PATCH /deviceManagement/deviceConfigurations/{id}", application: WRITE, delegated: WRITE }],
    delete: [{ request: "DELETE /deviceManagement/deviceConfigurations/{id}", application: WRITE, delegated: WRITE }],
  },
  enrich: revealMaskedValues,
});

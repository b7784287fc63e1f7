/**
 * Golden files: the compile output of the secure fixture blueprint (with its baseline isolation note), its
 * information-barrier variant (the script and the Microsoft 365 experts and client groups it segments by)
 * and its scoped-directory-search variant (the Exchange/Teams script and the experts group its address
 * lists include), committed under `__golden__/`, so every change to what holofleet emits shows up as a reviewed
 * diff. Refresh after an intended change with `npx vitest run src/compile/compile.golden.test.ts -u`.
 */
import { describe, expect, it } from "vitest";
import { ARTIFACT_FILES, compile } from "./compile.ts";
import { MANIFEST_FILE } from "./manifest.ts";
import { secureBlueprint } from "./testing/blueprint-fixture.ts";

const text = (result: ReturnType<typeof compile>, file: string) => {
  const artifact = result.artifacts.find((a) => a.file === file);
  if (!artifact || typeof artifact.content !== "string") throw new Error(`no text artifact ${file}`);
  return artifact.content;
};

describe("golden compile output", () => {
  const secure = compile(secureBlueprint());
  const ib = compile(secureBlueprint({ isolation: { mode: "information-barriers" }, devices: { kiosk: { exclusions: ["device-owners"] } } }));
  const scoped = compile(
    secureBlueprint({ isolation: { mode: "scoped-directory-search" }, licensing: { skus: ["MICROSOFT_REMOTE_ASSIST", "INTUNE_A", "AAD_PREMIUM", "EXCHANGEDESKLESS"], enabledServicePlans: ["EXCHANGE_S_DESKLESS"] } }),
  );
  const variants = { secure, ib, scoped };

  it.each([
    ["secure", ARTIFACT_FILES.kioskXml, "secure.assigned-access.xml"],
    ["secure", ARTIFACT_FILES.desired, "secure.desired.json"],
    ["secure", ARTIFACT_FILES.omaSettings, "secure.oma-settings.json"],
    ["secure", MANIFEST_FILE, "secure.manifest.json"],
    ["secure", ARTIFACT_FILES.isolationBaseline, "secure.isolation-baseline.md"],
    ["ib", ARTIFACT_FILES.kioskXml, "ib.assigned-access.xml"],
    ["ib", ARTIFACT_FILES.informationBarriers, "ib.information-barriers.ps1"],
    ["ib", ARTIFACT_FILES.graphBody("group.experts"), "ib.group.experts.json"],
    ["ib", ARTIFACT_FILES.graphBody("group.client-fabrikam"), "ib.group.client-fabrikam.json"],
    ["scoped", ARTIFACT_FILES.scopedDirectorySearch, "scoped.scoped-directory-search.ps1"],
    ["scoped", ARTIFACT_FILES.graphBody("group.experts"), "scoped.group.experts.json"],
  ] as const)("%s: %s", async (variant, file, golden) => {
    await expect(text(variants[variant], file)).toMatchFileSnapshot(`./__golden__/${golden}`);
  });
});

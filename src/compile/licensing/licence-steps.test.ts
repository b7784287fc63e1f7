import { describe, expect, it } from "vitest";
import type { Blueprint } from "../../blueprint/types.ts";
import { defaultCatalog } from "../catalog-port.ts";
import { compileGroupLicense } from "../graph/group-license.ts";
import { secureBlueprint, type DeepPartial } from "../testing/blueprint-fixture.ts";
import { licenceSteps } from "./licence-steps.ts";

function steps(overrides: DeepPartial<Blueprint>) {
  const bp = secureBlueprint(overrides);
  return licenceSteps(bp, compileGroupLicense(bp, defaultCatalog).licenses, defaultCatalog.licenceNeeds);
}

describe("licenceSteps", () => {
  it("lists the allow-list with its sources and every plan of each SKU as on (with the need) or off", () => {
    const text = steps({ licensing: { skus: ["MICROSOFT_REMOTE_ASSIST", "SPE_E3"] } });
    expect(text).toContain("| Microsoft Intune | `INTUNE_A` | guide §CC-company-resources");
    expect(text).toContain("docs/hololens2-deployment-guide.md:");
    expect(text).toContain("### SPE_E3");
    expect(text).toContain("| `INTUNE_A` | on | Microsoft Intune |");
    expect(text).toContain("| `MICROSOFT_LOOP` | off | not needed by the program |");
    expect(text).not.toContain("Guides");
  });

  it("names the plans the file keeps on or turns off itself", () => {
    const text = steps({ licensing: { skus: ["MICROSOFT_REMOTE_ASSIST", "SPE_E3"], enabledServicePlans: ["SWAY"], disabledServicePlans: ["MFA_PREMIUM"] } });
    expect(text).toContain("| `SWAY` | on | licensing.enabledServicePlans |");
    expect(text).toContain("| `MFA_PREMIUM` | off | licensing.disabledServicePlans |");
  });

  it("Guides → the Guides plans stay on and the Operator role is a manual step", () => {
    const text = steps({
      licensing: { skus: ["GUIDES_USER", "INTUNE_A", "AAD_PREMIUM"] },
      devices: { kiosk: { callingApp: "dynamics-365-guides", apps: ["dynamics-365-guides", "settings"] } },
    });
    expect(text).toContain("| `GUIDES` | on | Dynamics 365 Guides |");
    expect(text).toContain("## Steps Graph cannot take");
    expect(text).toContain("Operator");
  });

  it("a blueprint name cannot break the markdown", () => {
    expect(steps({ metadata: { name: "a|b" } })).toContain("blueprint a\\|b");
  });
});

/** HF2027 (warning): TEAMS1 disabled — Remote Assist calls run over Teams (hololens-facts §4 caution). */
import { defineCheck, finding } from "./finding.ts";

const TEAMS_PLAN = "TEAMS1";

export const teamsPlanDisabled = defineCheck(["licensing"], ["HF2027"], (bp, src) => {
  const i = bp.licensing.disabledServicePlans.indexOf(TEAMS_PLAN);
  if (i < 0) return [];
  return [
    finding(src, ["licensing", "disabledServicePlans", i], "HF2027", "warning", {
      message: `${TEAMS_PLAN} (Microsoft Teams) is disabled`,
      why: "Microsoft Teams is bundled with Remote Assist and carries its calls; without it clients may not reach experts.",
      fix: `Remove ${TEAMS_PLAN} from licensing.disabledServicePlans.`,
    }),
  ];
});

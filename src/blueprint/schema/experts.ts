/** `experts`: the organisation's people clients call; named so isolation can let clients reach only them. */
import { z } from "zod";
import { displayName, documented } from "./common.ts";

export const expertsSchema = documented(
  z.strictObject({
    groupName: documented(displayName(120, "Entra (the experts group's display name)").default("Experts"), {
      description: "Display name of the group of experts (holofleet adds tenant.namingPrefix when it names the group).",
      guide: "§CC-isolation",
    }),
    segmentName: documented(displayName(120, "Microsoft Purview (the information-barrier segment name)").default("Experts"), {
      description: "Information-barrier segment of the experts (used with isolation.mode information-barriers).",
      guide: "§CC-isolation",
    }),
  }),
  { description: "The experts clients call with Remote Assist or Guides.", guide: "§CC-isolation" },
);

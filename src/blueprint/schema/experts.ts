/** `experts`: the organisation's people clients call; named so isolation can let clients reach only them. */
import { z } from "zod";
import { documented } from "./common.ts";

const objectName = z.string().min(1).max(120);

export const expertsSchema = documented(
  z.strictObject({
    groupName: documented(objectName.default("Experts"), {
      description: "Display name of the group of experts (holofleet adds tenant.namingPrefix when it names the group).",
      guide: "§CC-isolation",
    }),
    segmentName: documented(objectName.default("Experts"), {
      description: "Information-barrier segment of the experts (used with isolation.mode information-barriers).",
      guide: "§CC-isolation",
    }),
  }),
  { description: "The experts clients call with Remote Assist or Guides.", guide: "§CC-isolation" },
);

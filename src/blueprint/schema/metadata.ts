/** `metadata`: the program's name and a free description; the name labels compiled artifacts. */
import { z } from "zod";
import { displayName, documented } from "./common.ts";

export const metadataSchema = documented(
  z.strictObject({
    name: documented(displayName(64, "every artifact description"), {
      description: "Name of the deployment program, e.g. `contoso-field-service`. Used in artifact descriptions.",
    }),
    description: documented(z.string().default(""), { description: "Free text describing the program." }),
  }),
  { description: "Who this blueprint is and what it is for." },
);

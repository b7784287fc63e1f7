/** `isolation`: how clients are kept from finding and calling each other (guide §CC-isolation). */
import { z } from "zod";
import { documented } from "./common.ts";

export const isolationSchema = documented(
  z.strictObject({
    mode: documented(z.enum(["information-barriers", "scoped-directory-search"]).default("scoped-directory-search"), {
      description:
        "`scoped-directory-search` (Teams search scoped by an address book policy; needs no extra licence) or `information-barriers` (one segment per client plus an experts segment; needs an information-barrier-capable licence such as E5; the experts group is then a Microsoft 365 group, as only those are information-barrier-aware).",
      guide: "§CC-isolation",
    }),
  }),
  { description: "Keeping clients apart from each other.", guide: "§CC-isolation" },
);

/** `TargetFiles` over the real file system: missing files are `undefined`, other errors throw. */
import { readFileSync } from "node:fs";
import type { TargetFiles } from "./target.ts";

export const nodeFiles: TargetFiles = {
  read(path) {
    try {
      return readFileSync(path, "utf8");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw err;
    }
  },
};

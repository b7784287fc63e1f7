/** The audit result as JSON (ARCHITECTURE §3, `formatVersion: 1`), two-space indented, newline at the end. */
import type { Renderer } from "./meta.ts";

export const renderJson: Renderer = (result) => `${JSON.stringify(result, null, 2)}\n`;

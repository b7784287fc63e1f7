import { describe, expect, it } from "vitest";
import { directoryCollection } from "./collection-options.ts";

describe("directoryCollection", () => {
  it("pages of 100 up to 999, all properties, plain filters unless overridden", () => {
    expect(directoryCollection("domains")).toEqual({
      contextPath: "domains",
      maxTop: 999,
      defaultTop: 100,
      defaultSelect: null,
      basicFilterProperties: null,
      advancedQueryNeedsEventual: false,
    });
    expect(directoryCollection("devices", { advancedQueryNeedsEventual: true, defaultSelect: ["id"] })).toMatchObject({ contextPath: "devices", advancedQueryNeedsEventual: true, defaultSelect: ["id"], maxTop: 999 });
  });
});

import { describe, expect, it } from "vitest";
import { GraphHttpError } from "../framework.ts";
import { requireObjectBody } from "./request-body.ts";

describe("requireObjectBody", () => {
  it("passes a JSON object through and refuses anything else with 400", () => {
    expect(requireObjectBody({ a: 1 })).toEqual({ a: 1 });
    for (const body of [undefined, null, [], "x", 3]) {
      expect(() => requireObjectBody(body)).toThrow(GraphHttpError);
      expect(() => requireObjectBody(body)).toThrow("The request body must be a JSON object.");
    }
  });
});

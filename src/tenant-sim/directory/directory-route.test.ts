import { describe, expect, it } from "vitest";
import { directoryRoute } from "./directory-route.ts";

describe("directoryRoute", () => {
  it("serves v1.0 and beta under the directory limits; everything but GET is a write", () => {
    const handler = () => ({ status: 204 });
    expect(directoryRoute("GET", "/users", handler)).toEqual({ method: "GET", path: "/users", versions: ["v1.0", "beta"], throttle: "directory", write: false, handler });
    expect(directoryRoute("PATCH", "/users/{id}", handler).write).toBe(true);
    expect(directoryRoute("DELETE", "/groups/{id}/members/{memberId}/$ref", handler, { permissionPath: "/groups/{id}/members/{id}" })).toMatchObject({
      write: true,
      permissionPath: "/groups/{id}/members/{id}",
    });
  });
});

import { describe, expect, it } from "vitest";
import { GraphRequestError } from "../graph/errors.ts";
import { graphRefusal } from "./run.ts";

describe("graphRefusal", () => {
  const token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";
  const refused = (status: number) =>
    new GraphRequestError("Insufficient privileges to complete the operation.", {
      status,
      code: status === 403 ? "Authorization_RequestDenied" : "ServiceUnavailable",
      requestId: "r-1",
      request: { method: "GET", url: "https://graph.example/v1.0/users/a/memberOf", headers: { authorization: `Bearer ${token}` } },
    });

  it("a 403 → HF5001 naming the request and pointing at docs/permissions.md, with no token", () => {
    const d = graphRefusal(refused(403));
    expect(d).toMatchObject({ severity: "error", code: "HF5001" });
    expect(d.message).toContain("403 Authorization_RequestDenied to GET https://graph.example/v1.0/users/a/memberOf");
    expect(d.message).toContain("request-id r-1");
    expect(d.fix).toContain("docs/permissions.md");
    expect(JSON.stringify(d)).not.toContain(token);
  });

  it("a 503 → says to run again, since writes are safe to repeat", () => {
    expect(graphRefusal(refused(503)).fix).toMatch(/run the command again/);
  });
});

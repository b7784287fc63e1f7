import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { errorFromResponse, GraphRequestError, networkError, unwrapIntuneMessage } from "./errors.ts";

const TOKEN = "eyJ0eXAiOiJKV1QifQ.eyJhdWQiOiJncmFwaCJ9.c2lnbg";
const request = {
  method: "POST",
  url: "https://graph.microsoft.com/v1.0/users?access_token=leaky",
  headers: { authorization: `Bearer ${TOKEN}`, "client-request-id": "c-1" },
  body: { userPrincipalName: "a@contoso.com", passwordProfile: { password: "Pl4nted-Passw0rd" } },
};

describe("GraphRequestError", () => {
  it("a planted token, secret query and password → absent from message, JSON and inspect output", () => {
    const err = errorFromResponse(request, 400, { "request-id": "r-1" }, { error: { code: "Request_BadRequest", message: `bad ${TOKEN}` } }, 0);
    for (const text of [err.message, JSON.stringify(err), inspect(err, { depth: 10 }), String(err.stack)]) {
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain("leaky");
      expect(text).not.toContain("Pl4nted-Passw0rd");
    }
    expect(err.request.body).toEqual({ userPrincipalName: "a@contoso.com", passwordProfile: "[REDACTED]" });
  });

  it("Graph's error body → status, code, message, request ids and details", () => {
    const err = errorFromResponse(
      request,
      400,
      { "client-request-id": "c-1" },
      {
        error: {
          code: "Request_BadRequest",
          message: "Another object with the same value for property userPrincipalName already exists.",
          innerError: { "request-id": "r-9", "client-request-id": "c-1", date: "2026-01-01T00:00:00" },
          details: [{ code: "ObjectConflict", target: "userPrincipalName" }],
        },
      },
      0,
    );
    expect(err).toBeInstanceOf(GraphRequestError);
    expect(err).toMatchObject({ status: 400, code: "Request_BadRequest", requestId: "r-9", clientRequestId: "c-1" });
    expect(err.details).toEqual([{ code: "ObjectConflict", target: "userPrincipalName" }]);
  });

  it("the lower-case innererror of the docs' schema → read as well", () => {
    const err = errorFromResponse(request, 404, {}, { error: { code: "itemNotFound", message: "x", innererror: { "request-id": "r-2" } } }, 0);
    expect(err.requestId).toBe("r-2");
  });

  it("Intune's JSON inside message → its Message surfaces", () => {
    const inner = JSON.stringify({ _version: 3, Message: "An error has occurred - Operation ID: 1", CustomApiErrorPhrase: "" });
    const err = errorFromResponse(request, 400, {}, { error: { code: "BadRequest", message: inner } }, 0);
    expect(err.message).toBe("An error has occurred - Operation ID: 1");
    expect(unwrapIntuneMessage("{not json")).toBe("{not json");
  });

  it("Retry-After in seconds or as a date → retryAfterMs", () => {
    expect(errorFromResponse(request, 429, { "retry-after": "3" }, undefined, 0).retryAfterMs).toBe(3000);
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(errorFromResponse(request, 503, { "retry-after": "Thu, 01 Jan 2026 00:00:05 GMT" }, undefined, now).retryAfterMs).toBe(5000);
    expect(errorFromResponse(request, 429, {}, undefined, 0).retryAfterMs).toBeUndefined();
  });

  it("Entra's OAuth error shape → code and description", () => {
    const err = errorFromResponse(request, 401, {}, { error: "invalid_client", error_description: "AADSTS7000215: Invalid client secret provided." }, 0);
    expect(err).toMatchObject({ code: "invalid_client", message: "AADSTS7000215: Invalid client secret provided." });
  });

  it("a network failure → status 0 with the cause's code", () => {
    const cause = Object.assign(new TypeError("fetch failed"), { cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" }) });
    const err = networkError(request, "NetworkError", cause);
    expect(err.status).toBe(0);
    expect(err.isNetworkError).toBe(true);
    expect(err.message).toContain("ECONNREFUSED");
    expect(err.message).not.toContain("leaky");
    expect(err.cause).toBe(cause);
  });
});

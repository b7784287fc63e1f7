import { describe, expect, it } from "vitest";
import { REDACTED, redactBody, redactHeaders, redactText, redactUrl } from "./redact.ts";

const JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";

describe("redact", () => {
  it("authorization and cookie headers → replaced, others kept", () => {
    expect(redactHeaders({ authorization: `Bearer ${JWT}`, "X-Sim-Key": "k", accept: "application/json" })).toEqual({
      authorization: REDACTED,
      "X-Sim-Key": REDACTED,
      accept: "application/json",
    });
  });

  it("secret query parameters → replaced, Graph's own parameters kept", () => {
    const url = redactUrl("https://graph.microsoft.com/v1.0/users?$filter=startsWith(displayName,'A')&client_secret=abc&access_token=xyz");
    expect(url).not.toContain("abc");
    expect(url).not.toContain("xyz");
    expect(url).toContain(`client_secret=${REDACTED}`);
    expect(new URL(url).searchParams.get("$filter")).toBe("startsWith(displayName,'A')");
    expect(redactUrl("https://graph.microsoft.com/v1.0/users?$top=5")).toBe("https://graph.microsoft.com/v1.0/users?$top=5");
  });

  it("a new user's passwordProfile and nested secrets → replaced, the rest kept", () => {
    const body = {
      userPrincipalName: "a@contoso.com",
      passwordProfile: { password: "S3cret!pass", forceChangePasswordNextSignIn: true },
      nested: [{ clientSecret: "s", keep: 1 }],
      note: `token ${JWT}`,
    };
    const out = redactBody(body) as typeof body;
    expect(out.passwordProfile).toBe(REDACTED);
    expect(out.nested[0]).toEqual({ clientSecret: REDACTED, keep: 1 });
    expect(out.userPrincipalName).toBe("a@contoso.com");
    expect(JSON.stringify(out)).not.toContain("S3cret");
    expect(JSON.stringify(out)).not.toContain(JWT);
    expect(body.passwordProfile.password).toBe("S3cret!pass"); // a copy; the request is untouched
  });

  it("a form-encoded token request → secret fields replaced", () => {
    const out = redactBody("grant_type=client_credentials&client_id=abc&client_secret=s3cr3t&client_assertion=x.y.z") as string;
    expect(out).not.toContain("s3cr3t");
    expect(out).toContain("client_id=abc");
    expect(out).toContain(`client_assertion=${REDACTED}`);
  });

  it("JWTs and bearer credentials in free text → removed", () => {
    expect(redactText(`failed with ${JWT} and Authorization: Bearer abcdefgh12345`)).toBe(`failed with ${REDACTED} and Authorization: Bearer ${REDACTED}`);
  });
});

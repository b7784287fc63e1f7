/** Request bodies: UTF-8 only, bounded nesting, well-formed strings, a JSON Content-Type — unit and over HTTPS. */
import { fetch as undiciFetch } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { initialDomain, TEST_USER_PASSWORD } from "./directory/test-graph-fixtures.ts";
import { MAX_JSON_DEPTH, isJsonMediaType, parseJsonBody } from "./json-body.ts";
import { startTestTenant, type TestTenant } from "./testing.ts";

const nested = (levels: number) => "[".repeat(levels) + "]".repeat(levels);

describe("parseJsonBody", () => {
  it("parses UTF-8 JSON, with or without a byte order mark", () => {
    expect(parseJsonBody(Buffer.from('{"a":"Zoë ✓"}'))).toEqual({ ok: true, value: { a: "Zoë ✓" } });
    expect(parseJsonBody(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("[1]")]))).toEqual({ ok: true, value: [1] });
  });

  it("refuses bytes that are not UTF-8 instead of storing U+FFFD", () => {
    const result = parseJsonBody(Buffer.concat([Buffer.from('{"department":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]));
    expect(result).toMatchObject({ ok: false, problem: "encoding" });
  });

  it("refuses a string or a name with a lone surrogate escape (not Unicode text)", () => {
    expect(parseJsonBody(Buffer.from('{"a":"x\\ud800y"}'))).toMatchObject({ ok: false, problem: "encoding" });
    expect(parseJsonBody(Buffer.from('{"\\udc00":1}'))).toMatchObject({ ok: false, problem: "encoding" });
    expect(parseJsonBody(Buffer.from('{"a":"\\ud83d\\ude00"}'))).toEqual({ ok: true, value: { a: "😀" } });
  });

  it(`allows ${MAX_JSON_DEPTH} levels of nesting and refuses one more, without parsing`, () => {
    expect(parseJsonBody(Buffer.from(nested(MAX_JSON_DEPTH))).ok).toBe(true);
    expect(parseJsonBody(Buffer.from(nested(MAX_JSON_DEPTH + 1)))).toMatchObject({ ok: false, problem: "depth" });
    expect(parseJsonBody(Buffer.from(nested(5000)))).toMatchObject({ ok: false, problem: "depth" });
    // Brackets inside strings do not count.
    expect(parseJsonBody(Buffer.from(JSON.stringify({ a: "[".repeat(5000) }))).ok).toBe(true);
    expect(parseJsonBody(Buffer.from(JSON.stringify({ a: '\\"[[' })))).toMatchObject({ ok: true });
  });

  it("reports a syntax error as such", () => {
    expect(parseJsonBody(Buffer.from("{not json"))).toMatchObject({ ok: false, problem: "syntax" });
  });

  it.each([
    ["application/json", true],
    ["application/json; charset=utf-8", true],
    ["Application/JSON;odata.metadata=minimal", true],
    ["text/plain", false],
    ["application/x-www-form-urlencoded", false],
    ["application/jsonx", false],
    ["", false],
  ])("%j is JSON: %s", (type, json) => {
    expect(isJsonMediaType(type)).toBe(json);
  });
});

describe("request bodies over HTTPS", () => {
  let t: TestTenant;
  let domain: string;
  beforeAll(async () => {
    t = await startTestTenant();
    domain = await initialDomain(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  const user = (nick: string, extra: Record<string, unknown> = {}) => ({
    accountEnabled: true,
    displayName: `User ${nick}`,
    mailNickname: nick,
    userPrincipalName: `${nick}@${domain}`,
    passwordProfile: { forceChangePasswordNextSignIn: true, password: TEST_USER_PASSWORD },
    ...extra,
  });

  async function post(path: string, body: Buffer | string, contentType?: string) {
    const res = await undiciFetch(`${t.baseUrl}${path}`, {
      method: "POST",
      dispatcher: t.dispatcher,
      headers: { authorization: `Bearer ${await t.tokenFor()}`, ...(contentType === undefined ? {} : { "content-type": contentType }) },
      body,
    });
    return { status: res.status, headers: res.headers, body: (await res.json()) as { error: { code: string; message: string; innerError: Record<string, string> } } };
  }

  it("invalid UTF-8 in a user's department → 400, and no user is stored", async () => {
    const text = JSON.stringify(user("utf8bad", { department: "Sales @@" }));
    const bytes = Buffer.from(text);
    const at = bytes.indexOf("@@");
    bytes[at] = 0xc3;
    bytes[at + 1] = 0x28;
    const res = await post("/v1.0/users", bytes, "application/json");
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("BadRequest");
    expect(res.body.error.message).toMatch(/UTF-8/);
    expect(res.body.error.innerError["request-id"]).toBe(res.headers.get("request-id"));
    expect((await t.graph("GET", `/v1.0/users/utf8bad@${domain}`)).status).toBe(404);
  });

  it("JSON nested 5,000 levels → Graph's 400, not a 500", async () => {
    // A group's description is stored as sent: the deep value used to overflow the stack when saved.
    const group = `{"displayName":"deep","mailEnabled":false,"mailNickname":"deep","securityEnabled":true,"description":${nested(5000)}}`;
    const res = await post("/v1.0/groups", group, "application/json");
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("BadRequest");
    expect(res.body.error.message).toContain(`${MAX_JSON_DEPTH} levels`);
    const batch = await post("/v1.0/$batch", `{"requests":${nested(5000)}}`, "application/json");
    expect(batch.status).toBe(400);
    expect(batch.body.error.code).toBe("BadRequest");
  });

  it("a body without Content-Type → 400 as Graph answers it; with a non-JSON type → 415 RequestBodyRead", async () => {
    // A Buffer body: fetch adds no Content-Type of its own (a string would get text/plain).
    const missing = await post("/v1.0/users", Buffer.from(JSON.stringify(user("noctype"))));
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toBe("Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.");
    const wrong = await post("/v1.0/users", JSON.stringify(user("textplain")), "text/plain");
    expect(wrong.status).toBe(415);
    expect(wrong.body.error.code).toBe("RequestBodyRead");
    expect(wrong.body.error.message).toMatch(/matches the content type 'text\/plain'/);
    for (const nick of ["noctype", "textplain"]) expect((await t.graph("GET", `/v1.0/users/${nick}@${domain}`)).status).toBe(404);
    expect((await post("/v1.0/users", JSON.stringify(user("withctype")), "application/json; charset=utf-8")).status).toBe(201);
  });

  it("a $batch sub-request with a non-JSON Content-Type → 415 for that sub-request", async () => {
    const res = await t.graph("POST", "/v1.0/$batch", {
      requests: [{ id: "1", method: "POST", url: "/users", headers: { "Content-Type": "text/plain" }, body: user("batchtext") }],
    });
    expect(res.status).toBe(200);
    expect(res.body.responses[0].status).toBe(415);
    expect(res.body.responses[0].body.error.code).toBe("RequestBodyRead");
  });
});

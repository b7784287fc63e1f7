/** The core control routes validate every body: 400 with the reason, nothing stored, the tenant unharmed. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClientCertificate } from "../certs.ts";
import { startTestTenant, type TestTenant } from "../testing.ts";

let t: TestTenant;
beforeAll(async () => {
  t = await startTestTenant();
});
afterAll(async () => {
  await t?.close();
});

describe("POST /_sim/clock", () => {
  it.each([
    [{ advanceDays: 2e8 }],
    [{ advanceDays: -1e8 }],
    [{ advanceDays: -30_000 }],
    [{ now: "0001-01-01T00:00:00Z" }],
    [{ advanceDays: "x" }],
    [{ now: "2026-02-30T00:00:00Z" }],
  ])("%j → 400 with the reason; the clock does not move and Graph still answers", async (body) => {
    const before = Date.parse((await t.sim("GET", "/clock")).body.now);
    const res = await t.sim("POST", "/clock", body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("BadRequest");
    expect(res.body.error.message).toMatch(/advanceDays|now/);
    const after = Date.parse((await t.sim("GET", "/clock")).body.now);
    expect(after - before).toBeGreaterThanOrEqual(0);
    expect(after - before).toBeLessThan(60_000);
    expect((await t.graph("GET", "/v1.0/organization")).status).toBe(200);
  });

  it("moves within 1970–9999 still work", async () => {
    expect((await t.sim("POST", "/clock", { now: "9999-12-30T00:00:00Z" })).status).toBe(200);
    expect((await t.sim("POST", "/clock", { advanceDays: 2 })).status).toBe(400);
    expect((await t.sim("POST", "/clock", { now: "2026-11-29T10:00:00Z" })).body.now.slice(0, 10)).toBe("2026-11-29");
    expect((await t.graph("GET", "/v1.0/organization")).status).toBe(200);
  });
});

describe("POST /_sim/applications", () => {
  it("a certificatePem that is not a certificate → 400 naming the field, without OpenSSL's text", async () => {
    const garbage = "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n";
    const res = await t.sim("POST", "/applications", { displayName: "bad cert", roles: [], certificatePem: garbage });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^certificatePem: /);
    expect(res.body.error.message).not.toMatch(/error:|asn1|ASN1|openssl/i);
  });

  it("a real certificate → 201", async () => {
    const cert = await createClientCertificate("sim-core test");
    expect((await t.sim("POST", "/applications", { displayName: "good cert", roles: [], certificatePem: cert.certPem, withSecret: false })).status).toBe(201);
  });
});

describe("any /_sim body", () => {
  it.each([["[]"], ['"text"'], ["42"], ["{not json"]])("%s → 400", async (raw) => {
    const res = await t.sim("POST", "/faults", raw);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("BadRequest");
    expect((await t.sim("GET", "/faults")).body).toBeNull();
  });

  it("an unknown property of a simulated device → 400 naming it; nothing registered", async () => {
    const res = await t.sim("POST", "/devices", { serialNumber: "SIMCORE-1", osVersion: "10.0.22621.1266", serial: "typo" });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/'serial'/);
    expect((await t.sim("GET", "/devices")).body.value).toEqual([]);
  });
});

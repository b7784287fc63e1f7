/**
 * Test-only helpers that arrange directory objects in a running test tenant through Graph itself, as a
 * client would (the store-level builders are in test-fixtures.ts). Shared by the route and delta tests.
 */
import { expect } from "vitest";
import type { TestTenant } from "../testing.ts";

/** A password Entra's default rule accepts: 8–256 characters with upper case, lower case, digits and symbols. */
export const TEST_USER_PASSWORD = "Str0ng!Passw0rd";

/** The tenant's initial `*.onmicrosoft.com` domain, read from `GET /domains`. */
export async function initialDomain(t: TestTenant): Promise<string> {
  const res = await t.graph("GET", "/v1.0/domains");
  expect(res.status).toBe(200);
  const initial = (res.body.value as { id: string; isInitial: boolean }[]).find((d) => d.isInitial);
  if (!initial) throw new Error("the test tenant lists no initial domain");
  return initial.id;
}

/** Creates the enabled user `nick@domain` (displayName and mailNickname `nick`) with `POST /v1.0/users`; 201 or the test fails. */
export async function createTestUser(t: TestTenant, domain: string, nick: string): Promise<{ id: string }> {
  const res = await t.graph("POST", "/v1.0/users", {
    accountEnabled: true,
    displayName: nick,
    mailNickname: nick,
    userPrincipalName: `${nick}@${domain}`,
    passwordProfile: { password: TEST_USER_PASSWORD },
  });
  expect(res.status).toBe(201);
  return res.body as { id: string };
}

/** Creates the assigned security group `name` (also its mailNickname) with `POST /v1.0/groups` and returns its id; 201 or the test fails. */
export async function createTestGroup(t: TestTenant, name: string): Promise<string> {
  const res = await t.graph("POST", "/v1.0/groups", { displayName: name, mailEnabled: false, mailNickname: name, securityEnabled: true });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

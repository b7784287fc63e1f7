import { describe, expect, it } from "vitest";
import { scriptedClient } from "../testing/fixtures.ts";
import type { Logger } from "../types.ts";

function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    debug: (m, f) => lines.push(`debug ${m} ${JSON.stringify(f)}`),
    warn: (m, f) => lines.push(`warn ${m} ${JSON.stringify(f)}`),
  };
}

describe("log", () => {
  it("a user create with a planted password → logged with status and ids, never the body or token", async () => {
    const logger = memoryLogger();
    const { graph } = scriptedClient(
      [
        { status: 201, headers: { "request-id": "r-1" }, body: { id: "u1" } },
        { status: 400, body: { error: { code: "Request_BadRequest", message: "Invalid value" } } },
      ],
      { logger },
    );
    const body = { userPrincipalName: "a@contoso.com", passwordProfile: { password: "Pl4nted-Passw0rd" } };
    await graph.request("POST", "/users", { body });
    await graph.request("POST", "/users?client_secret=sneaky", { body }).catch(() => undefined);
    const all = logger.lines.join("\n");
    expect(all).toContain('"status":201');
    expect(all).toContain('"requestId":"r-1"');
    expect(all).toContain("warn graph request failed");
    expect(all).toContain("Request_BadRequest");
    for (const secret of ["Pl4nted-Passw0rd", "token-1", "sneaky", "passwordProfile"]) expect(all).not.toContain(secret);
  });
});

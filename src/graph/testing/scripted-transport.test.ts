import { describe, expect, it } from "vitest";
import type { GraphRequest } from "../types.ts";
import { scriptedTransport } from "./scripted-transport.ts";

const req = (url: string): GraphRequest => ({ method: "GET", url, headers: { a: "1" }, options: {}, context: { attempt: 1 } });

describe("scriptedTransport", () => {
  it("answers in order, logs each request, throws Graph errors and network failures", async () => {
    const tr = scriptedTransport([{ status: 200, body: { ok: true } }, { status: 404, body: { error: { code: "itemNotFound", message: "x" } } }, { network: "NetworkError" }]);
    expect((await tr(req("https://g/1"))).body).toEqual({ ok: true });
    await expect(tr(req("https://g/2"))).rejects.toMatchObject({ status: 404, code: "itemNotFound" });
    await expect(tr(req("https://g/3"))).rejects.toMatchObject({ status: 0, code: "NetworkError" });
    await expect(tr(req("https://g/4"))).rejects.toThrow(/no answer scripted/);
    expect(tr.log.map((l) => [l.url, l.status])).toEqual([["https://g/1", 200], ["https://g/2", 404], ["https://g/3", 0]]);
    expect(tr.remaining()).toBe(0);
  });
});

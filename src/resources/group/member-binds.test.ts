import { describe, expect, it } from "vitest";
import { chunk, MAX_BINDS_PER_REQUEST, splitMemberBinds } from "./member-binds.ts";

const urls = (n: number) => Array.from({ length: n }, (_, i) => `https://graph.microsoft.com/v1.0/directoryObjects/${i}`);

describe("splitMemberBinds", () => {
  it("a body with at most 20 binds (or none) → left as it is", () => {
    const body = { displayName: "g", "members@odata.bind": urls(MAX_BINDS_PER_REQUEST) };
    expect(splitMemberBinds(body)).toEqual({ create: body, followUps: [] });
    expect(splitMemberBinds({ displayName: "g" })).toEqual({ create: { displayName: "g" }, followUps: [] });
  });

  it("45 binds → 20 with the create and the rest in chunks of 20, in order, losing none", () => {
    const all = urls(45);
    const { create, followUps } = splitMemberBinds({ displayName: "g", "members@odata.bind": all });
    expect(create).toEqual({ displayName: "g", "members@odata.bind": all.slice(0, 20) });
    expect(followUps.map((c) => c.length)).toEqual([20, 5]);
    expect([...(create["members@odata.bind"] as string[]), ...followUps.flat()]).toEqual(all);
  });
});

describe("chunk", () => {
  it("41 items → 20, 20, 1; none → no chunk", () => {
    expect(chunk(urls(41)).map((c) => c.length)).toEqual([20, 20, 1]);
    expect(chunk([])).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { normalizePage } from "./paginate.ts";
import { GRAPH, scriptedClient } from "./testing/fixtures.ts";

const page = (ids: number[], next?: string) => ({
  status: 200,
  body: { value: ids.map((id) => ({ id })), ...(next ? { "@odata.nextLink": next } : {}) },
});

describe("paginate", () => {
  it("absolute nextLinks → followed verbatim, ConsistencyLevel resent on every page", async () => {
    const n1 = `${GRAPH}/v1.0/users?$top=2&$skiptoken=RFNwdA%2B%2F2%3D`;
    const n2 = `${GRAPH}/v1.0/users?$top=2&$skiptoken=second`;
    const { graph, transport } = scriptedClient([page([1, 2], n1), page([], n2), page([3])]);
    const ids: number[] = [];
    for await (const u of graph.paginate<{ id: number }>("/users", { query: { $top: 2, $count: "true" }, headers: { ConsistencyLevel: "eventual" } })) ids.push(u.id);
    expect(ids).toEqual([1, 2, 3]);
    expect(transport.log.map((l) => l.url)).toEqual([`${GRAPH}/v1.0/users?$top=2&$count=true`, n1, n2]);
    expect(transport.log.every((l) => l.headers.consistencylevel === "eventual")).toBe(true);
  });

  it("collect with until → stops without fetching later pages", async () => {
    const { graph, transport } = scriptedClient([page([1, 2], `${GRAPH}/v1.0/groups?$skiptoken=a`), page([3, 4], `${GRAPH}/v1.0/groups?$skiptoken=b`), page([5])]);
    const got = await graph.collect<{ id: number }, number>("/groups", { map: (g) => g.id, until: (id) => id === 3 });
    expect(got).toEqual([1, 2, 3]);
    expect(transport.log).toHaveLength(2);
  });

  it("a nextLink to another host → refused, the token is not sent there", async () => {
    const { graph, transport } = scriptedClient([page([1], "https://evil.example/v1.0/users?$skiptoken=x")]);
    const run = async () => {
      for await (const _ of graph.paginate("/users")) void _;
    };
    await expect(run()).rejects.toMatchObject({ code: "UntrustedHost" });
    expect(transport.log).toHaveLength(1);
  });

  it("the same nextLink twice → stops with an error instead of looping", async () => {
    const link = `${GRAPH}/v1.0/users?$skiptoken=same`;
    const { graph } = scriptedClient([page([1], link), page([2], link), page([3], link)]);
    await expect(graph.collect("/users")).rejects.toThrow(/returned twice/);
  });

  it("a deltaLink and @odata.count → surfaced on the page", () => {
    expect(normalizePage({ value: [], "@odata.deltaLink": "d", "@odata.count": 7 }, "u")).toEqual({ items: [], deltaLink: "d", count: 7 });
    expect(() => normalizePage({ id: "x" }, "u")).toThrow(/collection/);
  });
});

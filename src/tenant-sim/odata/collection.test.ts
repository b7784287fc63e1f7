import { describe, expect, it } from "vitest";
import { GraphHttpError, type CollectionOptions } from "../framework.ts";
import { answerCollection, answerEntity, type ODataRequest } from "./collection.ts";
import { decodeSkipToken } from "./skiptoken.ts";

const items = Array.from({ length: 250 }, (_, i) => ({
  id: `id-${String(i).padStart(3, "0")}`,
  displayName: `User ${i}`,
  mail: i % 2 ? `u${i}@contoso.com` : null,
  companyName: i % 3 ? "Contoso" : "Fabrikam",
  _internal: "hidden",
}));
const users: CollectionOptions = {
  contextPath: "users",
  maxTop: 999,
  defaultTop: 100,
  defaultSelect: ["id", "displayName", "mail"],
  basicFilterProperties: ["displayName", "mail", "id"],
  advancedQueryNeedsEventual: true,
};
const req = (qs: string, headers: Record<string, string> = {}): ODataRequest => ({
  version: "v1.0",
  query: new URLSearchParams(qs),
  headers,
  baseUrl: "https://127.0.0.1:8443",
  path: "/users",
});
const body = (r: ReturnType<typeof answerCollection>) => r.body as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const graphError = (fn: () => unknown): GraphHttpError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof GraphHttpError) return e;
    throw e;
  }
  throw new Error("expected a GraphHttpError");
};

describe("answerCollection", () => {
  it("pages by defaultTop with an absolute nextLink that keeps the query", () => {
    const first = body(answerCollection(req("$select=id"), items, users));
    expect(first.value).toHaveLength(100);
    expect(first["@odata.context"]).toBe("https://127.0.0.1:8443/v1.0/$metadata#users(id)");
    const next = new URL(first["@odata.nextLink"]);
    expect(next.origin + next.pathname).toBe("https://127.0.0.1:8443/v1.0/users");
    expect(next.searchParams.get("$select")).toBe("id");
    expect(decodeSkipToken(next.searchParams.get("$skiptoken")!)).toBe(100);
  });

  it("walks every item exactly once across pages", () => {
    const seen: string[] = [];
    let qs = "$top=70";
    for (;;) {
      const page = body(answerCollection(req(qs), items, users));
      seen.push(...page.value.map((v: { id: string }) => v.id));
      if (!page["@odata.nextLink"]) break;
      qs = new URL(page["@odata.nextLink"]).search.slice(1);
    }
    expect(seen).toEqual(items.map((i) => i.id));
  });

  it("applies the default property set, strips internal fields and returns only what $select names", () => {
    const page = body(answerCollection(req("$top=1"), items, users));
    expect(page.value[0]).toEqual({ id: "id-000", displayName: "User 0", mail: null });
    const sel = body(answerCollection(req("$top=1&$select=companyName"), items, users));
    expect(sel.value[0]).toEqual({ companyName: "Fabrikam" });
  });

  it("rejects $top above the collection's maximum", () => {
    const err = graphError(() => answerCollection(req("$top=1000"), items, users));
    expect(err.status).toBe(400);
    expect(err.message).toBe("Invalid page size specified: '1000'. Must be between 1 and 999 inclusive.");
    expect(graphError(() => answerCollection(req("$top=0"), items, users)).status).toBe(400);
  });

  it("ignores $count=true without ConsistencyLevel, counts on the first page with it", () => {
    expect(body(answerCollection(req("$count=true"), items, users))["@odata.count"]).toBeUndefined();
    const first = body(answerCollection(req("$count=true&$filter=companyName eq 'Contoso'", { consistencylevel: "eventual" }), items, users));
    expect(first["@odata.count"]).toBe(166);
    const second = body(answerCollection(req(new URL(first["@odata.nextLink"]).search.slice(1), { consistencylevel: "eventual" }), items, users));
    expect(second["@odata.count"]).toBeUndefined();
  });

  it("needs ConsistencyLevel: eventual and $count=true for advanced filters, $search and $orderby with $filter", () => {
    expect(graphError(() => answerCollection(req("$filter=mail ne null"), items, users)).code).toBe("Request_UnsupportedQuery");
    expect(graphError(() => answerCollection(req("$filter=companyName eq 'Contoso'"), items, users)).message).toMatch(/property 'companyName' of resource 'User'/);
    expect(graphError(() => answerCollection(req("$filter=mail ne null", { consistencylevel: "eventual" }), items, users)).code).toBe("Request_UnsupportedQuery");
    const ok = body(answerCollection(req("$filter=mail ne null&$count=true", { consistencylevel: "eventual" }), items, users));
    expect(ok["@odata.count"]).toBe(125);
    const search = graphError(() => answerCollection(req('$search="displayName:User 1"'), items, users));
    expect(search.code).toBe("Request_UnsupportedQuery");
    expect(search.message).toContain("ConsistencyLevel: eventual");
    expect(graphError(() => answerCollection(req("$filter=startsWith(displayName,'User')&$orderby=displayName"), items, users)).message).toBe("Sorting not supported for current query.");
  });

  it("filters basic properties without the header", () => {
    const page = body(answerCollection(req("$filter=startsWith(displayName,'User 24')"), items, users));
    expect(page.value.map((v: { id: string }) => v.id)).toEqual(["id-024", "id-240", "id-241", "id-242", "id-243", "id-244", "id-245", "id-246", "id-247", "id-248", "id-249"]);
  });

  it("searches and orders with eventual consistency", () => {
    const page = body(answerCollection(req('$search="displayName:24"&$orderby=displayName desc&$count=true', { consistencylevel: "eventual" }), items, users));
    expect(page.value[0].displayName).toBe("User 249");
    expect(page["@odata.count"]).toBe(11);
  });

  it("a filter past the limits → 400 BadRequest naming the limit, without echoing the whole filter", () => {
    const deep = "(".repeat(3000) + "displayName eq 'x'" + ")".repeat(3000);
    const err = graphError(() => answerCollection(req(`$filter=${encodeURIComponent(deep)}`), items, users));
    expect(err).toMatchObject({ status: 400, code: "BadRequest" });
    expect(err.message).toBe("Invalid filter clause: The query specified in the URI is not valid. The recursion limit has been exceeded.");
    const long = graphError(() => answerCollection(req(`$filter=${encodeURIComponent(`displayName eq '${"x".repeat(5000)}`)}`), items, users));
    expect(long.message.length).toBeLessThan(400);
  });

  it("rejects a tampered skiptoken", () => {
    expect(graphError(() => answerCollection(req("$skiptoken=garbage"), items, users)).status).toBe(400);
  });

  it("lets collections without the directory rules filter anything", () => {
    const intune: CollectionOptions = { contextPath: "deviceManagement/deviceConfigurations", maxTop: 1000, defaultTop: 1000 };
    const page = body(answerCollection(req("$filter=companyName ne 'Contoso'"), items, intune));
    expect(page.value).toHaveLength(84);
    expect(page["@odata.context"]).toBe("https://127.0.0.1:8443/v1.0/$metadata#deviceManagement/deviceConfigurations");
    expect(page.value[0]._internal).toBeUndefined();
  });
});

describe("answerEntity", () => {
  it("adds the entity context and applies $select", () => {
    const r = answerEntity(req("$select=displayName"), items[0]!, "users/$entity");
    expect(r.body).toEqual({ "@odata.context": "https://127.0.0.1:8443/v1.0/$metadata#users(displayName)/$entity", displayName: "User 0" });
    const all = answerEntity(req(""), items[0]!, "users", ["id", "displayName"]);
    expect(all.body).toEqual({ "@odata.context": "https://127.0.0.1:8443/v1.0/$metadata#users/$entity", id: "id-000", displayName: "User 0" });
  });
});

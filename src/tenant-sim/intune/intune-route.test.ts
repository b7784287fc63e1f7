import { describe, expect, it } from "vitest";
import type { RouteContext, SimStore } from "../framework.ts";
import { GraphHttpError } from "../framework.ts";
import { actionCollection, intuneRoute, loadOr404, requestPathOf } from "./intune-route.ts";

function memoryStore(): SimStore & { transactions: number } {
  const docs = new Map<string, object>();
  const store = {
    transactions: 0,
    get: <T extends object>(kind: string, id: string) => docs.get(`${kind}/${id}`) as T | undefined,
    list: <T extends object>(kind: string) => [...docs.entries()].filter(([k]) => k.startsWith(`${kind}/`)).map(([, v]) => v as T),
    put: (kind: string, doc: { id: string }) => void docs.set(`${kind}/${doc.id}`, doc),
    delete: (kind: string, id: string) => docs.delete(`${kind}/${id}`),
    tx: <T>(fn: () => T) => {
      store.transactions++;
      return fn();
    },
  };
  return store;
}

function contextWith(store: SimStore): RouteContext {
  return { store, baseUrl: "https://127.0.0.1:1", version: "v1.0", params: {} } as unknown as RouteContext;
}

describe("intuneRoute", () => {
  it("GETs are reads on v1.0 and beta; writes count as writes and run in one transaction", () => {
    const store = memoryStore();
    const read = intuneRoute("GET", "/deviceManagement/x", () => ({ status: 200 }));
    expect(read).toMatchObject({ method: "GET", write: false, throttle: "intune", versions: ["v1.0", "beta"] });
    expect(read.permissionPath).toBeUndefined();
    void read.handler(contextWith(store));
    expect(store.transactions).toBe(0);
    const write = intuneRoute("POST", "/deviceManagement/x", () => ({ status: 204 }), { versions: ["beta"], permissionPath: "/p" });
    expect(write).toMatchObject({ write: true, versions: ["beta"], permissionPath: "/p" });
    expect(write.handler(contextWith(store))).toEqual({ status: 204 });
    expect(store.transactions).toBe(1);
  });
});

describe("Intune's error shape", () => {
  const throwing = (error: Error) =>
    intuneRoute("POST", "/deviceManagement/things/{id}/act", () => {
      throw error;
    });
  const ctx = () => ({ ...contextWith(memoryStore()), params: { id: "t-1" } }) as RouteContext;

  it("nests a client error's message with the request URL, keeping status, code, headers and details", () => {
    const details = [{ code: "x" }];
    let caught: unknown;
    try {
      void throwing(new GraphHttpError(409, "Conflict", "already there", { "x-h": "1" }, details)).handler(ctx());
    } catch (e) {
      caught = e;
    }
    const e = caught as GraphHttpError;
    expect([e.status, e.code, e.headers, e.details]).toEqual([409, "Conflict", { "x-h": "1" }, details]);
    expect(JSON.parse(e.message).Message).toMatch(/^already there - Operation ID .* - Url: https:\/\/127\.0\.0\.1:1\/v1\.0\/deviceManagement\/things\/t-1\/act$/);
  });

  it("leaves server errors, non-Graph errors and already nested messages alone", () => {
    const serverError = new GraphHttpError(503, "serviceNotAvailable", "down");
    expect(() => throwing(serverError).handler(ctx())).toThrow(serverError);
    const bug = new TypeError("bug");
    expect(() => throwing(bug).handler(ctx())).toThrow(bug);
    const nested = new GraphHttpError(404, "ResourceNotFound", JSON.stringify({ _version: 3, Message: "m" }));
    expect(() => throwing(nested).handler(ctx())).toThrow(nested);
  });

  it("fills route parameters into the request path", () => {
    expect(requestPathOf("/a/{id}/b('{key}')/{missing}", { id: "1", key: "k" })).toBe("/a/1/b('k')/{missing}");
  });
});

describe("loadOr404 and actionCollection", () => {
  it("finds a document or answers Intune's nested 404", () => {
    const store = memoryStore();
    store.put("things", { id: "a", owner: "p1" });
    const ctx = contextWith(store);
    expect(loadOr404(ctx, "things", "a", "Thing", "/things/a")).toEqual({ id: "a", owner: "p1" });
    let error: unknown;
    try {
      loadOr404<{ owner: string }>(ctx, "things", "a", "Thing", "/things/a", (d) => d.owner === "p2");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GraphHttpError);
    expect((error as GraphHttpError).status).toBe(404);
    expect(JSON.parse((error as GraphHttpError).message)).toMatchObject({ _version: 3, Message: expect.stringContaining("Url: https://127.0.0.1:1/v1.0/things/a") });
  });

  it("answers an action's collection without internal fields", () => {
    const res = actionCollection(contextWith(memoryStore()), "microsoft.graph.x", [{ id: "1", _secret: true }]);
    expect(res).toEqual({ status: 200, body: { "@odata.context": "https://127.0.0.1:1/v1.0/$metadata#Collection(microsoft.graph.x)", value: [{ id: "1" }] } });
  });
});

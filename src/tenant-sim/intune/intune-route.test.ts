import { describe, expect, it } from "vitest";
import type { RouteContext, SimStore } from "../framework.ts";
import { GraphHttpError } from "../framework.ts";
import { actionCollection, intuneRoute, loadOr404 } from "./intune-route.ts";

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

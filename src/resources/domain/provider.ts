/** `domain` (Graph I/O): `GET /domains/{id}` (batched) and `PATCH /domains/{id}` without the id in the body. */
import { getAllBatched } from "../graph-reads.ts";
import type { RemoteObject, ResourceProvider } from "../types.ts";
import { domainProperties } from "./kind.ts";

const READ = ["Domain.Read.All", "Directory.Read.All"];
const WRITE = ["Domain.ReadWrite.All"];

export const domainProvider: ResourceProvider = {
  kind: "domain",
  permissions: {
    read: [{ request: "GET /domains/{id}", application: READ, delegated: READ }],
    create: [],
    update: [{ request: "PATCH /domains/{id}", application: WRITE, delegated: WRITE }],
    delete: [],
  },
  async read({ ctx, desired }) {
    const answers = await getAllBatched<Record<string, unknown> & { id: string }>(ctx.graph, desired.map((r) => ({ url: `/domains/${encodeURIComponent(String(r.body.id))}` })));
    const found = new Map<string, RemoteObject>();
    desired.forEach((r, i) => {
      const d = answers[i]?.[0];
      if (d) found.set(r.address, { id: d.id, data: d, owned: true, label: d.id });
    });
    return { found, extras: [] };
  },
  create() {
    return Promise.reject(new Error("holofleet never creates a domain"));
  },
  async update({ ctx, body, remote }) {
    const patch = Object.fromEntries(domainProperties(body).map((k) => [k, body[k]]));
    await ctx.graph.request("PATCH", "/domains/{id}", { params: { id: remote.id }, body: patch });
  },
  delete() {
    return Promise.reject(new Error("holofleet never deletes a domain"));
  },
};

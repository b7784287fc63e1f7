/** `/clients`: each client of the program with its accounts, devices on loan, overdue ones and open findings. */
import { Hono } from "hono";
import type { ConsoleDeps, ConsoleEnv } from "../deps.ts";
import { readClientRows } from "../../operations/client-summary.ts";
import { Layout } from "../views/layout.tsx";

export function clientsPage(deps: ConsoleDeps): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  app.get("/clients", async (c) => {
    const latest = deps.audits.latest();
    const rows = await readClientRows(deps.store, deps.blueprint.clients, latest?.result ?? null, deps.now());
    return c.html(
      <Layout title="Clients" current="/clients" viewer={c.get("viewer")} csrfToken={c.get("csrfToken")}>
        <table>
          <caption>{`The program's ${rows.length} client${rows.length === 1 ? "" : "s"}`}</caption>
          <thead>
            <tr>
              <th scope="col">Client</th>
              <th scope="col" class="n">Accounts</th>
              <th scope="col" class="n">Devices on loan</th>
              <th scope="col" class="n">Overdue</th>
              <th scope="col" class="n">Open findings</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <th scope="row">
                  <a href={`/clients/${encodeURIComponent(r.id)}`}>{r.displayName}</a> <span class="meta">{`(${r.id})`}</span>
                </th>
                <td class="n">{r.accounts}</td>
                <td class="n">{r.onLoan}</td>
                <td class={`n${r.overdue ? " alarm" : ""}`}>{r.overdue ? `${r.overdue} overdue` : "0"}</td>
                <td class="n">{r.openFindings === null ? "no audit yet" : r.openFindings}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Layout>,
    );
  });
  return app;
}

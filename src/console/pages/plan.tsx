/**
 * `/plan`: the pending changes between the blueprint and the tenant, computed now, shown as `holofleet
 * plan` shows them — the CLI view's own lines (cli/views/plan.ts), one block per change — and the manual
 * steps; when no plan can be made, the diagnostics that say why.
 */
import { Hono } from "hono";
import { changeLines, summaryLine } from "../../cli/views/plan.ts";
import type { ConsoleDeps, ConsoleEnv } from "../deps.ts";
import { Empty } from "../views/components.tsx";
import { minute } from "../views/format.ts";
import { Layout } from "../views/layout.tsx";

export function planPage(deps: ConsoleDeps): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  app.get("/plan", async (c) => {
    const pending = await deps.plans.compute();
    const plan = pending.plan;
    const changes = plan ? plan.changes.filter((ch) => ch.action !== "noop") : [];
    return c.html(
      <Layout title="Plan" current="/plan" viewer={c.get("viewer")} csrfToken={c.get("csrfToken")}>
        <p class="meta">{`Computed ${minute(pending.at)} against the tenant, from ${deps.blueprintFile}. Nothing is changed here: run holofleet apply to carry it out.`}</p>
        {pending.diagnostics.length ? (
          <section aria-labelledby="diagnostics">
            <h2 id="diagnostics">{plan ? "Warnings" : "No plan could be made"}</h2>
            <ul class="diagnostics">
              {pending.diagnostics.map((d) => (
                <li class={`diag diag-${d.severity}`}>
                  <strong>{`${d.severity} ${d.code}`}</strong>
                  {`: ${d.message}`}
                  {d.fix ? <p class="fix">{`Fix: ${d.fix}`}</p> : null}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {plan ? (
          <section aria-labelledby="changes">
            <h2 id="changes">{changes.length ? summaryLine(plan.summary) : `No changes. Tenant ${plan.tenant.id} matches ${plan.blueprint.file}.`}</h2>
            {changes.map((ch) => (
              <article class={`change change-${ch.action}`} aria-label={`${ch.address}: ${ch.action}`}>
                <pre>{changeLines(ch).join("\n")}</pre>
              </article>
            ))}
          </section>
        ) : null}
        {plan ? (
          <section aria-labelledby="manual">
            <h2 id="manual">Manual steps</h2>
            {plan.manualSteps.length ? (
              <ul>
                {plan.manualSteps.map((s) => (
                  <li>
                    <strong>{s.title}</strong>
                    {`: ${s.description} `}
                    <code>{s.file}</code>
                  </li>
                ))}
              </ul>
            ) : (
              <Empty>None: everything in the blueprint goes through Graph.</Empty>
            )}
          </section>
        ) : null}
      </Layout>,
    );
  });
  return app;
}

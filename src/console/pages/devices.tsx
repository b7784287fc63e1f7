/**
 * `/devices`: every device, filtered (state, client, serial), sorted and paged on the server — one paged
 * query and a count, so 10,000 devices cost what 50 do. Links carry the query, so the page works without
 * JavaScript; with htmx, the filter form and the links swap only the results (`HX-Request` → the fragment).
 */
import { Hono } from "hono";
import { DEVICE_STATES, isOverdue, type DeviceState } from "../../fleet/loan-state.ts";
import { DEVICE_SORTS, type DeviceListItem, type DeviceQuery, type DeviceSort } from "../../fleet/store/port.ts";
import type { ConsoleDeps, ConsoleEnv } from "../deps.ts";
import { FilterProblems, StateBadge } from "../views/components.tsx";
import { day, minute } from "../views/format.ts";
import { Layout } from "../views/layout.tsx";

export const PAGE_SIZE = 50;
const RESULTS_ID = "device-results";
const FORM_ID = "device-filters";

export interface DeviceListParams {
  state?: DeviceState;
  client?: string;
  /** Serial text (a prefix). */
  q?: string;
  sort: DeviceSort;
  descending: boolean;
  /** 1-based. */
  page: number;
}

/** The page's query parameters, checked: a value that is not one of the choices is dropped and said. */
export function parseDeviceListParams(get: (name: string) => string | undefined, clientIds: readonly string[]): { params: DeviceListParams; problems: string[] } {
  const problems: string[] = [];
  const state = get("state") || undefined;
  const client = get("client") || undefined;
  const sort = get("sort") || "serial";
  const page = get("page") ? Number(get("page")) : 1;
  const params: DeviceListParams = { sort: "serial", descending: get("dir") === "desc", page: 1 };
  if (state !== undefined) {
    if ((DEVICE_STATES as readonly string[]).includes(state)) params.state = state as DeviceState;
    else problems.push(`state "${state}" is not one of ${DEVICE_STATES.join(", ")}; showing every state`);
  }
  if (client !== undefined) {
    if (clientIds.includes(client)) params.client = client;
    else problems.push(`client "${client}" is not in the blueprint; showing every client`);
  }
  if ((DEVICE_SORTS as readonly string[]).includes(sort)) params.sort = sort as DeviceSort;
  else problems.push(`sort "${sort}" is not one of ${DEVICE_SORTS.join(", ")}; sorted by serial`);
  if (Number.isInteger(page) && page >= 1) params.page = page;
  else problems.push(`page "${get("page")}" is not a page number; showing the first page`);
  const q = get("q")?.trim();
  if (q) params.q = q;
  return { params, problems };
}

export function toDeviceQuery(p: DeviceListParams): DeviceQuery {
  return { state: p.state, clientId: p.client, serialPrefix: p.q, sort: p.sort, descending: p.descending, limit: PAGE_SIZE, offset: (p.page - 1) * PAGE_SIZE };
}

/** `/devices?…` for these parameters with some changed (defaults left out, so links stay short). */
export function deviceListHref(p: DeviceListParams, change: Partial<DeviceListParams> = {}): string {
  const next = { ...p, ...change };
  const search = new URLSearchParams();
  if (next.state) search.set("state", next.state);
  if (next.client) search.set("client", next.client);
  if (next.q) search.set("q", next.q);
  if (next.sort !== "serial") search.set("sort", next.sort);
  if (next.descending) search.set("dir", "desc");
  if (next.page > 1) search.set("page", String(next.page));
  const text = search.toString();
  return text ? `/devices?${text}` : "/devices";
}

const COLUMNS: { sort: DeviceSort; label: string }[] = [
  { sort: "serial", label: "Serial" },
  { sort: "state", label: "State" },
  { sort: "client", label: "Client" },
  { sort: "model", label: "Model" },
  { sort: "updated", label: "Last change" },
];

function SortHeader(props: { params: DeviceListParams; sort: DeviceSort; label: string }) {
  const active = props.params.sort === props.sort;
  const descending = active && !props.params.descending;
  return (
    <th scope="col" aria-sort={active ? (props.params.descending ? "descending" : "ascending") : "none"}>
      <a href={deviceListHref(props.params, { sort: props.sort, descending, page: 1 })}>
        {props.label}
        {active ? <span aria-hidden="true">{props.params.descending ? " ▼" : " ▲"}</span> : null}
        <span class="visually-hidden">{`, sort ${descending ? "descending" : "ascending"}`}</span>
      </a>
    </th>
  );
}

export function DeviceResults(props: { params: DeviceListParams; devices: DeviceListItem[]; total: number; clientName: (id: string) => string; now: Date }) {
  const { params, total } = props;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const first = total === 0 ? 0 : (params.page - 1) * PAGE_SIZE + 1;
  const last = Math.min(total, params.page * PAGE_SIZE);
  return (
    <div id={RESULTS_ID} hx-boost="true" hx-target={`#${RESULTS_ID}`} hx-swap="outerHTML" hx-push-url="true">
      {/* The order belongs to the filter form (form="…") but lives here, so a swapped-in order is the one the form sends next. */}
      {params.sort !== "serial" ? <input type="hidden" name="sort" value={params.sort} form={FORM_ID} /> : null}
      {params.descending ? <input type="hidden" name="dir" value="desc" form={FORM_ID} /> : null}
      <table class="devices">
        <caption>{total === 0 ? "No device matches" : `Devices ${first.toLocaleString("en-US")}–${last.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} (page ${params.page} of ${pages})`}</caption>
        <thead>
          <tr>
            {COLUMNS.map((col) => (
              <SortHeader params={params} sort={col.sort} label={col.label} />
            ))}
            <th scope="col">Due back</th>
          </tr>
        </thead>
        <tbody>
          {props.devices.map((d) => {
            const late = d.openLoan !== null && isOverdue(d.openLoan.expectedReturn, props.now);
            return (
              <tr class={late || d.state === "overdue" ? "alarm" : undefined} data-serial={d.serial}>
                <th scope="row">
                  <a href={`/devices/${encodeURIComponent(d.serial)}`} hx-boost="false">
                    {d.serial}
                  </a>
                </th>
                <td>
                  <StateBadge state={d.state} />
                </td>
                <td>{d.openLoan ? <a href={`/clients/${encodeURIComponent(d.openLoan.clientId)}`} hx-boost="false">{props.clientName(d.openLoan.clientId)}</a> : ""}</td>
                <td>{d.model ?? ""}</td>
                <td>{minute(d.updatedAt)}</td>
                <td>{d.openLoan ? `${day(d.openLoan.expectedReturn)}${late ? " (overdue)" : ""}` : ""}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <nav class="pager" aria-label="Pages of devices">
        {params.page > 1 ? <a href={deviceListHref(params, { page: 1 })}>« First</a> : null}
        {params.page > 1 ? (
          <a href={deviceListHref(params, { page: params.page - 1 })} rel="prev">
            ‹ Previous
          </a>
        ) : null}
        <span aria-current="page">{`Page ${params.page} of ${pages}`}</span>
        {params.page < pages ? (
          <a href={deviceListHref(params, { page: params.page + 1 })} rel="next">
            Next ›
          </a>
        ) : null}
        {params.page < pages ? <a href={deviceListHref(params, { page: pages })}>Last »</a> : null}
      </nav>
    </div>
  );
}

export function devicesPage(deps: ConsoleDeps): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  app.get("/devices", async (c) => {
    const clients = deps.blueprint.clients;
    const { params, problems } = parseDeviceListParams((n) => c.req.query(n), clients.map((cl) => cl.id));
    const { devices, total } = await deps.store.devices.listWithLoans(toDeviceQuery(params));
    const names = new Map(clients.map((cl) => [cl.id, cl.displayName]));
    const results = <DeviceResults params={params} devices={devices} total={total} clientName={(id) => names.get(id) ?? id} now={deps.now()} />;
    c.header("Vary", "HX-Request, HX-Target");
    // htmx asks for the results only (the filter form and the pager's links target them).
    if (c.req.header("HX-Request") === "true" && c.req.header("HX-Target") === RESULTS_ID && !c.req.header("HX-History-Restore-Request")) return c.html(results);
    return c.html(
      <Layout title="Devices" current="/devices" viewer={c.get("viewer")} csrfToken={c.get("csrfToken")}>
        <form id={FORM_ID} method="get" action="/devices" class="filters" role="search" aria-label="Filter devices" hx-get="/devices" hx-target={`#${RESULTS_ID}`} hx-swap="outerHTML" hx-push-url="true">
          <p>
            <label for="filter-q">Serial starts with</label>
            <input type="search" id="filter-q" name="q" value={params.q ?? ""} autocomplete="off" />
          </p>
          <p>
            <label for="filter-state">State</label>
            <select id="filter-state" name="state">
              <option value="">any state</option>
              {DEVICE_STATES.map((s) => (
                <option value={s} selected={params.state === s}>
                  {s}
                </option>
              ))}
            </select>
          </p>
          <p>
            <label for="filter-client">Client (open loan)</label>
            <select id="filter-client" name="client">
              <option value="">any client</option>
              {clients.map((cl) => (
                <option value={cl.id} selected={params.client === cl.id}>
                  {cl.displayName}
                </option>
              ))}
            </select>
          </p>
          <button type="submit">Filter</button>
          <a href="/devices">Clear</a>
        </form>
        <FilterProblems problems={problems} />
        {results}
      </Layout>,
    );
  });
  return app;
}

/**
 * What every console action shares: the operator check, reading the form (query on GET, body on POST),
 * the confirmation form, the one-time passwords view, and turning the operations' user errors into a page
 * with code, message and fix (409 when the device moved on or another operator was first, else 422).
 * Nothing here decides anything about loans: the operations layer does.
 */
import type { Context } from "hono";
import type { Child } from "hono/jsx";
import { UserError, type Diagnostic } from "../../diag/diagnostic.ts";
import { GraphRequestError } from "../../graph/errors.ts";
import { storeUserError } from "../../operations/fleet-context.ts";
import type { RotatedPassword } from "../../operations/passwords-rotate.ts";
import { hasRole, type ConsoleEnv } from "../deps.ts";
import { Layout } from "../views/layout.tsx";
import { ProblemPage } from "../views/problem.tsx";

export type ActionContext = Context<ConsoleEnv>;
/** What `c.html()` gives back (a promise when a component is async). */
export type Rendered = Response | Promise<Response>;

/** A 403 page for a viewer who may not act, or null for an operator (or admin). */
function refuseUnlessOperator(c: ActionContext): Rendered | null {
  const viewer = c.get("viewer");
  if (hasRole(viewer, "operator")) return null;
  return c.html(
    <ProblemPage title="Not allowed" message={`Signed in as ${viewer.name} (${viewer.role}): this change needs the operator role. Nothing was changed.`} viewer={viewer} csrfToken={c.get("csrfToken")} back={{ href: "/", label: "Back to the overview" }} />,
    403,
  );
}

/** The action's fields: the query string on GET (the confirmation), the form body on POST. */
async function actionFields(c: ActionContext): Promise<Record<string, string>> {
  const raw: Record<string, unknown> = c.req.method === "POST" ? await c.req.parseBody() : c.req.query();
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) if (typeof v === "string" && k !== "_csrf") out[k] = v.trim();
  return out;
}

/**
 * A route handler for a change: viewers get the 403 page, the handler gets the action's fields, and what it
 * throws (the operations' user errors, a store conflict, a bad field) becomes the failure page for `what`.
 */
export function operatorRoute(what: string, handle: (c: ActionContext, fields: Record<string, string>) => Rendered | Promise<Rendered>) {
  return async (c: ActionContext): Promise<Response> => {
    const refused = refuseUnlessOperator(c);
    if (refused) return refused;
    try {
      return await handle(c, await actionFields(c));
    } catch (err) {
      return failurePage(c, err, what);
    }
  };
}

/** A field problem as the operations would report it: a 422 page, nothing changed. */
export function invalidField(message: string): UserError {
  return new UserError("", [{ severity: "error", code: "HF8201", message, fix: "Correct the form and submit it again." }]);
}

export function requireField(fields: Record<string, string>, name: string, label: string): string {
  const value = fields[name];
  if (!value) throw invalidField(`${label} (${name}) is required`);
  if (value.length > 256) throw invalidField(`${label} (${name}) is too long`);
  return value;
}

/** `until`: absent, or a calendar date YYYY-MM-DD. */
export function optionalDate(fields: Record<string, string>, name: string): string | undefined {
  const value = fields[name];
  if (!value) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) throw invalidField(`${name} must be a date written YYYY-MM-DD (got ${value.slice(0, 40)})`);
  return value;
}

// Another operator was first, or the device is not where this action needs it: the page is stale.
const CONFLICT_CODES = new Set(["HF8106", "HF8107"]);

/** A page for an operation's failure that the user can act on; other errors go on to the app's 500 page. */
function failurePage(c: ActionContext, err: unknown, what: string): Rendered {
  const userError = err instanceof UserError ? err : storeUserError(err);
  const viewer = c.get("viewer");
  const csrfToken = c.get("csrfToken");
  if (userError) {
    const diagnostics: Diagnostic[] = userError.diagnostics.length ? userError.diagnostics : [{ severity: "error", code: "HF8201", message: userError.message }];
    const status = diagnostics.some((d) => CONFLICT_CODES.has(d.code)) ? 409 : 422;
    const message = userError.message ? `${what} did not happen: ${userError.message}` : `${what} did not happen.`;
    return c.html(<ProblemPage title="Not done" message={message} diagnostics={diagnostics} viewer={viewer} csrfToken={csrfToken} back={{ href: "/devices", label: "Back to the devices" }} />, status);
  }
  if (err instanceof GraphRequestError) {
    // The tenant refused or failed; its message is already redacted (no token, no secret query values).
    const diagnostic: Diagnostic = {
      severity: "error",
      code: "HF8202",
      message: `Microsoft Graph answered ${err.status || "nothing"}${err.code ? ` ${err.code}` : ""} to ${err.request.method} ${err.request.url}: ${err.message}`,
      fix: err.status === 403 ? "Give holofleet's app the permission docs/permissions.md lists for this call." : "Try again; the operations are safe to repeat.",
    };
    return c.html(<ProblemPage title="The tenant refused" message={`${what} stopped at the tenant.`} diagnostics={[diagnostic]} viewer={viewer} csrfToken={csrfToken} />, 502);
  }
  throw err;
}

/** The one-time passwords of this response; the page is never cached (security headers: no-store). */
export function OneTimePasswords(props: { rotated: readonly RotatedPassword[] }) {
  if (props.rotated.length === 0) return <p>No password was rotated (the password policy does not ask for it now).</p>;
  return (
    <section class="one-time-passwords" aria-labelledby="otp-heading">
      <h2 id="otp-heading">New passwords — shown once</h2>
      <p>Copy them now into your password manager: holofleet does not keep them and cannot show them again.</p>
      <table>
        <thead>
          <tr>
            <th scope="col">Account</th>
            <th scope="col">New password</th>
          </tr>
        </thead>
        <tbody>
          {props.rotated.map((r) => (
            <tr>
              <td>{r.upn}</td>
              <td>
                <code class="password">{r.password}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export interface ConfirmProps {
  c: ActionContext;
  title: string;
  action: string;
  /** The hidden fields the POST repeats. */
  fields: Record<string, string>;
  button: string;
  children?: Child;
}

/** The confirmation page: what will happen, then one POST button carrying the CSRF token. */
export function ConfirmPage(props: ConfirmProps) {
  const viewer = props.c.get("viewer");
  return (
    <Layout title={props.title} viewer={viewer} csrfToken={props.c.get("csrfToken")}>
      {props.children}
      <form method="post" action={props.action} class="confirm">
        <input type="hidden" name="_csrf" value={props.c.get("csrfToken")} />
        {Object.entries(props.fields).map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
        <button type="submit">{props.button}</button> <a href="/devices">Cancel</a>
      </form>
    </Layout>
  );
}

export function ResultPage(props: { c: ActionContext; title: string; children?: Child }) {
  return (
    <Layout title={props.title} viewer={props.c.get("viewer")} csrfToken={props.c.get("csrfToken")}>
      {props.children}
    </Layout>
  );
}

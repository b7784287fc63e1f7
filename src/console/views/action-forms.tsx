/**
 * The forms that start a change, shown to operators only. A loan or password form asks for the
 * confirmation page (a GET, which changes nothing); only that page's button posts, with the session's CSRF
 * token. Running an audit changes nothing in the tenant, so its button posts at once.
 */
import type { Child } from "hono/jsx";
import type { ConsoleLoanAction } from "../../operations/device-detail.ts";

export interface ClientChoice {
  id: string;
  displayName: string;
}

function Csrf(props: { token: string }) {
  return <input type="hidden" name="_csrf" value={props.token} />;
}

const LOAN_FORM: Record<ConsoleLoanAction, { action: string; title: string; button: string }> = {
  prepare: { action: "/loans/prepare", title: "Prepare for a client", button: "Prepare…" },
  ship: { action: "/loans/ship", title: "Ship to a client", button: "Ship…" },
  return: { action: "/loans/return", title: "Receive back", button: "Return…" },
};

/** A loan form for one device; prepare and ship ask for the client and an optional return date. */
export function LoanForm(props: { kind: ConsoleLoanAction; serial: string; clients: readonly ClientChoice[]; defaultClient?: string | null }): Child {
  const spec = LOAN_FORM[props.kind];
  const id = (field: string) => `${props.kind}-${field}`;
  return (
    <form method="get" action={spec.action} class={`action action-${props.kind}`} aria-labelledby={id("title")}>
      <h3 id={id("title")}>{spec.title}</h3>
      <input type="hidden" name="serial" value={props.serial} />
      {props.kind === "return" ? (
        <p>Closes the loan, rotates the client's passwords if the policy asks, and resets the device as the blueprint says.</p>
      ) : (
        <>
          <p>
            <label for={id("client")}>Client</label>
            <select id={id("client")} name="client" required>
              {props.clients.map((c) => (
                <option value={c.id} selected={c.id === props.defaultClient}>
                  {`${c.displayName} (${c.id})`}
                </option>
              ))}
            </select>
          </p>
          <p>
            <label for={id("until")}>Expected back (optional; default: the client's loan length)</label>
            <input type="date" id={id("until")} name="until" pattern="\d{4}-\d{2}-\d{2}" />
          </p>
        </>
      )}
      <button type="submit">{spec.button}</button>
    </form>
  );
}

export function RotatePasswordForm(props: { upn: string }): Child {
  return (
    <form method="get" action="/passwords/rotate" class="action action-inline">
      <input type="hidden" name="upn" value={props.upn} />
      <button type="submit" aria-label={`Rotate the password of ${props.upn}`}>
        Rotate password…
      </button>
    </form>
  );
}

export function RunAuditForm(props: { csrfToken: string }): Child {
  return (
    <form method="post" action="/audit/run" class="action action-inline">
      <Csrf token={props.csrfToken} />
      <button type="submit">Run an audit now</button>
    </form>
  );
}

/**
 * The HTML of the local tenant's sign-in page and of its error page: plain server-rendered forms,
 * no script and no inline style, so the strict Content-Security-Policy sent with them allows nothing
 * but posting the form back (and following the redirect to the app's registered redirect URI).
 */

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

function page(title: string, main: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="no-referrer"><title>${escapeHtml(title)}</title></head>
<body>
<main>
${main}
</main>
</body>
</html>
`;
}

export interface SignInForm {
  /** Where the form posts (the authorize endpoint). */
  action: string;
  flowToken: string;
  appName: string;
  tenantName: string;
  username: string;
  /** A generic message after a failed attempt (never says which part was wrong). */
  error?: string;
}

export function signInPage(form: SignInForm): string {
  const error = form.error ? `<p role="alert" id="error">${escapeHtml(form.error)}</p>\n` : "";
  const describedBy = form.error ? ` aria-describedby="error"` : "";
  return page(
    `Sign in to ${form.tenantName}`,
    `<h1>Sign in</h1>
<p>to continue to ${escapeHtml(form.appName)} (${escapeHtml(form.tenantName)})</p>
${error}<form method="post" action="${escapeHtml(form.action)}">
<input type="hidden" name="flowToken" value="${escapeHtml(form.flowToken)}">
<p><label for="username">Email or username</label><br>
<input id="username" name="username" type="email" autocomplete="username" required value="${escapeHtml(form.username)}"${describedBy}></p>
<p><label for="password">Password</label><br>
<input id="password" name="password" type="password" autocomplete="current-password" required${describedBy}></p>
<p><button type="submit">Sign in</button></p>
</form>`,
  );
}

/** An error Entra shows on its own page instead of redirecting (unknown app, unregistered redirect URI). */
export function errorPage(code: number, message: string, correlationId: string, timestamp: string): string {
  return page(
    "Sign in: error",
    `<h1>Sorry, but we're having trouble signing you in.</h1>
<p>AADSTS${code}: ${escapeHtml(message)}</p>
<dl>
<dt>Correlation ID</dt><dd>${escapeHtml(correlationId)}</dd>
<dt>Timestamp</dt><dd>${escapeHtml(timestamp)}</dd>
</dl>`,
  );
}

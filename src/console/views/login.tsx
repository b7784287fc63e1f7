/**
 * The sign-in page: a form with labelled `username` and `password` fields that posts to /login with the
 * pre-session CSRF token, the page to return to, one generic error when sign-in failed (never which of
 * name or password was wrong), and the Entra ID sign-in link when the blueprint configures it.
 */
import { Layout } from "./layout.tsx";

export interface LoginPageProps {
  csrfToken: string;
  next: string;
  error?: string;
  username?: string;
  entra: boolean;
}

export function LoginPage(props: LoginPageProps) {
  return (
    <Layout title="Sign in" viewer={null}>
      {props.error ? (
        <p class="error" role="alert" id="login-error">
          {props.error}
        </p>
      ) : null}
      <form method="post" action="/login" class="login">
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <input type="hidden" name="next" value={props.next} />
        <p>
          <label for="username">User name</label>
          <input id="username" name="username" type="text" autocomplete="username" required autofocus value={props.username ?? ""} aria-describedby={props.error ? "login-error" : undefined} />
        </p>
        <p>
          <label for="password">Password</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required />
        </p>
        <p>
          <button type="submit">Sign in</button>
        </p>
      </form>
      {props.entra ? (
        <p class="entra-sign-in">
          <a href={`/login/entra${props.next !== "/" ? `?next=${encodeURIComponent(props.next)}` : ""}`}>Sign in with Microsoft Entra ID</a>
        </p>
      ) : null}
    </Layout>
  );
}

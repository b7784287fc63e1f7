/**
 * The page frame every console page renders into: the skip link, the navigation (the current page marked
 * with aria-current), who is signed in and the sign-out form. Styles and scripts are files the console
 * serves itself under /assets/ (no CDN); nothing inline, so the Content-Security-Policy stays strict.
 */
import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import type { ConsoleViewer } from "../deps.ts";

export const NAV = [
  { href: "/", label: "Overview" },
  { href: "/devices", label: "Devices" },
  { href: "/clients", label: "Clients" },
  { href: "/loans", label: "Loans" },
  { href: "/findings", label: "Findings" },
  { href: "/plan", label: "Plan" },
] as const;

export interface LayoutProps {
  title: string;
  /** The nav entry to mark as current (its href). */
  current?: string;
  /** Null on pages shown before sign-in. */
  viewer: ConsoleViewer | null;
  csrfToken?: string;
  children?: Child;
}

export function Layout(props: LayoutProps) {
  // The doctype keeps browsers out of quirks mode; JSX has no syntax for it.
  return (
    <>
      {raw("<!doctype html>")}
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          {/* htmx 2 would inject its indicator <style>, which the CSP (style-src 'self') refuses. */}
          <meta name="htmx-config" content='{"includeIndicatorStyles":false}' />
          <title>{`${props.title} · holofleet`}</title>
          {/* No icon: without this the browser asks for /favicon.ico, which is behind the sign-in. */}
          <link rel="icon" href="data:," />
          <link rel="stylesheet" href="/assets/chartist.min.css" />
          <link rel="stylesheet" href="/assets/console.css" />
          {/* Deferred scripts run in order: the chart library before console.js draws with it. */}
          <script src="/assets/htmx.min.js" defer></script>
          <script src="/assets/chartist.min.js" defer></script>
          <script src="/assets/console.js" defer></script>
        </head>
        <body>
          <a class="skip-link" href="#main">Skip to content</a>
          <header class="top">
            <span class="brand">holofleet</span>
            {props.viewer ? (
              <nav aria-label="Main">
                <ul>
                  {NAV.map((n) => (
                    <li>
                      <a href={n.href} aria-current={props.current === n.href ? "page" : undefined}>
                        {n.label}
                      </a>
                    </li>
                  ))}
                </ul>
              </nav>
            ) : null}
            {props.viewer ? (
              <form method="post" action="/logout" class="signed-in">
                <span>
                  {props.viewer.name} ({props.viewer.role})
                </span>
                <input type="hidden" name="_csrf" value={props.csrfToken ?? ""} />
                <button type="submit">Sign out</button>
              </form>
            ) : null}
          </header>
          <main id="main" tabindex={-1}>
            <h1>{props.title}</h1>
            {props.children}
          </main>
        </body>
      </html>
    </>
  );
}

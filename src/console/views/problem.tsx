/**
 * The page shown when the console refuses or cannot do something: what happened in one sentence and, for
 * the operations' user errors, each diagnostic with its code, message and fix. Never a stack trace.
 */
import type { Diagnostic } from "../../diag/diagnostic.ts";
import type { ConsoleViewer } from "../deps.ts";
import { Layout } from "./layout.tsx";

export interface ProblemPageProps {
  title: string;
  message: string;
  diagnostics?: readonly Diagnostic[];
  viewer: ConsoleViewer | null;
  csrfToken?: string;
  /** Where to go from here. */
  back?: { href: string; label: string };
}

export function ProblemPage(props: ProblemPageProps) {
  return (
    <Layout title={props.title} viewer={props.viewer} csrfToken={props.csrfToken}>
      <p role="alert">{props.message}</p>
      {props.diagnostics && props.diagnostics.length > 0 ? (
        <ul class="diagnostics">
          {props.diagnostics.map((d) => (
            <li class={`diagnostic ${d.severity}`}>
              <code>{d.code}</code> {d.message}
              {d.fix ? <p class="fix">{d.fix}</p> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {props.back ? (
        <p>
          <a href={props.back.href}>{props.back.label}</a>
        </p>
      ) : null}
    </Layout>
  );
}

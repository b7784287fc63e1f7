/**
 * Test-only: HTTP/1.1 written by hand over a TLS connection to a test tenant, for what a client
 * library would not do — headers without the body they announce, a body trickled or cut off, many
 * connections at once.
 */
import { connect, type TLSSocket } from "node:tls";
import type { TestTenant } from "./testing.ts";

export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** A TLS connection to the tenant on which the test writes HTTP by hand. */
export function openRaw(t: TestTenant): Promise<TLSSocket> {
  const { port } = new URL(t.baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: "127.0.0.1", port: Number(port), ca: t.caPem, servername: "localhost" }, () => resolve(socket));
    socket.once("error", reject);
  });
}

/** Reads the first complete answer (headers and a Content-Length body) from a raw socket. */
export function readAnswer(socket: TLSSocket, timeoutMs = 10_000): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    let text = "";
    const timer = setTimeout(() => finish(new Error(`no answer within ${timeoutMs} ms; got ${JSON.stringify(text.slice(0, 200))}`)), timeoutMs);
    const finish = (err?: Error, answer?: RawAnswer) => {
      clearTimeout(timer);
      socket.off("data", onData);
      socket.off("close", onClose);
      if (err) reject(err);
      else resolve(answer!);
    };
    const onData = (chunk: Buffer) => {
      text += chunk.toString("latin1");
      // Skip interim answers (100 Continue).
      while (/^HTTP\/1\.1 1\d\d [^\r]*\r\n\r\n/.test(text)) text = text.slice(text.indexOf("\r\n\r\n") + 4);
      const end = text.indexOf("\r\n\r\n");
      if (end < 0) return;
      const [statusLine, ...lines] = text.slice(0, end).split("\r\n");
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(":")).toLowerCase(), l.slice(l.indexOf(":") + 1).trim()]));
      const length = Number(headers["content-length"] ?? 0);
      if (text.length - end - 4 < length) return;
      finish(undefined, { status: Number(statusLine!.split(" ")[1]), headers, body: text.slice(end + 4, end + 4 + length) });
    };
    const onClose = () => finish(new Error(`connection closed before an answer; got ${JSON.stringify(text.slice(0, 200))}`));
    socket.on("data", onData);
    socket.once("close", onClose);
  });
}

export function head(method: string, path: string, headers: Record<string, string | number>): string {
  return `${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join("")}\r\n`;
}

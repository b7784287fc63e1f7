/**
 * Where to go after signing in: only a path on this site. Anything that a browser could read as another
 * origin (`//evil.example`, `/\evil.example`, `https://…`, control characters) becomes `/`, so the
 * sign-in page cannot be used as an open redirect.
 */
export function safeNext(next: string | undefined | null): string {
  if (!next || next.length > 2000) return "/";
  if (!next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  // Browsers drop tabs and newlines inside URLs and treat `\` as `/`: refuse them rather than guess.
  if (/[\u0000-\u001f\u007f\\]/.test(next)) return "/";
  try {
    const url = new URL(next, "http://console.invalid");
    if (url.origin !== "http://console.invalid") return "/";
    return `${url.pathname}${url.search}`;
  } catch {
    return "/";
  }
}

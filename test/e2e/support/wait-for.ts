/**
 * Test-only: polls an asynchronous tenant process (group licensing, dynamic membership) until `done`
 * holds, with a deadline, and returns the last answer so the caller's assertions show what it saw.
 */
export async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, intervalMs));
    value = await read();
  }
  return value;
}

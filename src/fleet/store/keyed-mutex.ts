/**
 * One-at-a-time per key, within this process. SQLite store instances on the same file take it around
 * each write transaction: better-sqlite3 waits for a busy lock synchronously, so a second connection in
 * the same process would block the very event loop the first one needs to commit. Other processes are
 * kept out by SQLite's own lock (BEGIN IMMEDIATE + busy timeout).
 */
export class KeyedMutex {
  readonly #tails = new Map<string, Promise<void>>();

  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const done = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => done);
    this.#tails.set(key, tail);
    await previous;
    try {
      return await fn();
    } finally {
      release();
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    }
  }
}

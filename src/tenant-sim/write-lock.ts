/**
 * Serialises write handlers. Handlers may be async, so a SQLite transaction alone cannot keep two
 * read-modify-write requests apart; one write at a time (reads are not blocked) means no lost updates.
 */

export interface WriteLock {
  run<T>(fn: () => Promise<T> | T): Promise<T>;
}

export function createWriteLock(): WriteLock {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run<T>(fn: () => Promise<T> | T): Promise<T> {
      const result = tail.then(fn, fn);
      tail = result.catch(() => undefined);
      return result;
    },
  };
}

// LanceDB commits each write as a new table version and fails a delete or an index rebuild that
// races another writer on the same table. Hearth writes a table from one process, so a queue per
// table in that process removes the conflicts: writes to one table run one after another, writes
// to different tables and all reads run freely.

export type KeyedQueue = <T>(key: string, task: () => Promise<T>) => Promise<T>;

/** Runs tasks with the same key one at a time, in call order; a failed task does not stop the next. */
export function createKeyedQueue(): KeyedQueue {
  const tails = new Map<string, Promise<void>>();
  return <T>(key: string, task: () => Promise<T>): Promise<T> => {
    const result = (tails.get(key) ?? Promise.resolve()).then(task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return result;
  };
}

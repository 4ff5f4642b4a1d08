// A few at a time, in order: drafting parses each file in its own process (a second or two of CPU
// each), so files are parsed side by side, but only a few at once on a small machine. The results
// keep the files' order. On a failure no further item starts, and the items already running are
// waited for before the error is thrown: the caller removes the staged files afterwards, and must
// not pull them from under a parse still reading one.

/**
 * `step` over `items` with at most `limit` running at once; the results in the items' order. A
 * failure throws the error of the first failing item in the items' order (every earlier item has
 * started and settled by then), as running them one after another would.
 */
export async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  step: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  const failures: { index: number; error: unknown }[] = [];
  let next = 0;
  const runner = async () => {
    while (next < items.length && failures.length === 0) {
      const index = next++;
      try {
        results[index] = await step(items[index]!, index);
      } catch (error) {
        failures.push({ index, error });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, runner));
  if (failures.length > 0) {
    throw failures.reduce((first, failure) => (failure.index < first.index ? failure : first)).error;
  }
  return results;
}

// mapBounded: results in the items' order whatever order they finish in, never more than the limit
// running at once, and on a failure nothing new starts, nothing is left running, and the error is
// the first failing item's, as one-after-another would give.
import { describe, expect, test } from "vitest";
import { rejectionOf } from "../../test/rejection";
import { mapBounded } from "./map-bounded";

/** Steps that finish when the test says, recording what runs. */
function controlledSteps() {
  const running = new Set<number>();
  const started: number[] = [];
  const settled: number[] = [];
  let most = 0;
  const waiting = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  const step = async (item: string, index: number) => {
    running.add(index);
    started.push(index);
    most = Math.max(most, running.size);
    try {
      await new Promise<void>((resolve, reject) => waiting.set(index, { resolve, reject }));
      return item.toUpperCase();
    } finally {
      running.delete(index);
      settled.push(index);
    }
  };
  /** Lets the macrotask queue drain, so every step that can start has started. */
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  const finish = async (index: number, error?: Error) => {
    await settle();
    const handle = waiting.get(index)!;
    if (error) handle.reject(error);
    else handle.resolve();
    await settle();
  };
  return { step, finish, started, settled, running, most: () => most };
}

describe("mapBounded", () => {
  test("results keep the items' order when later items finish first; at most `limit` at once", async () => {
    const steps = controlledSteps();
    const result = mapBounded(["a", "b", "c", "d"], 2, steps.step);
    await steps.finish(1);
    await steps.finish(2);
    await steps.finish(3);
    expect(steps.started).toEqual([0, 1, 2, 3]);
    await steps.finish(0);
    expect(await result).toEqual(["A", "B", "C", "D"]);
    expect(steps.most()).toBe(2);
  });

  test("a failure starts nothing new and waits for the running items before it throws", async () => {
    const steps = controlledSteps();
    const result = rejectionOf<Error>(mapBounded(["a", "b", "c", "d"], 2, steps.step));
    let thrown = false;
    void result.then(() => (thrown = true));
    await steps.finish(1, new Error("b is unreadable"));
    expect(steps.started).toEqual([0, 1]);
    expect(thrown).toBe(false);
    await steps.finish(0);
    expect((await result).message).toBe("b is unreadable");
    expect(steps.started).toEqual([0, 1]);
    expect(steps.running.size).toBe(0);
  });

  test("two failures: the earlier item's error, as one after another would report it", async () => {
    const steps = controlledSteps();
    const result = rejectionOf<Error>(mapBounded(["a", "b"], 2, steps.step));
    await steps.finish(1, new Error("b failed"));
    await steps.finish(0, new Error("a failed"));
    expect((await result).message).toBe("a failed");
  });

  test("no items, no steps", async () => {
    expect(await mapBounded([], 3, () => Promise.reject(new Error("never")))).toEqual([]);
  });
});

// The loads of the peers benchmark, each run against one path at a time (a "slice"):
// - steady: N users in a closed loop (each asks again as soon as its answer ends), their first
//   questions spread over one answer's duration; only streams begun once all N run are timed.
// - plain: the same with whole (not streamed) answers.
// - burst: N streams opened at even intervals within a window (500 within 2 s); every one must
//   get its first token. `hold` is the same with more streams, sampling the gateway's memory.
// - abandon: N clients leave at their first token; afterwards, how many generations the model
//   server is still running (a gateway that cancels upstream leaves none).
import { plainOnce, streamOnce, type Outcome, type Path } from "./paths";
import { treeMemory, type TreeProcess } from "./proc";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface LoadResult {
  /** First-token times (streams) or whole-answer times (not streamed) of the timed requests, ms. */
  times: number[];
  /** Answers completed in the slice, timed or not: CPU per answer divides by this. */
  answers: number;
  errors: number;
  firstError?: string;
  /** Scenario-specific figures (peak memory, generations left running...). */
  extra?: Record<string, number>;
}

function collect(outcomes: Outcome[], timed: (index: number) => boolean): LoadResult {
  const errors = outcomes.filter((outcome) => !outcome.ok);
  return {
    times: outcomes.flatMap((outcome, index) =>
      outcome.ok && outcome.ttftMs !== null && timed(index) ? [outcome.ttftMs] : [],
    ),
    answers: outcomes.length - errors.length,
    errors: errors.length,
    firstError: errors[0]?.error,
  };
}

/** N closed-loop users for `seconds` after a ramp of one answer's duration. */
export async function closedLoop(
  once: () => Promise<Outcome>,
  users: number,
  seconds: number,
  answerMs: number,
): Promise<LoadResult> {
  const measureFrom = performance.now() + answerMs;
  const until = measureFrom + seconds * 1000;
  const outcomes: Outcome[] = [];
  const timed: boolean[] = [];
  await Promise.all(
    Array.from({ length: users }, async (_, user) => {
      await sleep((user * answerMs) / users);
      while (performance.now() < until) {
        const at = performance.now();
        const outcome = await once();
        outcomes.push(outcome);
        timed.push(at >= measureFrom);
      }
    }),
  );
  return collect(outcomes, (index) => timed[index]!);
}

export const steady = (path: Path, users: number, seconds: number, answerMs: number) =>
  closedLoop(() => streamOnce(path), users, seconds, answerMs);

export const plain = (path: Path, users: number, seconds: number, answerMs: number) =>
  closedLoop(() => plainOnce(path), users, seconds, answerMs);

/** `count` streams opened at even intervals within `withinMs`, each read to its end. */
export async function burst(path: Path, count: number, withinMs: number): Promise<LoadResult> {
  const outcomes = await Promise.all(
    Array.from({ length: count }, async (_, index) => {
      await sleep((index * withinMs) / count);
      return streamOnce(path);
    }),
  );
  const result = collect(outcomes, () => true);
  return { ...result, extra: { firstTokens: result.times.length } };
}

/**
 * A burst of `count` streams while the gateway's memory is sampled every 250 ms: the growth is
 * the peak over the tree's PSS just before. Also the most streams open at once, seen by the client.
 */
export async function hold(
  path: Path,
  count: number,
  withinMs: number,
  tree: readonly TreeProcess[] | null,
): Promise<LoadResult> {
  const before = tree ? treeMemory(tree).pssMb : 0;
  let peakMb = before;
  let open = 0;
  let peakOpen = 0;
  let sampling = true;
  const sampler = (async () => {
    while (sampling && tree) {
      peakMb = Math.max(peakMb, treeMemory(tree).pssMb);
      await sleep(250);
    }
  })();
  const outcomes = await Promise.all(
    Array.from({ length: count }, async (_, index) => {
      await sleep((index * withinMs) / count);
      open += 1;
      peakOpen = Math.max(peakOpen, open);
      try {
        return await streamOnce(path);
      } finally {
        open -= 1;
      }
    }),
  );
  sampling = false;
  await sampler;
  const result = collect(outcomes, () => true);
  return {
    ...result,
    extra: {
      firstTokens: result.times.length,
      peakOpen,
      ...(tree ? { growthMb: peakMb - before } : {}),
    },
  };
}

/** `count` clients that leave at their first token; the generations still running `afterMs` later. */
export async function abandon(
  path: Path,
  count: number,
  afterMs: number,
  running: () => Promise<number>,
): Promise<LoadResult> {
  const outcomes = await Promise.all(Array.from({ length: count }, () => streamOnce(path, true)));
  await sleep(afterMs);
  const stillRunning = await running();
  return { ...collect(outcomes, () => true), extra: { stillRunning } };
}

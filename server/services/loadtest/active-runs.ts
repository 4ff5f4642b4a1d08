// The load tests running in this process: their stop switches and completion promises. Runs are
// executed in the background of the server process that started them, one at a time.
export interface ActiveRun {
  controller: AbortController;
  done: Promise<void>;
}

const active = new Map<string, ActiveRun>();

export function trackRun(id: string, run: ActiveRun): void {
  active.set(id, run);
  void run.done.finally(() => active.delete(id));
}

export function activeRun(id: string): ActiveRun | undefined {
  return active.get(id);
}

/** Waits for every run of this process to end (tests, shutdown). */
export async function settleActiveRuns(): Promise<void> {
  await Promise.allSettled([...active.values()].map((run) => run.done));
}

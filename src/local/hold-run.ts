// Holding a run's answer (`Prefer: wait`, see domain/prefer-wait.ts): the create or retrieve of a run is
// answered once the run is shown finished, rather than at once with `in_progress`, so a client sees it end
// the moment it does, with no polls.
import type { ServerResponse } from "node:http";
import type { RunStore } from "./run-store.js";

/**
 * Resolves once run `id` is shown finished (its final form is set and its simulated time has come), or
 * `waitMs` has passed, or the client has gone away (`res` closed), or the server is closing (`signal`),
 * whichever comes first. One timer at a time: until the engine is done, the deadline's; then the run's
 * due time's, when it comes first.
 */
export async function holdUntilShown(
  store: RunStore,
  id: string,
  waitMs: number,
  res: ServerResponse,
  signal: AbortSignal,
): Promise<void> {
  const deadline = Date.now() + waitMs;
  let stopped = false;
  let wake: (() => void) | undefined;
  const stop = () => {
    stopped = true;
    wake?.();
  };
  res.once("close", stop);
  signal.addEventListener("abort", stop, { once: true });
  try {
    for (;;) {
      const run = store.get(id);
      const now = Date.now();
      if (stopped || signal.aborted || run === undefined || now >= deadline) return;
      if (run.final !== undefined && now >= run.readyAt) return;
      const until = run.final === undefined ? deadline : Math.min(run.readyAt, deadline);
      await new Promise<void>((resolve) => {
        let woken = false;
        const timer = setTimeout(() => wakeUp(), Math.max(1, Math.ceil(until - now)));
        const wakeUp = () => {
          if (woken) return;
          woken = true;
          clearTimeout(timer);
          wake = undefined;
          resolve();
        };
        wake = wakeUp;
        if (run.final === undefined) void store.settled(id).then(wakeUp);
      });
    }
  } finally {
    res.off("close", stop);
    signal.removeEventListener("abort", stop);
  }
}

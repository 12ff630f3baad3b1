// Waiting for a moment when this thread has nothing to do: measured with the event loop's utilization, so
// that work which can wait (the embedded server's warm-up) runs while the thread would otherwise wait for
// I/O, not while other work waits for it.
import { performance } from "node:perf_hooks";

/** How often the event loop is looked at. */
export const IDLE_CHECK_MS = 20;
/** The share of a check's time the loop may have been busy and still count as idle. */
export const IDLE_UTILIZATION = 0.1;

/** Options of {@link whenIdle}. */
export interface WhenIdleOptions {
  /** How often to look. Default {@link IDLE_CHECK_MS}. */
  checkMs?: number;
  /**
   * The share of time (0 to 1) the event loop was busy since the last call. Default: from
   * `performance.eventLoopUtilization()`. Tests give their own.
   */
  sampleUtilization?: () => number;
}

/**
 * Calls `then` once the event loop has been idle (mostly waiting for I/O) for `forMs` in a row. Nothing
 * holds the process open for it.
 */
export function whenIdle(forMs: number, then: () => void, options: WhenIdleOptions = {}): void {
  const checkMs = options.checkMs ?? IDLE_CHECK_MS;
  const sample = options.sampleUtilization ?? sampleEventLoopUtilization();
  let idleFor = 0;
  const timer = setInterval(() => {
    idleFor = sample() <= IDLE_UTILIZATION ? idleFor + checkMs : 0;
    if (idleFor < forMs) return;
    clearInterval(timer);
    then();
  }, checkMs);
  timer.unref();
}

/** A sampler of this thread's event loop utilization since its previous call (the first: since now). */
function sampleEventLoopUtilization(): () => number {
  let last = performance.eventLoopUtilization();
  return () => {
    const now = performance.eventLoopUtilization();
    const busy = performance.eventLoopUtilization(now, last).utilization;
    last = now;
    return busy;
  };
}

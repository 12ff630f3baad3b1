import { performance } from "node:perf_hooks";
import type { Plugin } from "vitest/config";
import { startDeferredWarmUp } from "../local/warm-up-trigger.js";

/** How often the main process's event loop is looked at, after vite's first transform. */
export const IDLE_CHECK_MS = 20;
/** How long that loop must have been idle before the warm-up starts. */
export const IDLE_BEFORE_WARM_UP_MS = 100;
/** The share of a check's time the loop may have been busy and still count as idle. */
export const IDLE_UTILIZATION = 0.1;

/**
 * A vite plugin for a run's main process, which starts the embedded local server's deferred warm-up
 * (`startLocalServer({ warmUp: "deferred" })`) at the moment it costs nothing: once vite has transformed
 * a worker's first module (its suite file) and the worker has stopped asking this process for modules,
 * that is once this process's event loop has been idle for {@link IDLE_BEFORE_WARM_UP_MS}. The worker then
 * spends most of a second loading the harness and collecting the suite on its own. Started earlier, the
 * warm-up would hold up the workers' start and the modules they ask for; left to the first create, it
 * holds up the first cell. Changes nothing that vite serves. The same plugin each call: it watches once
 * per process.
 */
export function warmUpOnFirstTransform(): Plugin {
  return WARM_UP_PLUGIN;
}

/** Whether the plugin is waiting for the loop to go idle, and whether it has started a warm-up. */
let waiting = false;
let started = false;

/** One plugin for the process: the warm-up it starts is once per process, and configs built twice compare equal. */
const WARM_UP_PLUGIN: Plugin = {
  name: "maestro-eval:warm-up",
  transform() {
    if (!waiting && !started) {
      waiting = true;
      whenIdle(IDLE_BEFORE_WARM_UP_MS, () => {
        waiting = false;
        // Nothing deferred yet (a module transformed before the global setup ran): the next transform tries again.
        started = startDeferredWarmUp();
      });
    }
    return null;
  },
};

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

/** Calls `then` once the event loop has been idle (mostly waiting for I/O) for `forMs` in a row. */
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

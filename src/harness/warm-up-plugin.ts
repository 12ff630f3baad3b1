import type { Plugin } from "vitest/config";
import { startDeferredWarmUp } from "../local/warm-up-trigger.js";
import { whenIdle } from "./when-idle.js";

/**
 * How long the main process's event loop must have been idle before the warm-up starts: after vite's
 * first transform here, and after the set-up in the global setup.
 */
export const IDLE_BEFORE_WARM_UP_MS = 20;

/**
 * A vite plugin for a run's main process, which starts the embedded local server's deferred warm-up
 * (`startLocalServer({ warmUp: "deferred" })`) once vite has transformed a worker's first module (its
 * suite file) and this process's event loop has then been idle for {@link IDLE_BEFORE_WARM_UP_MS}. The
 * global setup starts it earlier when this process goes idle as its workers start (they load vitest for
 * about 0.25 s before asking it for anything); this plugin covers a process that stays busy until then.
 * Started while the worker asks for modules, the warm-up would hold them up; left to the first create, it
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

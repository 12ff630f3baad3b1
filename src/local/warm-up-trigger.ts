// Starting a local server's deferred warm-up from anywhere in its process: through a process-wide hook, so
// that it works across module instances (vitest loads the global setup, which starts the server, in a
// module graph of its own when the harness runs from its sources). Imports nothing: the harness's vite
// plugin loads it in the main process without loading the server.

const HOOK = Symbol.for("maestro-eval.deferred-warm-up");

type HookHolder = { [HOOK]?: (() => void) | undefined };

/** Sets what {@link startDeferredWarmUp} calls (the last server to defer one wins). */
export function setDeferredWarmUp(start: () => void): void {
  (globalThis as HookHolder)[HOOK] = start;
}

/** Removes `start` if it is still what {@link startDeferredWarmUp} calls. */
export function clearDeferredWarmUp(start: () => void): void {
  const holder = globalThis as HookHolder;
  if (holder[HOOK] === start) holder[HOOK] = undefined;
}

/** Starts the warm-up a local server in this process deferred, if one did (true); otherwise does nothing (false). */
export function startDeferredWarmUp(): boolean {
  const start = (globalThis as HookHolder)[HOOK];
  start?.();
  return start !== undefined;
}

/** Whether a local server in this process deferred a warm-up that nothing has started yet. */
export function isDeferredWarmUpPending(): boolean {
  return (globalThis as HookHolder)[HOOK] !== undefined;
}

// The verifiers for a process that may not need them before its first cell: a suite's worker. Their code
// (the families, their patterns and word lists, about 190 KB) takes about 35 ms to load, which the worker
// spent before its first create when the suite entry imported them. Loaded from here, they load while the
// first run is under way, and whatever needs them synchronously (a matcher) finds them loaded: the cells
// await loadVerifiers() before their assertions. Imports nothing of the verifiers itself.
import type * as Verifiers from "./index.js";
import type { loadParseMemory, saveParseMemory } from "./parse-memory.js";

/** The verifiers' module, and the parse memory that saves a worker compiling their patterns. */
export type VerifiersModule = typeof Verifiers & {
  loadParseMemory: typeof loadParseMemory;
  saveParseMemory: typeof saveParseMemory;
};

let loaded: VerifiersModule | undefined;
let loading: Promise<VerifiersModule> | undefined;

/** The verifiers, loaded at the first call (the same promise after). */
export function loadVerifiers(): Promise<VerifiersModule> {
  loading ??= Promise.all([import("./index.js"), import("./parse-memory.js")]).then(([verifiers, memory]) => {
    loaded = {
      ...verifiers,
      loadParseMemory: memory.loadParseMemory,
      saveParseMemory: memory.saveParseMemory,
    };
    return loaded;
  });
  return loading;
}

/** The verifiers if {@link loadVerifiers} has loaded them; undefined before. */
export function loadedVerifiers(): VerifiersModule | undefined {
  return loaded;
}

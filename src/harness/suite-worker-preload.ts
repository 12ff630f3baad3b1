// Runs first in each process that runs suites, before vitest's own worker code (`node --import`, from
// SUITE_NODE_FLAGS; the built package only). It starts loading what every suite file loads first, the
// package's `maestro-eval/vitest` entry, and Node's fetch implementation (undici: openapi-fetch builds a
// Request and Headers for each call, and Node loads them at the first touch, about 35 ms), without waiting
// for either.
//
// A worker spends much of its start waiting on vitest's main process (its config, then its suite file
// transformed); loaded then, these cost no time on the way to the first cell, where loaded by the suite
// file's import they came after all of it (a 1-cell run from the packed package: 1.36 s to 1.27 s,
// vitest's own one-test run 0.84 s, alternating runs on one machine). The suite file's import then finds
// the module loaded: the same file, so the same module instance (vitest loads an installed package's
// modules through Node, not its transform). A failure here is left to that import, which reports it where
// the user sees it.
//
// It imports nothing statically, so that `--import` costs nothing before vitest starts.

/** This file sits beside the package's entries in dist/bundle/ (scripts/build.mjs). */
const SUITE_ENTRY = new URL("./vitest.js", import.meta.url).href;

setTimeout(() => {
  import(SUITE_ENTRY).then(
    () => void globalThis.Headers,
    () => undefined,
  );
}, 0);

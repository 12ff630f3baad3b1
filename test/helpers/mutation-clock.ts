// For `npm run test:mutation` only.
// - Stryker's instrumented code runs several times slower than the real code, so the few tests that
//   bound a time (a 1 MB text verified within a second) would fail before any mutant is tried. Their
//   clock runs ten times slower here; `npm test` checks the real bounds.
// - The verifiers remember what they build (parsed descriptions, the patterns of keywords, options,
//   markers and date formats). Under Stryker's per-test coverage a test runs against a mutant only if it
//   ran the mutated line itself, so a cache filled by an earlier test would hide how an entry is built
//   from every later one: each test starts with empty caches.
import { beforeEach } from "vitest";
import { clearVerifierCaches } from "../../src/verifiers/index.js";

const real = performance.now.bind(performance);
const origin = real();
performance.now = () => origin + (real() - origin) / 10;

beforeEach(() => {
  clearVerifierCaches();
});

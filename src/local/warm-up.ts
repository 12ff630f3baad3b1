// The local server's warm-up: what its first requests would otherwise compile (the spec's validators, the
// verifiers' regular expressions), compiled once per process, at once or in the background.
import { validateChatRequest, validateRunRequest } from "../constraints/index.js";
import { compilePatternsInTurns, compileSomePatterns } from "../verifiers/compiled-pattern.js";
import { parseRequirement, verify } from "../verifiers/index.js";
import { recalledParseCount } from "../verifiers/parse-memory.js";
import { DEFAULT_RUN_MODEL } from "./model-profiles.js";
import { clearDeferredWarmUp, setDeferredWarmUp } from "./warm-up-trigger.js";

/** One piece of a warm-up; true when it has more to do (it is run again). */
export type WarmUpStep = () => boolean | void;

/** A text for the verifiers to score while warming up. */
const SAMPLE = "Hello. The invoice is due 2026-03-15, total $12.50. Is that fine?";

const verifying = (description: string) => () => void verify(SAMPLE, parseRequirement(description));

/**
 * A piece that compiles patterns, skipped in a process that recalled parses from an earlier run
 * (verifiers/parse-memory.ts): a run again reads its descriptions from them and needs no pattern compiled,
 * and compiling them anyway took CPU from the worker starting beside it (a 1-cell run's worker reached its
 * first cell about 0.35 s later). A description new to the memory compiles them at its first read.
 */
const unlessRecalled =
  (step: WarmUpStep): WarmUpStep =>
  () =>
    recalledParseCount() > 0 ? false : step();

/**
 * How many of the verifiers' patterns one piece of the deferred warm-up compiles (about 10 ms): a worker's
 * request for a module, or its first create, waits for the piece in progress (1-cell runs, alternating
 * by hand: 1.43 s with pieces of 2 against 1.48 s with pieces of 8).
 */
const PATTERNS_PER_STEP = 2;

/**
 * The deferred warm-up, in pieces: the validators, the verifiers' patterns a few at a time, then a few
 * descriptions of the kinds of requirement a run most often has. Each piece compiles once per process
 * (about 0.5 s for all, cold); running one again costs next to nothing. A piece that returns true is run
 * again in the next turn. Language detection is left out: loading franc's data and its
 * patterns is the longest piece (about 0.25 s), and a worker's first request waits for the piece in
 * progress.
 */
const DEFERRED_WARM_UP_STEPS: readonly WarmUpStep[] = [
  () => void validateRunRequest({ input: "warm-up" }),
  unlessRecalled(() => compileSomePatterns(PATTERNS_PER_STEP)),
  () =>
    void validateChatRequest({ model: DEFAULT_RUN_MODEL, messages: [{ role: "user", content: "warm-up" }] }),
  unlessRecalled(verifying("Write at most 3 paragraphs and start with the word Hello")),
  unlessRecalled(
    verifying("Dates must follow YYYY-MM-DD and amounts should be in USD format; do not mention the CEO"),
  ),
  unlessRecalled(verifying("Use a friendly tone, include the keyword invoice and end with a question")),
];

/** The warm-up before listening: all of the deferred one, and language detection. */
const WARM_UP_STEPS: readonly WarmUpStep[] = [...DEFERRED_WARM_UP_STEPS, verifying("Answer in English")];

/**
 * Compiles the verifiers' patterns in pieces of the warm-up's size until all are compiled or `signal`
 * aborts: for a process that recalled parses (so its warm-up compiled none) but whose run will read
 * descriptions they lack, so that the first such read does not compile them all at once.
 */
export function compilePatternsInPieces(signal: AbortSignal): void {
  void compilePatternsInTurns(PATTERNS_PER_STEP, signal);
}

/** The warm-ups this process has run or started: each is run once. */
const started = new WeakSet<readonly WarmUpStep[]>();

/** Runs the whole warm-up now, unless this process has already run or started it. */
export function warmUpNow(steps: readonly WarmUpStep[] = WARM_UP_STEPS): void {
  if (started.has(steps)) return;
  started.add(steps);
  for (const step of steps) while (step() === true);
}

/**
 * Defers the warm-up until `startDeferredWarmUp()` is called, then runs it one piece per macrotask (a
 * `setImmediate` each, so pending I/O comes first), stopping once `signal` aborts (the server closed).
 * `steps` are the warm-up's pieces (tests give their own).
 */
export function deferWarmUp(
  signal: AbortSignal,
  steps: readonly WarmUpStep[] = DEFERRED_WARM_UP_STEPS,
): void {
  const start = () => {
    clearDeferredWarmUp(start);
    if (started.has(steps) || signal.aborted) return;
    started.add(steps);
    let next = 0;
    const step = () => {
      if (signal.aborted || next >= steps.length) return;
      if (steps[next]!() !== true) next++;
      setImmediate(step);
    };
    // Not unref'd: an unref'd immediate waits for the next I/O to wake the loop. The steps end soon anyway.
    setImmediate(step);
  };
  setDeferredWarmUp(start);
  signal.addEventListener("abort", () => clearDeferredWarmUp(start), { once: true });
}

// The verifiers' module-level regular expressions, compiled to machine code on first use.
//
// V8 compiles a regular expression lazily, at its first match. By default (regexp tier-up) it first
// compiles it to bytecode and interprets it, then compiles it again to machine code once it has run: for
// the verifiers' patterns (long alternations of number words, verbs and phrasings, case-insensitive and
// Unicode-aware) the bytecode costs about 4 times the machine code, so a process's first parse took 0.7 s
// and its next ones 0.15 s more, where `--no-regexp-tier-up` takes 0.15 s in all. That flag can only be
// given on node's command line (setting it at run time is unsafe), but V8 also compiles straight to
// machine code when the text matched is long (1,000 characters or more): matching every pattern once
// against such a text compiles them all at the flag's cost, in any process.

/** V8 compiles a regular expression straight to machine code for a subject at least this long. */
const NATIVE_SUBJECT_LENGTH = 1_000;

/**
 * Spaces: no word starts among them, so every pattern gives up at once at each of them (a character that
 * is not a space, a letter or a digit passes the patterns' "after punctuation" lookbehinds, and matching
 * then costs more than compiling).
 */
const NATIVE_SUBJECT = " ".repeat(NATIVE_SUBJECT_LENGTH);

/**
 * Whether V8 compiles each pattern to machine code at its first match anyway (the suites' workers run with
 * the flag): then nothing is compiled ahead, and patterns no description needs are never compiled.
 */
const COMPILED_ON_FIRST_MATCH = globalThis.process?.execArgv?.includes("--no-regexp-tier-up") === true;

const registered: RegExp[] = [];
/** How many of `registered` are compiled; all made later are compiled as they are made. */
let compiledCount = 0;
let compiledAll = COMPILED_ON_FIRST_MATCH;

/**
 * A module-level pattern of the verifiers: `new RegExp(source, flags)` (or the literal given), compiled to
 * machine code with the others by {@link compilePatterns}. Only for patterns made once per process: each
 * one is kept for good.
 */
export function compiledPattern(source: string | RegExp, flags?: string): RegExp {
  const pattern = typeof source === "string" ? new RegExp(source, flags) : source;
  if (COMPILED_ON_FIRST_MATCH) return pattern;
  registered.push(pattern);
  if (compiledAll) compileNext();
  return pattern;
}

/**
 * Compiles every registered pattern to machine code, once per process: about 0.45 s for all of them, where
 * leaving each to its first match costs 0.75 s of bytecode for those one description needs and as much
 * again as they tier up and as other descriptions need the rest.
 */
export function compilePatterns(): void {
  compiledAll = true;
  while (compiledCount < registered.length) compileNext();
}

/**
 * Compiles the next `count` patterns not compiled yet; whether any are left. For a warm-up in pieces, so
 * that a request waits for a piece at most, not for all of them.
 */
export function compileSomePatterns(count: number): boolean {
  for (let done = 0; done < count && compiledCount < registered.length; done++) compileNext();
  if (compiledCount === registered.length) compiledAll = true;
  return !compiledAll;
}

/**
 * Compiles the patterns not compiled yet, `count` per turn of the event loop (a `setImmediate` between
 * pieces, so that the process answers what came meanwhile), until all are or `signal` aborts.
 */
export async function compilePatternsInTurns(count: number, signal?: AbortSignal): Promise<void> {
  while (signal?.aborted !== true && compileSomePatterns(count))
    await new Promise((resolve) => setImmediate(resolve));
}

function compileNext(): void {
  const pattern = registered[compiledCount++]!;
  const lastIndex = pattern.lastIndex;
  pattern.exec(NATIVE_SUBJECT);
  pattern.lastIndex = lastIndex;
}

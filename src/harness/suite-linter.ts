// The linter `maestro-eval run` gives its reporter: the lint of what the workers recorded, in the run's own
// process. It loads the verifiers only once that process is idle (its workers are starting), not before.
import type { SuiteLinter, SuiteLintInput } from "../domain/lint-finding.js";
import { spellsOutNewDescriptions } from "./suite-descriptions.js";
import { whenIdle } from "./when-idle.js";

/** How long the run's process must have been idle before it lints. */
const IDLE_BEFORE_LINT_MS = 20;
/** The verifiers' patterns compiled per turn of the event loop while the linter prepares (about 10 ms). */
const PATTERNS_PER_TURN = 2;

/**
 * A linter for a run's reporter: it lints a suite's recorded input in the run's process, which mostly waits
 * on its workers, at its first idle moment or when the run ends. It reads the descriptions an earlier run
 * parsed from `parseMemoryFile` (verifiers/parse-memory.ts) and keeps there what it parsed: on the AI21
 * backend no local engine warms the verifiers up, and compiling their patterns for the lint (about 0.4 s)
 * held up the shared limit's answers to the workers as a 1-cell run ended; without a memory it compiles
 * them in pieces.
 */
export function createSuiteLinter(parseMemoryFile?: string): SuiteLinter {
  let cases: typeof import("./lint-cases.js") | undefined;
  let memory: typeof import("../verifiers/parse-memory.js") | undefined;
  let parsing: typeof import("../verifiers/parse-requirement.js") | undefined;
  let patterns: typeof import("../verifiers/compiled-pattern.js") | undefined;
  let loading: Promise<void> | undefined;
  let suiteFiles: readonly string[] = [];
  /** Compiles the verifiers' patterns a few at a time, the process answering its workers in between. */
  const compileInPieces = () => patterns?.compilePatternsInTurns(PATTERNS_PER_TURN);
  const load = (): Promise<void> => {
    loading ??= Promise.all([
      import("./lint-cases.js"),
      import("../verifiers/parse-memory.js"),
      import("../verifiers/parse-requirement.js"),
      import("../verifiers/compiled-pattern.js"),
    ]).then(async ([lintCases, parseMemory, parseRequirement, compiledPattern]) => {
      if (parseMemoryFile !== undefined) parseMemory.loadParseMemory(parseMemoryFile);
      memory = parseMemory;
      parsing = parseRequirement;
      patterns = compiledPattern;
      // With nothing remembered, or suites that spell out a description not remembered (a requirement
      // just edited), the lint's first such description would compile every pattern at once.
      if (
        parseMemory.recalledParseCount() === 0 ||
        spellsOutNewDescriptions(suiteFiles, (description) => parseRequirement.isParsed(description))
      )
        await compileInPieces();
      cases = lintCases;
    });
    return loading;
  };
  /** Compiles the patterns in pieces when `input` holds a description not parsed yet (a requirement just edited). */
  const readyFor = async (input: SuiteLintInput | undefined) => {
    const unparsed = input?.cases.some(({ request }) =>
      (request.requirements ?? []).some(({ description }) => {
        try {
          return !parsing!.isParsed(description, { responseLanguage: request.response_language ?? "unset" });
        } catch {
          return true;
        }
      }),
    );
    if (unparsed === true) await compileInPieces();
  };
  return {
    get ready() {
      return cases !== undefined;
    },
    prepare: load,
    lint(input) {
      if (cases === undefined) throw new Error("suiteLinter.lint: call prepare() first");
      const findings = cases.lintSuite(input.suite, input.cases, { kind: input.kind, judge: input.judge });
      if (parseMemoryFile !== undefined) memory?.saveParseMemory(parseMemoryFile);
      return findings;
    },
    expectSuites(files) {
      suiteFiles = files;
    },
    whenIdle: (then, input) =>
      whenIdle(
        IDLE_BEFORE_LINT_MS,
        () =>
          void load()
            .then(() => readyFor(input))
            .then(then),
      ),
  };
}

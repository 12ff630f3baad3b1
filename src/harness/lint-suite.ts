// The requirement lint of a suite as it is collected: one pass per case (its requirements, response_language
// and tools are the same in every cell), the validator's warnings beside the verifier-based findings
// (suite-linter.ts). The findings go into the suite's task meta, where the reporter and `maestro-eval lint`
// read them; under `maestro-eval run` the worker records the lint's input instead, for the reporter's process.

import { afterAll, inject, TestRunner } from "vitest";
import {
  LINT_INPUT_META_KEY,
  LINT_META_KEY,
  type LintFinding,
  type SuiteLintInput,
} from "../domain/lint-finding.js";
import { redactSecrets } from "../errors/index.js";
import type { MatrixCell } from "./expand-matrix.js";
import type { ProvidedHarness } from "./harness-context.js";
import type { LintedCase } from "./lint-cases.js";
import { parseMemoryPlace } from "./project-cache.js";
import { collectRequestSecrets } from "./request-secrets.js";

declare module "vitest" {
  interface TaskMeta {
    [LINT_META_KEY]?: LintFinding[];
    [LINT_INPUT_META_KEY]?: SuiteLintInput;
  }
}

/**
 * Lints the cases of the suite being collected and records the findings in its task meta. Called last in
 * the suite's factory, so that the tests registered before do not copy the findings into their own meta.
 *
 * Collecting alone (`maestro-eval lint`, which runs no test or hook), it lints at once. Under
 * `maestro-eval run` (the global setup says `lintInReporter`) it records the lint's input, secrets removed,
 * and the reporter's process lints it while it waits: there the verifiers are warm, and the worker's first
 * poll, which a run learned from earlier ones may take as soon as 40 ms after the create, is not held up.
 * In another run under the global setup the lint compiles the verifiers' patterns (about 70 ms in a fresh
 * worker), which would hold up the first cell: it runs in the turn of the event loop after the function
 * returned is first called (the cells call it once their run is created, so it runs while the first run
 * waits for its first poll), and in the suite's `afterAll` at the latest (chat cells, replayed or resumed
 * cells). The reporter reads the findings when the suite ends.
 *
 * The lint's code (the verifiers) is loaded when it lints, not with the suite: collecting alone, the suite's
 * factory awaits `collected`.
 */
export function recordSuiteLint(
  suite: string,
  cells: readonly MatrixCell[],
  kind: "maestro" | "chat",
): RecordedLint {
  const task = TestRunner.getCurrentSuite().suite;
  if (task === undefined) return { lintSoon: () => {} };
  const cases = new Map<string, LintedCase>();
  for (const cell of cells) {
    if (!cases.has(cell.key.case)) cases.set(cell.key.case, { name: cell.key.case, request: cell.request });
  }
  const provided = providedHarness();
  if (provided?.lintInReporter === true) {
    // The reporter's process lints it (createSuiteLinter), while it waits: the worker goes straight to its cells.
    task.meta[LINT_INPUT_META_KEY] = {
      suite,
      kind,
      judge: provided.judge !== undefined,
      cases: [...cases.values()].map(({ name, request }) => ({
        name,
        request: redactSecrets(request, collectRequestSecrets(request)),
      })),
    } satisfies SuiteLintInput;
    return { lintSoon: () => {} };
  }
  let linting: Promise<void> | undefined;
  const lint = (): Promise<void> => {
    linting ??= (async () => {
      const [{ lintSuite }, { loadParseMemory, saveParseMemory }] = await Promise.all([
        import("./lint-cases.js"),
        import("../verifiers/parse-memory.js"),
      ]);
      // The descriptions an earlier run or lint parsed: the run's, or without one (`maestro-eval lint`) the
      // project's in the working directory.
      const memory = provided === undefined ? parseMemoryPlace(process.cwd()) : provided.parseMemory;
      if (memory !== undefined && !memoriesRead.has(memory)) {
        memoriesRead.add(memory);
        loadParseMemory(memory);
      }
      task.meta[LINT_META_KEY] = lintSuite(suite, [...cases.values()], {
        kind,
        judge: provided?.judge !== undefined,
      });
      if (memory !== undefined) saveParseMemory(memory);
    })();
    return linting;
  };
  if (provided === undefined) return { lintSoon: () => {}, collected: lint() };
  // A lint that fails is reported by the suite's afterAll, which waits for the same lint.
  afterAll(lint);
  let scheduled = false;
  return {
    lintSoon: () => {
      if (scheduled || linting !== undefined) return;
      scheduled = true;
      setImmediate(() => void lint().catch(() => undefined));
    },
  };
}

/** What {@link recordSuiteLint} leaves to its suite. */
export interface RecordedLint {
  /** Lints soon, on the next turn of the event loop (when the worker lints; otherwise nothing). */
  lintSoon: () => void;
  /** Collecting alone: the lint under way, which the suite's factory awaits so the findings are in its meta. */
  collected?: Promise<void>;
}

/** The parse memories this worker has read: each once. */
const memoriesRead = new Set<string>();

/** What the global setup provided, when the suite runs under it; undefined otherwise. */
function providedHarness(): ProvidedHarness | undefined {
  try {
    return inject("maestroEval");
  } catch {
    return undefined;
  }
}

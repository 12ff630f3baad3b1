// The requirement lint of a suite, run while the suite is collected (in a run, while its first run waits):
// one pass per case (its requirements, response_language and tools are the same in every cell), the
// validator's warnings beside the verifier-based findings. The findings go into the suite's task meta,
// where the reporter and `maestro-eval lint` read them.

import { afterAll, inject, TestRunner } from "vitest";
import { validateRunRequest } from "../constraints/index.js";
import type { CreateRunRequest } from "../domain/index.js";
import { LINT_META_KEY, type LintFinding } from "../domain/lint-finding.js";
import { lintRequirements } from "../verifiers/lint-requirements.js";
import type { MatrixCell } from "./expand-matrix.js";
import type { ProvidedHarness } from "./harness-context.js";

/** One case to lint: its name and the request its cells send (any cell's: they differ only in model and budget). */
export interface LintedCase {
  name: string;
  request: CreateRunRequest;
}

/** Options of {@link lintSuite}. */
export interface LintSuiteOptions {
  /** `chat` suites send no Maestro request: only their requirements are linted. Default `maestro`. */
  kind?: "maestro" | "chat";
  /** Whether a judge model scores what no verifier understands. Default false. */
  judge?: boolean;
}

/**
 * Lints every case of a suite: conflicts between requirements, a language requirement against
 * `response_language`, requirements no verifier understands, near-duplicates, and the validator's warnings
 * (requirements together with tools). Validator errors are not here: they fail the suite at collection.
 *
 * @example
 * lintSuite("support", [{ name: "refund", request: { input: "...", requirements: [...] } }]);
 */
export function lintSuite(
  suite: string,
  cases: readonly LintedCase[],
  options: LintSuiteOptions = {},
): LintFinding[] {
  const findings: LintFinding[] = [];
  for (const { name, request } of cases) {
    const requirements = request.requirements ?? [];
    if (options.kind !== "chat") {
      for (const issue of validateRunRequest(request)) {
        if (issue.severity !== "warning") continue;
        const index = issue.loc.find((part) => typeof part === "number");
        const named = issue.loc.includes("requirements") && typeof index === "number";
        findings.push({
          severity: "warning",
          rule: issue.type,
          suite,
          case: name,
          requirements: named ? [requirements[index]?.name ?? String(index)] : [],
          clauses: [],
          message: issue.msg,
        });
      }
    }
    for (const finding of lintRequirements(requirements, {
      responseLanguage: options.kind === "chat" ? undefined : request.response_language,
      chat: options.kind === "chat",
      ...(options.judge === undefined ? {} : { judge: options.judge }),
    })) {
      findings.push({ ...finding, suite, case: name });
    }
  }
  return findings;
}

declare module "vitest" {
  interface TaskMeta {
    [LINT_META_KEY]?: LintFinding[];
  }
}

/**
 * Lints the cases of the suite being collected and records the findings in its task meta. Called last in
 * the suite's factory, so that the tests registered before do not copy the findings into their own meta.
 *
 * Collecting alone (`maestro-eval lint`, which runs no test or hook), it lints at once. In a run (under
 * maestro-eval's global setup) the lint compiles the verifiers' patterns (about 125 ms in a fresh worker),
 * which would hold up the first cell: it runs in the turn of the event loop after the function returned
 * is first called (the cells call it once their run is created, so it runs while the first run waits for
 * its first poll), and in the suite's `afterAll` at the latest (chat cells, replayed or resumed cells).
 * The reporter reads the findings when the suite ends.
 */
export function recordSuiteLint(
  suite: string,
  cells: readonly MatrixCell[],
  kind: "maestro" | "chat",
): () => void {
  const task = TestRunner.getCurrentSuite().suite;
  if (task === undefined) return () => {};
  const cases = new Map<string, LintedCase>();
  for (const cell of cells) {
    if (!cases.has(cell.key.case)) cases.set(cell.key.case, { name: cell.key.case, request: cell.request });
  }
  const provided = providedHarness();
  let linted = false;
  const lint = () => {
    if (linted) return;
    linted = true;
    task.meta[LINT_META_KEY] = lintSuite(suite, [...cases.values()], {
      kind,
      judge: provided?.judge !== undefined,
    });
  };
  if (provided === undefined) {
    lint();
    return () => {};
  }
  let scheduled = false;
  afterAll(lint);
  return () => {
    if (scheduled || linted) return;
    scheduled = true;
    setImmediate(lint);
  };
}

/** What the global setup provided, when the suite runs under it; undefined otherwise. */
function providedHarness(): ProvidedHarness | undefined {
  try {
    return inject("maestroEval");
  } catch {
    return undefined;
  }
}

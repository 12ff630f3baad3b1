// The linter `maestro-eval run` gives its reporter: the lint of what the workers recorded, in the run's own
// process. It loads the verifiers only once that process is idle (its workers are starting), not before.
import type { SuiteLinter } from "../domain/lint-finding.js";
import { whenIdle } from "./when-idle.js";

/** How long the run's process must have been idle before it lints. */
const IDLE_BEFORE_LINT_MS = 20;

let cases: typeof import("./lint-cases.js") | undefined;
let loading: Promise<void> | undefined;

function load(): Promise<void> {
  loading ??= import("./lint-cases.js").then((module) => {
    cases = module;
  });
  return loading;
}

/**
 * Lints a suite's recorded input in the run's process, where the verifiers are warm (the embedded server
 * warms them up) and which mostly waits on its workers: at its first idle moment, or when the run ends.
 */
export const suiteLinter: SuiteLinter = {
  get ready() {
    return cases !== undefined;
  },
  prepare: load,
  lint(input) {
    if (cases === undefined) throw new Error("suiteLinter.lint: call prepare() first");
    return cases.lintSuite(input.suite, input.cases, { kind: input.kind, judge: input.judge });
  },
  whenIdle: (then) => whenIdle(IDLE_BEFORE_LINT_MS, () => void load().then(then)),
};

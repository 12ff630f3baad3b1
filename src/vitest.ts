// `maestro-eval/vitest`: what a suite file imports. Named from the harness's own modules, not its index,
// so that a suite's worker loads only what runs its cells (the index also holds the synchronous chat
// scorer, which loads the verifiers with it).

export { defineMaestroConfig, type MaestroConfigOptions } from "./harness/define-maestro-config.js";
export { type ChatCase, type ChatSuiteOptions, describeChat } from "./harness/describe-chat.js";
export {
  type CaseCells,
  type CellAssertion,
  type CellContext,
  createCaseCells,
  describeMaestro,
  type MaestroSuiteOptions,
} from "./harness/describe-maestro.js";
export type { MatrixOptions, SuiteCase } from "./harness/expand-matrix.js";
export { installMaestroMatchers, maestroMatchers } from "./matchers/index.js";

// `maestro-eval/vitest`: what a suite file imports.
export {
  type CaseCells,
  type CellAssertion,
  type CellContext,
  type ChatCase,
  type ChatSuiteOptions,
  createCaseCells,
  defineMaestroConfig,
  describeChat,
  describeMaestro,
  type MaestroConfigOptions,
  type MaestroSuiteOptions,
  type MatrixOptions,
  type SuiteCase,
} from "./harness/index.js";
export { installMaestroMatchers, maestroMatchers } from "./matchers/index.js";

export {
  type Cassette,
  type CassetteEntry,
  type CassetteMode,
  hashCellRequest,
  hashChatRequest,
  normaliseRequest,
  openCassette,
  readCassetteMode,
} from "./cassettes.js";
export { categoriseError } from "./categorise-error.js";
export {
  defineMaestroConfig,
  GLOBAL_SETUP_PATH,
  harnessViteConfig,
  type MaestroConfigOptions,
  PACKAGE_DEPS_CONFIG,
  SOURCE_RESOLVE_CONFIG,
  SUITE_NODE_FLAGS,
} from "./define-maestro-config.js";
export { type ChatCase, type ChatSuiteOptions, describeChat } from "./describe-chat.js";
export {
  type CaseCells,
  type CellAssertion,
  type CellContext,
  createCaseCells,
  describeMaestro,
  type MaestroSuiteOptions,
} from "./describe-maestro.js";
export {
  type ExpandMatrixOptions,
  expandMatrix,
  type MatrixCell,
  type MatrixOptions,
  type SuiteCase,
} from "./expand-matrix.js";
export type { HarnessOptions } from "./global-setup.js";
export {
  type Backend,
  getHarness,
  HARNESS_DEFAULTS,
  type ProvidedHarness,
  readConcurrency,
  vitestConcurrencyFor,
} from "./harness-context.js";
export { CHAT_FINISH_REASON, scoreChat } from "./score-chat.js";
export { scoreChatAnswer } from "./score-chat-answer.js";
export {
  createLocalSemaphore,
  createRemoteSemaphore,
  type Semaphore,
  startSemaphoreServer,
} from "./shared-semaphore.js";

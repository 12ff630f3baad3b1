export {
  createBm25Index,
  createFileLibrary,
  type FileLibrary,
  type FileLibraryOptions,
  type StoredFile,
  searchFiles,
  splitPassages,
  tokenize,
} from "../library/index.js";
export { type AnswerChatOptions, answerChat, truncate } from "./answer-chat.js";
export { countTokens, countTokensInTurns, splitTokens } from "./count-tokens.js";
export {
  createFaultPlan,
  type FaultOptions,
  type FaultPlan,
  type FaultRoute,
  parseFaultOptions,
  type RouteFaults,
  type RunFault,
  type TransportFault,
} from "./faults.js";
export type {
  EngineRequirement,
  Generation,
  GenerationContext,
  GenerationRequest,
  Generator,
  RequirementScore,
} from "./generator.js";
export {
  DEFAULT_MODEL_PROFILE,
  DEFAULT_RUN_MODEL,
  MODEL_PROFILES,
  type ModelProfile,
  resolveModelProfile,
  validateModelProfile,
} from "./model-profiles.js";
export { buildMessages, createOpenAiGenerator, type OpenAiGeneratorOptions } from "./openai-generator.js";
export { LIBRARY_FILES_PATH } from "./routes/library.js";
export { parseMultipart } from "./routes/parse-multipart.js";
export {
  BUDGET_STEPS,
  FINISH_REASONS,
  type RunEngineOptions,
  type RunEngineResult,
  runEngine,
} from "./run-engine.js";
export {
  createRunStore,
  DEFAULT_MAX_RUN_BYTES,
  type RunStore,
  type RunStoreOptions,
  type StoredRun,
} from "./run-store.js";
export {
  createScriptedGenerator,
  type ScriptedContext,
  type ScriptedGeneratorOptions,
  type ScriptedOutput,
} from "./scripted-generator.js";
export { createSimGenerator, SIM_MAX_FACT_CHARS, type SimGeneratorOptions } from "./sim-generator.js";
export {
  CELL_HEADER,
  type LocalServer,
  type LocalServerOptions,
  REPEAT_HEADER,
  startLocalServer,
} from "./start-local-server.js";
export {
  checkAddress,
  classifyAddress,
  DEFAULT_TOOL_MAX_RESPONSE_BYTES,
  DEFAULT_TOOL_NETWORK,
  DEFAULT_TOOL_TIMEOUT_MS,
  loadWebCorpus,
  planToolCalls,
  searchWeb,
  TOOL_NETWORKS,
  type ToolNetwork,
  ToolNetworkError,
  type ToolRuntimeOptions,
  type WebCorpus,
} from "./tools/index.js";
export { startDeferredWarmUp } from "./warm-up-trigger.js";

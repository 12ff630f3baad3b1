export { type AnswerChatOptions, answerChat, truncate } from "./answer-chat.js";
export { countTokens, splitTokens } from "./count-tokens.js";
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
export {
  BUDGET_STEPS,
  FINISH_REASONS,
  type RunEngineOptions,
  type RunEngineResult,
  runEngine,
  type ScoreUnverifiable,
} from "./run-engine.js";
export { createRunStore, type RunStore, type RunStoreOptions, type StoredRun } from "./run-store.js";
export {
  createScriptedGenerator,
  type ScriptedContext,
  type ScriptedGeneratorOptions,
  type ScriptedOutput,
} from "./scripted-generator.js";
export { createSimGenerator, type SimGeneratorOptions } from "./sim-generator.js";
export {
  type LocalServer,
  type LocalServerOptions,
  REPEAT_HEADER,
  startLocalServer,
} from "./start-local-server.js";

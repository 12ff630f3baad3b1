export { callHttpTool, type ToolCallOptions } from "./call-http-tool.js";
export {
  createToolRuntime,
  DEFAULT_TOOL_MAX_RESPONSE_BYTES,
  DEFAULT_TOOL_TIMEOUT_MS,
  type ToolRuntime,
  type ToolRuntimeOptions,
} from "./create-tool-runtime.js";
export { describeToolError, describeToolUrl } from "./describe-tool-error.js";
export { createGuardedFetch, type GuardedFetchOptions, type ToolFetch } from "./guarded-fetch.js";
export { MCP_LIST_CALL, MCP_MAX_CALLS_PER_SERVER } from "./mcp-limits.js";
export {
  fillParameters,
  type ParameterSchema,
  type ParametersSchema,
  type PlannedCall,
  planToolCalls,
  type ToolCandidate,
} from "./plan-tool-calls.js";
export { limitResponseBody, readLimitedBody, ToolResponseTooLargeError } from "./read-limited-body.js";
export { describeResponse, readInstruction, runTools, type ToolRunResult } from "./run-tools.js";
export { searchWeb, WEB_SEARCH_MAX_RESULTS } from "./search-web.js";
export {
  type AddressClass,
  checkAddress,
  classifyAddress,
  DEFAULT_TOOL_NETWORK,
  type ResolveHost,
  readToolNetwork,
  resolveAllowedAddresses,
  systemResolveHost,
  TOOL_NETWORKS,
  type ToolNetwork,
  ToolNetworkError,
} from "./tool-network.js";
export { loadWebCorpus, type WebCorpus, type WebPage } from "./web-corpus.js";

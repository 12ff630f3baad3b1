import { setMaxListeners } from "node:events";
import type {
  CreateRunRequest,
  DataSources,
  FileSearchTool,
  HttpTool,
  MaestroInput,
  McpTool,
  ToolCallResult,
  WebSearchTool,
} from "../../domain/index.js";
import { searchFiles } from "../../library/index.js";
import type { GenerationContext } from "../generator.js";
import { callHttpTool } from "./call-http-tool.js";
import type { ToolRuntime } from "./create-tool-runtime.js";
import { planToolCalls } from "./plan-tool-calls.js";
import { searchWeb } from "./search-web.js";

/** What a run's tools produced. */
export interface ToolRunResult {
  /** The run's `data_sources`: keys for the tool types the request has. */
  dataSources: DataSources;
  /** What the generator draws on. */
  context: GenerationContext;
  /** The labels of the files file_search cited, by file id (the run's `x_local.file_labels`). */
  fileLabels: Record<string, string[]>;
  /** Wall time spent on tools. */
  elapsedMs: number;
}

/**
 * Runs a request's tools once, before the first generation step: file_search and web_search on the
 * run's instruction (the input string or its last user turn); then every http tool the input calls
 * for (see {@link planToolCalls}) and every MCP server's chosen tools, concurrently, recorded in the
 * request's tool order. Failed calls are recorded and the run goes on. Undefined when the request has
 * no tools.
 */
export async function runTools(
  request: CreateRunRequest,
  runtime: ToolRuntime,
  signal?: AbortSignal,
): Promise<ToolRunResult | undefined> {
  const tools = request.tools ?? [];
  if (tools.length === 0) return undefined;
  const started = performance.now();
  const query = readInstruction(request.input);
  const dataSources: DataSources = {};
  const fileLabels: Record<string, string[]> = {};

  const fileSearch = tools.find((tool): tool is FileSearchTool => tool.type === "file_search");
  if (fileSearch !== undefined) {
    dataSources.file_search = searchFiles(runtime.library.files(), fileSearch, query);
    for (const item of dataSources.file_search) {
      fileLabels[item.file_id] = runtime.library.get(item.file_id)?.labels ?? [];
    }
  }
  const webSearch = tools.find((tool): tool is WebSearchTool => tool.type === "web_search");
  if (webSearch !== undefined) dataSources.web_search = searchWeb(runtime.web, webSearch, query);

  // One signal for this run's calls: each call and MCP request listens to it, so it may have many
  // listeners, and the server's own signal keeps just one per run in flight.
  const run = new AbortController();
  setMaxListeners(0, run.signal);
  const abort = () => run.abort(signal?.reason);
  if (signal?.aborted) abort();
  signal?.addEventListener("abort", abort, { once: true });
  const callOptions = {
    fetch: runtime.fetch,
    timeoutMs: runtime.timeoutMs,
    maxResponseBytes: runtime.maxResponseBytes,
    signal: run.signal,
  };
  const httpTools = tools.filter((tool): tool is HttpTool => tool.type === "http");
  const planned = planToolCalls(
    request.input,
    httpTools.map((tool) => ({
      name: tool.function.name,
      description: tool.function.description,
      parameters: tool.function.parameters,
    })),
  );
  const calls = tools.map((tool): Promise<ToolCallResult[]> => {
    if (tool.type === "http") {
      const call = planned.find((item) => item.name === tool.function.name);
      // Function names are unique per run; a duplicate is called once, for its first definition.
      if (call === undefined || httpTools.find((item) => item.function.name === call.name) !== tool) {
        return Promise.resolve([]);
      }
      return callHttpTool(tool, call.parameters, callOptions).then((result) => [result]);
    }
    if (tool.type === "mcp") {
      // The MCP SDK (and zod under it: about 400 modules) is loaded by the first run that calls an MCP server.
      return import("./call-mcp-tools.js").then(({ callMcpTools }) =>
        callMcpTools(tool as McpTool, request.input, callOptions),
      );
    }
    return Promise.resolve([]);
  });
  try {
    if (tools.some((tool) => tool.type === "http" || tool.type === "mcp")) {
      dataSources.tool_calls = (await Promise.all(calls)).flat();
    }
  } finally {
    signal?.removeEventListener("abort", abort);
  }

  return {
    dataSources,
    context: {
      passages: [
        ...(dataSources.file_search ?? []).map((item) => item.text ?? ""),
        ...(dataSources.web_search ?? []).map((item) => item.text ?? ""),
      ].filter((text) => text !== ""),
      toolResults: (dataSources.tool_calls ?? [])
        .filter((call) => call.status === "success")
        .map((call) => ({ name: call.tool_name, text: describeResponse(call.response) })),
    },
    fileLabels,
    elapsedMs: Math.round(performance.now() - started),
  };
}

/** The text being answered: the input string, or the last user turn. */
export function readInstruction(input: MaestroInput): string {
  if (typeof input === "string") return input;
  for (let index = input.length - 1; index >= 0; index -= 1) {
    if (input[index]?.role === "user") return input[index]!.content;
  }
  return input.at(-1)?.content ?? "";
}

/**
 * A tool response as lines a model can quote: the text items of an MCP result, and every scalar of a
 * JSON object as `key path: value` (at most 40 lines).
 */
export function describeResponse(response: Record<string, unknown>): string {
  const lines: string[] = [];
  const content = response.content;
  if (Array.isArray(content)) {
    for (const item of content) {
      if (typeof item === "object" && item !== null && (item as { type?: unknown }).type === "text") {
        lines.push(String((item as { text?: unknown }).text ?? ""));
      }
    }
  }
  const walk = (value: unknown, path: string[]) => {
    if (lines.length >= 40) return;
    if (Array.isArray(value)) {
      if (value.every((item) => typeof item !== "object" || item === null)) {
        if (path.length > 0) lines.push(`${path.join(" ")}: ${value.join(", ")}`);
      } else for (const item of value) walk(item, path);
      return;
    }
    if (typeof value === "object" && value !== null) {
      for (const [key, child] of Object.entries(value)) walk(child, [...path, key.replace(/[_-]+/g, " ")]);
      return;
    }
    if (path.length > 0 && value !== null && value !== undefined)
      lines.push(`${path.join(" ")}: ${String(value)}`);
  };
  const structured = Array.isArray(content) ? response.structuredContent : response;
  walk(structured, []);
  return lines.join("\n");
}

// What the local server reads out of a request the validator accepted: optional fields sent as null
// are dropped (null means unset), and the spec's decided defaults that the engine needs filled in.
import { dropNullFields } from "../constraints/index.js";
import type { ChatRequest, CreateRunRequest } from "../domain/index.js";

/** The label an MCP tool without `server_label` gets: its URL's host (the spec's decision). */
function defaultServerLabel(serverUrl: string): string {
  try {
    return new URL(serverUrl).host;
  } catch {
    return serverUrl;
  }
}

/**
 * A validated run request as the engine reads it: nulls dropped, every MCP tool labelled, and an http
 * tool's `additional_properties` read as `additionalProperties`.
 */
export function readRunRequest(body: unknown): CreateRunRequest {
  const request = dropNullFields("CreateMaestroRunRequest", body as CreateRunRequest);
  if (request.tools === undefined) return request;
  return {
    ...request,
    tools: request.tools.map((tool) => {
      if (tool.type === "mcp" && tool.server_label === undefined) {
        return { ...tool, server_label: defaultServerLabel(tool.server_url) };
      }
      if (tool.type === "http") {
        // The SDKs' spelling is read as AI21's wire name (the validator has warned, or refused a conflict).
        const { additional_properties: snake, ...parameters } = tool.function.parameters;
        if (snake === undefined) return tool;
        const additionalProperties = parameters.additionalProperties ?? snake;
        return {
          ...tool,
          function: { ...tool.function, parameters: { ...parameters, additionalProperties } },
        };
      }
      return tool;
    }),
  };
}

/** A validated chat request as the local server reads it: nulls dropped. */
export function readChatRequest(body: unknown): ChatRequest {
  return dropNullFields("ChatCompletionRequest", body as ChatRequest);
}

import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { MaestroInput, McpTool, ToolCallResult } from "../../domain/index.js";
import { collectUrlSecrets, redactSecrets } from "../../errors/index.js";
import type { ToolCallOptions } from "./call-http-tool.js";
import { describeToolError, describeToolUrl } from "./describe-tool-error.js";
import { MCP_LIST_CALL, MCP_MAX_CALLS_PER_SERVER } from "./mcp-limits.js";
import { type ParametersSchema, planToolCalls } from "./plan-tool-calls.js";
import { limitResponseBody } from "./read-limited-body.js";

/**
 * Connects to a remote MCP server over Streamable HTTP (with the tool's headers), lists its tools
 * (only `allowed_tools` when given), decides with {@link planToolCalls} which to call, calls them
 * one after the other and records each call with `tool_type: "mcp"` and the server's label. A server
 * that cannot be reached, initialised or listed is recorded as one failed `tools/list` call. Each MCP
 * request has the tool timeout and each response body the size limit; it never throws, and no header
 * value appears in what it returns.
 */
export async function callMcpTools(
  server: McpTool,
  input: MaestroInput,
  options: ToolCallOptions,
): Promise<ToolCallResult[]> {
  const secrets = [...Object.values(server.headers ?? {}), ...collectUrlSecrets(server.server_url)];
  const label = server.server_label;
  const record = (
    name: string,
    parameters: Record<string, unknown>,
    status: ToolCallResult["status"],
    response: Record<string, unknown>,
  ) =>
    redactSecrets(
      { tool_name: name, tool_type: "mcp", server_label: label, parameters, response, status },
      secrets,
    ) as ToolCallResult;
  const where = `MCP server "${label}" at ${describeToolUrl(server.server_url)}`;
  const requestOptions = {
    timeout: options.timeoutMs,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  };
  let url: URL;
  try {
    url = new URL(server.server_url);
  } catch {
    return [record(MCP_LIST_CALL, {}, "failure", { error: `${where}: the URL is not valid` })];
  }
  const transport = new StreamableHTTPClientTransport(url, {
    fetch: async (target, init) =>
      limitResponseBody(await options.fetch(target, init), options.maxResponseBytes),
    requestInit: { headers: { ...server.headers } },
  });
  const client = new Client({ name: "maestro-eval-local-server", version: "0.1.0" });
  try {
    let tools: { name: string; description?: string | undefined; inputSchema: unknown }[];
    try {
      await client.connect(transport, requestOptions);
      tools = [];
      let cursor: string | undefined;
      for (let page = 0; page < 20; page += 1) {
        const listed = await client.listTools(cursor === undefined ? {} : { cursor }, requestOptions);
        tools.push(...listed.tools);
        cursor = listed.nextCursor;
        if (cursor === undefined) break;
      }
    } catch (error) {
      return [
        record(MCP_LIST_CALL, {}, "failure", {
          error: `${where}: ${describeToolError(error, options.timeoutMs)}`,
        }),
      ];
    }
    const allowed = server.allowed_tools === undefined ? undefined : new Set(server.allowed_tools);
    const candidates = tools
      .filter((tool) => allowed === undefined || allowed.has(tool.name))
      .map((tool) => ({
        name: tool.name,
        description: tool.description,
        parameters: tool.inputSchema as ParametersSchema,
      }));
    const calls: ToolCallResult[] = [];
    for (const planned of planToolCalls(input, candidates).slice(0, MCP_MAX_CALLS_PER_SERVER)) {
      try {
        const result = await client.callTool(
          { name: planned.name, arguments: planned.parameters },
          undefined,
          requestOptions,
        );
        calls.push(
          record(planned.name, planned.parameters, result.isError === true ? "failure" : "success", {
            ...result,
          }),
        );
      } catch (error) {
        calls.push(
          record(planned.name, planned.parameters, "failure", {
            error: `${where}: tools/call ${planned.name} failed: ${describeToolError(error, options.timeoutMs)}`,
          }),
        );
      }
    }
    return calls;
  } finally {
    // A stateful server gets its session ended (a DELETE); without a session this sends nothing.
    await transport.terminateSession().catch(() => undefined);
    await client.close().catch(() => undefined);
  }
}

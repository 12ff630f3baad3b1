import type { HttpTool, ToolCallResult } from "../../domain/index.js";
import { collectUrlSecrets, redactAndCut, redactSecrets } from "../../errors/index.js";
import { describeToolError, describeToolUrl } from "./describe-tool-error.js";
import type { ToolFetch } from "./guarded-fetch.js";
import { readLimitedBody } from "./read-limited-body.js";

/** How a tool call is made. */
export interface ToolCallOptions {
  fetch: ToolFetch;
  /** Time allowed for one call, response body included. */
  timeoutMs: number;
  /** The largest response body accepted. */
  maxResponseBytes: number;
  /** Aborts the call when the run is abandoned. */
  signal?: AbortSignal | undefined;
}

/**
 * Calls an http tool once: POST `endpoint.url` with the parameters as a JSON body and the tool's
 * static headers. A 2xx answer with a JSON body is a success (a non-object value is wrapped as
 * `{result: value}`); a refused address, a timeout, a connection failure, a non-2xx status, a body
 * over the size limit or invalid JSON is a failure with `response: {error, ...}`. It never throws,
 * and no header value appears in what it returns.
 */
export async function callHttpTool(
  tool: HttpTool,
  parameters: Record<string, unknown>,
  options: ToolCallOptions,
): Promise<ToolCallResult> {
  const secrets = [...Object.values(tool.endpoint.headers ?? {}), ...collectUrlSecrets(tool.endpoint.url)];
  const target = `POST ${describeToolUrl(tool.endpoint.url)}`;
  const record = (status: ToolCallResult["status"], response: Record<string, unknown>): ToolCallResult =>
    redactSecrets(
      { tool_name: tool.function.name, tool_type: "http", parameters, response, status },
      secrets,
    ) as ToolCallResult;
  const signal = AbortSignal.any(
    [AbortSignal.timeout(options.timeoutMs), options.signal].filter((item) => item !== undefined),
  );
  let status: number;
  let body: Buffer;
  try {
    const response = await options.fetch(tool.endpoint.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "application/json",
        "user-agent": "maestro-eval local server",
        ...tool.endpoint.headers,
      },
      body: JSON.stringify(parameters),
      signal,
    });
    status = response.status;
    body = await readLimitedBody(response, options.maxResponseBytes);
  } catch (error) {
    return record("failure", { error: `${target} failed: ${describeToolError(error, options.timeoutMs)}` });
  }
  const text = body.toString("utf8");
  if (status < 200 || status > 299) {
    return record("failure", {
      error: `${target} answered HTTP ${status}`,
      status_code: status,
      // Secrets are removed before the cut: a cut through one would leave its head unmatched.
      body: redactAndCut(text, secrets, 500),
    });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return record("failure", {
      error: `${target} answered with a body that is not valid JSON: ${(error as Error).message}`,
      status_code: status,
    });
  }
  const response =
    typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : { result: value };
  return record("success", response);
}

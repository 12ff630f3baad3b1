import { ToolResponseTooLargeError } from "./read-limited-body.js";
import { ToolNetworkError } from "./tool-network.js";

/** One line saying why a tool call failed: refused, timed out, unreachable, too large, or the error's own message. */
export function describeToolError(error: unknown, timeoutMs: number): string {
  if (error instanceof ToolNetworkError || error instanceof ToolResponseTooLargeError) return error.message;
  const name = (error as { name?: unknown } | null)?.name;
  if (name === "TimeoutError") return `no response within ${timeoutMs} ms`;
  const code = errorCode(error);
  if (code === "ECONNREFUSED") return "connection refused (ECONNREFUSED)";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return `the host name does not resolve (${code})`;
  if (code !== undefined) return `connection failed (${code})`;
  if (name === "AbortError") return "the call was abandoned (the run ended or the server is closing)";
  return error instanceof Error ? error.message : String(error);
}

function errorCode(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** A URL for messages: origin and path only, so credentials and query tokens never show. */
export function describeToolUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return "(an unreadable URL)";
  }
}

import { ToolResponseTooLargeError } from "./read-limited-body.js";
import { ToolNetworkError } from "./tool-network.js";

/** One line saying why a tool call failed: refused, timed out, unreachable, too large, or the error's own message. */
export function describeToolError(error: unknown, timeoutMs: number): string {
  if (error instanceof ToolNetworkError || error instanceof ToolResponseTooLargeError) return error.message;
  const name = (error as { name?: unknown } | null)?.name;
  // An aborted request carries the signal's reason as its cause: a timeout is a TimeoutError there.
  if (causes(error).some((item) => (item as { name?: unknown }).name === "TimeoutError")) {
    return `no response within ${timeoutMs} ms`;
  }
  const code = errorCode(error);
  if (code === "ECONNREFUSED") return "connection refused (ECONNREFUSED)";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return `the host name does not resolve (${code})`;
  if (code !== undefined) return `connection failed (${code})`;
  if (name === "AbortError") return "the call was abandoned (the server is closing)";
  return error instanceof Error ? error.message : String(error);
}

function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (
    let current: unknown = error;
    current && chain.length < 5;
    current = (current as { cause?: unknown }).cause
  ) {
    chain.push(current);
  }
  return chain;
}

function errorCode(error: unknown): string | undefined {
  for (const item of causes(error)) {
    const code = (item as { code?: unknown }).code;
    if (typeof code === "string" && code !== "ABORT_ERR") return code;
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

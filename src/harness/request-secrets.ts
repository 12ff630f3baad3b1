import type { CreateRunRequest } from "../domain/index.js";
import { collectUrlSecrets } from "../errors/index.js";

/**
 * The secret values a request carries: every header value of its http and mcp tools, and the user-info
 * and credential-named query parameters of their URLs (`?api_key=...`). They are removed
 * by value from everything the harness writes, so a tool response that echoes one under a harmless
 * name (AI21's hosted tools may) never reaches a report or a cassette.
 */
export function collectRequestSecrets(request: CreateRunRequest): string[] {
  const secrets: string[] = [];
  for (const tool of request.tools ?? []) {
    const headers =
      tool.type === "http" ? tool.endpoint.headers : tool.type === "mcp" ? tool.headers : undefined;
    const url = tool.type === "http" ? tool.endpoint.url : tool.type === "mcp" ? tool.server_url : undefined;
    if (typeof url === "string") secrets.push(...collectUrlSecrets(url));
    for (const value of Object.values(headers ?? {})) {
      if (typeof value !== "string") continue;
      secrets.push(value);
      // `Bearer <token>` is also written as the bare token.
      const token = /^\s*bearer\s+(.+)$/i.exec(value)?.[1];
      if (token !== undefined) secrets.push(token.trim());
    }
  }
  return secrets;
}

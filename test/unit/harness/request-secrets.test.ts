import { describe, expect, test } from "vitest";
import type { CreateRunRequest } from "../../../src/domain/index.js";
import { redactSecrets } from "../../../src/errors/index.js";
import { collectRequestSecrets } from "../../../src/harness/request-secrets.js";

const request: CreateRunRequest = {
  input: "Where is order 4411?",
  tools: [
    {
      type: "http",
      function: {
        name: "order_status",
        description: "Look up an order",
        parameters: { type: "object", properties: {}, required: [] },
      },
      endpoint: {
        url: "https://orders.example.com/status",
        headers: { Authorization: "Bearer tool-secret-123", "X-Team": "support-team-key" },
      },
    },
    {
      type: "mcp",
      server_label: "crm",
      server_url: "https://crm.example.com/mcp",
      headers: { "X-Api-Key": "mcp-secret-456" },
    },
    { type: "web_search", urls: ["example.com"] },
  ],
};

describe("collectRequestSecrets", () => {
  test("collects every http and mcp header value, and the bare token of a bearer header", () => {
    expect(collectRequestSecrets(request).sort()).toEqual(
      ["Bearer tool-secret-123", "tool-secret-123", "support-team-key", "mcp-secret-456"].sort(),
    );
  });

  test("removes them by value wherever a run echoes them", () => {
    const run = {
      id: "r",
      status: "completed",
      result: "The service said: token tool-secret-123, team support-team-key.",
      data_sources: { tool_calls: [{ tool_name: "order_status", response: { echoed: "mcp-secret-456" } }] },
    };
    const text = JSON.stringify(redactSecrets(run, collectRequestSecrets(request)));
    for (const secret of ["tool-secret-123", "support-team-key", "mcp-secret-456"])
      expect(text).not.toContain(secret);
  });

  test("a request without tools has none", () => {
    expect(collectRequestSecrets({ input: "hi" })).toEqual([]);
  });
});

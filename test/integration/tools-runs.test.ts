// Runs with tools on the local server, end to end through the client: what each tool records in
// data_sources, every failure mode, the network policy, and tool headers never leaving the server.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { TestProject } from "vitest/node";
import { createMaestroClient, type MaestroClient } from "../../src/client/index.js";
import { validateRunRequest } from "../../src/constraints/index.js";
import type {
  CreateRunRequest,
  HttpTool,
  MaestroRun,
  McpTool,
  ToolCallResult,
} from "../../src/domain/index.js";
import setup from "../../src/harness/global-setup.js";
import type { ProvidedHarness } from "../../src/harness/harness-context.js";
import { type LocalServer, type LocalServerOptions, startLocalServer } from "../../src/local/index.js";
import { startMcpServer, startToolServer, type TestServer } from "../fixtures/tools/servers.js";

const SECRET = "tool-secret-7f3e9a";
const MCP_SECRET = "mcp-secret-51c2d0";

let tools: TestServer;
let mcp: TestServer;
let corpus: string;
const servers: LocalServer[] = [];

beforeAll(async () => {
  tools = await startToolServer({
    "/status": (request) => ({
      json: { order_id: JSON.parse(request.body).order_id, status: "shipped", eta: "2026-03-20" },
    }),
    "/slow": () => ({ delayMs: 10_000, json: {} }),
    "/fail": (request) => ({ status: 500, json: { detail: `bad token ${request.headers.authorization}` } }),
    "/text": () => ({ text: "<html>not json</html>" }),
    "/big": () => ({ json: { blob: "x".repeat(4096) } }),
    "/array": () => ({ json: [1, 2] }),
    "/echo": (request) => ({ json: { saw: request.headers } }),
  });
  mcp = await startMcpServer([
    {
      name: "refund_policy",
      description: "Refund policy for returned items",
      inputSchema: { type: "object", properties: { region: { type: "string" } }, required: ["region"] },
      run: (args) => ({ text: `Refunds in ${String(args.region)} take 14 days.`, structured: { days: 14 } }),
    },
    {
      name: "inventory",
      description: "Stock levels of warehouse items",
      inputSchema: { type: "object", properties: {} },
      run: () => ({ text: "out of stock", isError: true }),
    },
    {
      name: "secret_tool",
      description: "Refund returned items secretly",
      inputSchema: { type: "object", properties: {} },
      run: () => ({ text: "should never be called" }),
    },
  ]);
  corpus = mkdtempSync(join(tmpdir(), "tools-runs-corpus-"));
  mkdirSync(join(corpus, "help"));
  writeFileSync(
    join(corpus, "help", "refunds.md"),
    "---\nurl: https://www.example.com/help/refunds\n---\nRefunds for returned items take 14 days.",
  );
  writeFileSync(
    join(corpus, "other.md"),
    "---\nurl: https://other.org/refunds\n---\nRefunds elsewhere take 30 days.",
  );
});

afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  await tools.close();
  await mcp.close();
  rmSync(corpus, { recursive: true, force: true });
});

async function local(
  options: LocalServerOptions = {},
): Promise<{ server: LocalServer; client: MaestroClient }> {
  const server = await startLocalServer({ timeScale: 0, webCorpusDir: corpus, env: {}, ...options });
  servers.push(server);
  return { server, client: createMaestroClient({ baseUrl: server.url, env: {} }) };
}

function httpTool(path: string, name = "order_status", url = `${tools.url}${path}`): HttpTool {
  return {
    type: "http",
    function: {
      name,
      description: "Shipping status of a customer order",
      parameters: {
        type: "object",
        properties: { order_id: { type: "string", description: "The order's id" } },
        required: ["order_id"],
      },
    },
    endpoint: { url, headers: { Authorization: `Bearer ${SECRET}`, "X-Tool-Key": SECRET } },
  };
}

const mcpTool = (overrides: Partial<McpTool> = {}): McpTool => ({
  type: "mcp",
  server_label: "support",
  server_url: mcp.url,
  headers: { Authorization: `Bearer ${MCP_SECRET}` },
  allowed_tools: ["refund_policy", "inventory"],
  ...overrides,
});

const INPUT =
  "Where is my order? Check the shipping for order_id: A-1042. Also, how long do refunds take for returned items? region: EU. Are warehouse items in stock?";

async function runWith(client: MaestroClient, request: Partial<CreateRunRequest>): Promise<MaestroRun> {
  return client.runs.createAndPoll({ input: INPUT, include: ["data_sources"], ...request });
}

function onlyCall(run: MaestroRun): ToolCallResult {
  const calls = run.data_sources?.tool_calls ?? [];
  expect(calls).toHaveLength(1);
  return calls[0]!;
}

describe("a run with every tool", () => {
  test("records file_search, web_search, http and mcp calls in data_sources, and the draft quotes them", async () => {
    const { server, client } = await local();
    const { fileId } = await client.library.files.upload(
      {
        name: "refunds.md",
        content: "# Refunds\n\nRefunds for returned items take 14 days once the item arrives.",
      },
      { labels: ["policy"] },
    );
    await client.library.files.upload({ name: "jobs.md", content: "We hire engineers." }, { labels: ["hr"] });
    const run = await runWith(client, {
      tools: [
        { type: "file_search", labels: ["policy"] },
        { type: "web_search", urls: ["example.com"] },
        httpTool("/status"),
        mcpTool(),
      ],
    });
    expect(run.status).toBe("completed");
    expect(run.data_sources?.file_search).toEqual([
      {
        file_id: fileId,
        file_name: "refunds.md",
        text: "# Refunds\n\nRefunds for returned items take 14 days once the item arrives.",
        score: expect.any(Number),
        order: 0,
      },
    ]);
    expect(run.data_sources?.web_search).toEqual([
      {
        url: "https://www.example.com/help/refunds",
        text: "Refunds for returned items take 14 days.",
        score: expect.any(Number),
      },
    ]);
    expect(run.data_sources?.tool_calls).toEqual([
      {
        tool_name: "order_status",
        tool_type: "http",
        parameters: { order_id: "A-1042" },
        response: { order_id: "A-1042", status: "shipped", eta: "2026-03-20" },
        status: "success",
      },
      {
        tool_name: "refund_policy",
        tool_type: "mcp",
        server_label: "support",
        parameters: { region: "EU" },
        response: {
          content: [{ type: "text", text: "Refunds in EU take 14 days." }],
          structuredContent: { days: 14 },
        },
        status: "success",
      },
      {
        tool_name: "inventory",
        tool_type: "mcp",
        server_label: "support",
        parameters: {},
        response: { content: [{ type: "text", text: "out of stock" }], isError: true },
        status: "failure",
      },
    ]);
    expect(run.x_local?.file_labels).toEqual({ [fileId]: ["policy"] });
    expect(String(run.result)).toMatch(/shipped/);
    // The endpoint got the static headers and a JSON body; the MCP server got its own header.
    const posted = tools.received.find((request) => request.path === "/status")!;
    expect(posted).toMatchObject({ method: "POST", body: '{"order_id":"A-1042"}' });
    expect(posted.headers).toMatchObject({
      authorization: `Bearer ${SECRET}`,
      "content-type": "application/json",
    });
    expect(mcp.received.every((request) => request.headers.authorization === `Bearer ${MCP_SECRET}`)).toBe(
      true,
    );
    // Neither secret is anywhere in the run.
    expect(JSON.stringify(run)).not.toContain(SECRET);
    expect(JSON.stringify(run)).not.toContain(MCP_SECRET);
    // Nor in what the server keeps of it: the stored run and its final form.
    const stored = server.store.get(run.id);
    expect(stored?.final?.id).toBe(run.id);
    expect(JSON.stringify(stored)).not.toContain(SECRET);
    expect(JSON.stringify(stored)).not.toContain(MCP_SECRET);
  });

  test("data_sources appear only when included; tools run either way; requests without tools get {}", async () => {
    const { client } = await local();
    const before = tools.received.length;
    const run = await client.runs.createAndPoll({ input: INPUT, tools: [httpTool("/status")] });
    expect(run.data_sources).toBeUndefined();
    expect(tools.received.length).toBe(before + 1);
    const plain = await client.runs.createAndPoll({ input: "Say hello.", include: ["data_sources"] });
    expect(plain.data_sources).toEqual({});
    const searchOnly = await runWith(client, { tools: [{ type: "file_search" }] });
    expect(searchOnly.data_sources).toEqual({ file_search: [] });
  });

  test("a tool the input does not call for is not called", async () => {
    const { client } = await local();
    const run = await client.runs.createAndPoll({
      input: "Write a haiku about spring.",
      include: ["data_sources"],
      tools: [httpTool("/status"), mcpTool()],
    });
    expect(run.data_sources).toEqual({ tool_calls: [] });
  });

  test("requirements still score with tools, and the validator still warns about them", async () => {
    const request: CreateRunRequest = {
      input: INPUT,
      tools: [httpTool("/status")],
      requirements: [{ name: "short", description: "Write at most 5 sentences." }],
      include: ["requirements_result", "data_sources"],
    };
    expect(validateRunRequest(request).map((issue) => [issue.severity, issue.type])).toContainEqual([
      "warning",
      expect.stringContaining("tools"),
    ]);
    const { client } = await local();
    const run = await client.runs.createAndPoll(request);
    expect(run.requirements_result?.requirements[0]?.name).toBe("short");
  });
});

describe("failed tool calls are recorded and the run goes on", () => {
  test.each<[string, () => HttpTool, LocalServerOptions, Record<string, unknown>]>([
    [
      "a timeout",
      () => httpTool("/slow"),
      { toolTimeoutMs: 200 },
      {
        error: expect.stringMatching(
          /^POST http:\/\/127\.0\.0\.1:\d+\/slow failed: no response within 200 ms$/,
        ),
      },
    ],
    [
      "a non-2xx answer (its body, which echoes the token, redacted)",
      () => httpTool("/fail"),
      {},
      {
        error: expect.stringMatching(/^POST http:\/\/127\.0\.0\.1:\d+\/fail answered HTTP 500$/),
        status_code: 500,
        // The header's whole value ("Bearer <token>") is removed by value.
        body: '{"detail":"bad token [REDACTED]"}',
      },
    ],
    [
      "a body that is not JSON",
      () => httpTool("/text"),
      {},
      {
        error: expect.stringMatching(/answered with a body that is not valid JSON: Unexpected token '<'/),
        status_code: 200,
      },
    ],
    [
      "a body over the size limit",
      () => httpTool("/big"),
      { toolMaxResponseBytes: 1000 },
      { error: expect.stringMatching(/\/big failed: the response has \d+ bytes; at most 1000 are allowed$/) },
    ],
    [
      "a connection refused",
      () => httpTool("", "order_status", "http://127.0.0.1:9/status"),
      {},
      { error: "POST http://127.0.0.1:9/status failed: connection refused (ECONNREFUSED)" },
    ],
    [
      "a loopback address under public-only",
      () => httpTool("/status"),
      { toolNetwork: "public-only" },
      {
        error: expect.stringMatching(
          /^POST http:\/\/127\.0\.0\.1:\d+\/status failed: refused to call 127\.0\.0\.1 is a loopback address, which toolNetwork "public-only" does not allow; start the local server with toolNetwork: "any" \(or set MAESTRO_EVAL_TOOL_NETWORK=any\) to allow it$/,
        ),
      },
    ],
    [
      "a private address",
      () => httpTool("", "order_status", "http://10.20.30.40/status"),
      {},
      {
        error:
          'POST http://10.20.30.40/status failed: refused to call 10.20.30.40 is a private network address, which toolNetwork "public-and-loopback" does not allow; start the local server with toolNetwork: "any" (or set MAESTRO_EVAL_TOOL_NETWORK=any) to allow it',
      },
    ],
    [
      "a host name that resolves to a private address",
      () => httpTool("", "order_status", "http://tools.internal.test:8080/status"),
      { resolveHost: async () => [{ address: "192.168.7.7", family: 4 }] },
      {
        error:
          'POST http://tools.internal.test:8080/status failed: refused to call tools.internal.test resolves to 192.168.7.7 is a private network address, which toolNetwork "public-and-loopback" does not allow; start the local server with toolNetwork: "any" (or set MAESTRO_EVAL_TOOL_NETWORK=any) to allow it',
      },
    ],
    [
      "credentials in the URL never show",
      () => httpTool("", "order_status", `http://user:${SECRET}@127.0.0.1:9/status?token=${SECRET}`),
      {},
      { error: "POST http://127.0.0.1:9/status failed: connection refused (ECONNREFUSED)" },
    ],
  ])("%s", async (_, tool, options, response) => {
    const { client } = await local(options);
    const run = await runWith(client, { tools: [tool()] });
    expect(run.status).toBe("completed");
    expect(onlyCall(run)).toEqual({
      tool_name: "order_status",
      tool_type: "http",
      parameters: { order_id: "A-1042" },
      response,
      status: "failure",
    });
    expect(JSON.stringify(run)).not.toContain(SECRET);
  });

  test("a run's config sets them on the embedded server: local.toolTimeoutMs and local.toolMaxResponseBytes", async () => {
    const provided: Record<string, unknown> = {};
    const project = {
      getProvidedContext: () => ({
        maestroEvalOptions: {
          backend: "local",
          local: { timeScale: 0, toolTimeoutMs: 200, toolMaxResponseBytes: 1000 },
        },
      }),
      provide: (key: string, value: unknown) => {
        provided[key] = value;
      },
      // A root without node_modules: no poll history is kept.
      config: { root: corpus },
    } as unknown as TestProject;
    const teardown = await setup(project);
    try {
      const { baseUrl } = provided.maestroEval as ProvidedHarness;
      const client = createMaestroClient({ baseUrl, env: {} });
      expect(onlyCall(await runWith(client, { tools: [httpTool("/slow")] })).response).toEqual({
        error: expect.stringMatching(/\/slow failed: no response within 200 ms$/),
      });
      expect(onlyCall(await runWith(client, { tools: [httpTool("/big")] })).response).toEqual({
        error: expect.stringMatching(/\/big failed: the response has \d+ bytes; at most 1000 are allowed$/),
      });
    } finally {
      await teardown();
    }
  });

  test("a JSON value that is not an object is wrapped", async () => {
    const { client } = await local();
    expect(onlyCall(await runWith(client, { tools: [httpTool("/array")] })).response).toEqual({
      result: [1, 2],
    });
  });

  test("a tool response echoing the headers is redacted", async () => {
    const { client } = await local();
    const call = onlyCall(await runWith(client, { tools: [httpTool("/echo")] }));
    expect(call.status).toBe("success");
    expect(JSON.stringify(call)).not.toContain(SECRET);
  });

  test("an MCP server that cannot be reached is one failed tools/list call", async () => {
    const { client } = await local();
    const run = await runWith(client, { tools: [mcpTool({ server_url: "http://127.0.0.1:9/mcp" })] });
    expect(onlyCall(run)).toEqual({
      tool_name: "tools/list",
      tool_type: "mcp",
      server_label: "support",
      parameters: {},
      response: {
        error: 'MCP server "support" at http://127.0.0.1:9/mcp: connection refused (ECONNREFUSED)',
      },
      status: "failure",
    });
  });

  test("an MCP server at a refused address is refused before connecting", async () => {
    const { client } = await local({ toolNetwork: "public-only" });
    const call = onlyCall(await runWith(client, { tools: [mcpTool()] }));
    expect(call.tool_name).toBe("tools/list");
    expect(call.response.error).toMatch(/refused to call 127\.0\.0\.1 is a loopback address/);
  });

  test("a stateful MCP server: one session for every request, ended after the run", async () => {
    const stateful = await startMcpServer(
      [
        {
          name: "refund_policy",
          description: "Refund policy for returned items",
          inputSchema: { type: "object", properties: { region: { type: "string" } }, required: ["region"] },
          run: (args) => ({ text: `Refunds in ${String(args.region)} take 14 days.` }),
        },
      ],
      { stateful: true },
    );
    try {
      const { client } = await local();
      const run = await runWith(client, { tools: [mcpTool({ server_url: stateful.url })] });
      expect(onlyCall(run)).toMatchObject({ tool_name: "refund_policy", status: "success" });
      const [initialize, ...rest] = stateful.received;
      expect(initialize?.headers["mcp-session-id"]).toBeUndefined();
      const session = rest[0]?.headers["mcp-session-id"];
      expect(session).toEqual(expect.any(String));
      expect(rest.every((request) => request.headers["mcp-session-id"] === session)).toBe(true);
      expect(rest.at(-1)?.method).toBe("DELETE");
      expect(stateful.sessions.size).toBe(0);
    } finally {
      await stateful.close();
    }
  });

  test("allowed_tools limits what is listed: a tool outside it is never called", async () => {
    const { client } = await local();
    const run = await runWith(client, { tools: [mcpTool({ allowed_tools: ["refund_policy"] })] });
    expect(run.data_sources?.tool_calls?.map((call) => call.tool_name)).toEqual(["refund_policy"]);
    const { allowed_tools: _, ...everyTool } = mcpTool();
    const all = await runWith(client, { tools: [everyTool] });
    expect(all.data_sources?.tool_calls?.map((call) => call.tool_name)).toEqual([
      "refund_policy",
      "inventory",
      "secret_tool",
    ]);
  });
});

describe("startLocalServer tool options", () => {
  test("bad options throw at start, naming the option", async () => {
    await expect(startLocalServer({ toolNetwork: "intranet" as "any" })).rejects.toThrow(
      new RangeError(
        'startLocalServer: toolNetwork must be one of "public-and-loopback", "loopback-only", "public-only", "any", got "intranet"',
      ),
    );
    await expect(startLocalServer({ toolTimeoutMs: 0 })).rejects.toThrow(
      new RangeError("startLocalServer: toolTimeoutMs must be a number > 0, got 0"),
    );
    await expect(startLocalServer({ env: { MAESTRO_EVAL_TOOL_NETWORK: "open" } })).rejects.toThrow(
      'MAESTRO_EVAL_TOOL_NETWORK must be one of "public-and-loopback", "loopback-only", "public-only", "any", got "open"',
    );
    await expect(startLocalServer({ webCorpusDir: join(corpus, "missing") })).rejects.toThrow(
      /^startLocalServer: webCorpusDir .*missing: ENOENT/,
    );
  });

  test("MAESTRO_EVAL_* variables set the defaults", async () => {
    const { client } = await local({
      env: { MAESTRO_EVAL_TOOL_NETWORK: "public-only", MAESTRO_EVAL_WEB_CORPUS: corpus },
      webCorpusDir: undefined,
    });
    const run = await runWith(client, { tools: [httpTool("/status"), { type: "web_search" }] });
    expect(run.data_sources?.tool_calls?.[0]?.status).toBe("failure");
    expect(run.data_sources?.web_search?.map((item) => item.url)).toContain("https://other.org/refunds");
  });
});

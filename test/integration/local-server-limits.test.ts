// The local server's documented default limits, exercised at their edges: request bodies over 10 MiB get
// 413 (README), and a tool response over 1 MiB fails the call (docs/tools.md); the 5 s tool timeout's
// mechanism is tested with a short setting in tools-runs.test.ts, its default value here.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createMaestroClient } from "../../src/client/index.js";
import type { HttpTool } from "../../src/domain/index.js";
import {
  DEFAULT_TOOL_MAX_RESPONSE_BYTES,
  DEFAULT_TOOL_TIMEOUT_MS,
  type LocalServer,
  startLocalServer,
} from "../../src/local/index.js";
import { orderStatusTool, startToolServer, type TestServer } from "../fixtures/tools/servers.js";

const LIMIT = 10 * 1024 * 1024;
let server: LocalServer;

beforeAll(async () => {
  server = await startLocalServer({ timeScale: 0 });
});
afterAll(async () => {
  await server.close();
});

/** A create-run body of exactly `bytes` bytes: JSON whose input pads it out. */
function bodyOf(bytes: number): string {
  const empty = JSON.stringify({ input: "" });
  return JSON.stringify({ input: "x".repeat(bytes - empty.length) });
}

async function post(body: string) {
  const response = await fetch(`${server.url}/studio/v1/maestro/runs`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
  });
  return { status: response.status, json: (await response.json()) as unknown };
}

describe("the local server's default body limit", () => {
  test("a body of 10 MiB and one byte gets 413 with the limit in its detail", async () => {
    const body = bodyOf(LIMIT + 1);
    expect(Buffer.byteLength(body)).toBe(LIMIT + 1);
    expect(await post(body)).toEqual({
      status: 413,
      json: { detail: "Request body exceeds 10485760 bytes" },
    });
  });

  test("a body of exactly 10 MiB is accepted", async () => {
    const body = bodyOf(LIMIT);
    expect(Buffer.byteLength(body)).toBe(LIMIT);
    const { status, json } = await post(body);
    expect(status).toBe(200);
    expect(json).toMatchObject({ status: "in_progress" });
  });
});

describe("the local server's default tool limits", () => {
  let tools: TestServer;
  const MiB = 1024 * 1024;
  /** A JSON body of exactly `bytes` bytes. */
  const blob = (bytes: number) => ({
    text: JSON.stringify({ blob: "x".repeat(bytes - '{"blob":""}'.length) }),
  });

  beforeAll(async () => {
    tools = await startToolServer({
      "/exact": () => blob(MiB),
      "/over": () => blob(MiB + 1),
    });
  });
  afterAll(async () => {
    await tools.close();
  });

  const tool = (path: string): HttpTool => orderStatusTool(`${tools.url}${path}`);

  async function callOnce(path: string) {
    const client = createMaestroClient({ baseUrl: server.url, env: {} });
    const run = await client.runs.createAndPoll({
      input: "Where is my order? Check the shipping for order_id: A-1042.",
      include: ["data_sources"],
      tools: [tool(path)],
    });
    const calls = run.data_sources?.tool_calls ?? [];
    expect(calls).toHaveLength(1);
    return calls[0]!;
  }

  test("are 1 MiB per response and 5 s per call", () => {
    expect(DEFAULT_TOOL_MAX_RESPONSE_BYTES).toBe(1_048_576);
    expect(DEFAULT_TOOL_TIMEOUT_MS).toBe(5_000);
  });

  test("a response of 1 MiB is read; one byte more fails the call", async () => {
    expect((await callOnce("/exact")).status).toBe("success");
    const over = await callOnce("/over");
    expect(over.status).toBe("failure");
    expect(over.response).toEqual({
      error: `POST ${tools.url}/over failed: the response has 1048577 bytes; at most 1048576 are allowed`,
    });
  });
});

// docs/tools.md, http tools: a non-2xx answer is a failed call whose recorded `body` is the answer's
// first 500 characters (a longer body is cut there, and the cut is marked with "…"). Bodies longer
// than, exactly at and one past the limit, from a loopback tool server through a local server run.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createMaestroClient } from "../../src/client/index.js";
import type { HttpTool, ToolCallResult } from "../../src/domain/index.js";
import { type LocalServer, startLocalServer } from "../../src/local/index.js";
import { orderStatusTool, startToolServer, type TestServer } from "../fixtures/tools/servers.js";

const SECRET = "cut-test-secret-4b1d";
// Every position of a body differs from its neighbours, so that a cut one character off shows.
const digits = (length: number) => Array.from({ length }, (_, index) => String(index % 10)).join("");
const LONG = `${digits(1200)}END`;
const EXACT = digits(500);
const ONE_MORE = `${digits(500)}X`;
// Multi-byte characters: the cut counts characters (UTF-16 code units of these), not bytes.
const ACCENTED = "é".repeat(700);

let tools: TestServer;
let server: LocalServer;

beforeAll(async () => {
  tools = await startToolServer({
    "/long": () => ({ status: 500, text: LONG }),
    "/exact": () => ({ status: 502, text: EXACT }),
    "/one-more": () => ({ status: 404, text: ONE_MORE }),
    "/accented": () => ({ status: 503, text: ACCENTED }),
  });
  server = await startLocalServer({ timeScale: 0, env: {} });
});

afterAll(async () => {
  await server?.close();
  await tools?.close();
});

function httpTool(path: string): HttpTool {
  return orderStatusTool(`${tools.url}${path}`, { "X-Tool-Key": SECRET });
}

async function failedCall(path: string): Promise<ToolCallResult> {
  const client = createMaestroClient({ baseUrl: server.url, env: {} });
  const run = await client.runs.createAndPoll({
    input: "Where is my order? Check the shipping for order_id: A-1042.",
    include: ["data_sources"],
    tools: [httpTool(path)],
  });
  expect(run.status).toBe("completed");
  const calls = run.data_sources?.tool_calls ?? [];
  expect(calls).toHaveLength(1);
  expect(calls[0]!.status).toBe("failure");
  return calls[0]!;
}

describe("a failed http call's body is cut to 500 characters", () => {
  test("a body of 1,203 characters is recorded as its first 500, then the cut mark", async () => {
    const call = await failedCall("/long");
    const body = (call.response as { body: string }).body;
    expect(body).toBe(`${LONG.slice(0, 500)}…`);
    expect(body).toHaveLength(501);
    expect(body.endsWith("9…")).toBe(true);
    expect(call.response).toEqual({
      error: expect.stringMatching(/^POST http:\/\/127\.0\.0\.1:\d+\/long answered HTTP 500$/),
      status_code: 500,
      body: `${LONG.slice(0, 500)}…`,
    });
    // The error message names the status only: the body is never in it, cut or not.
    expect((call.response as { error: string }).error).not.toContain("0123456789");
  });

  test("a body of exactly 500 characters is kept whole, without a cut mark", async () => {
    const call = await failedCall("/exact");
    expect(call.response).toEqual({
      error: expect.stringMatching(/\/exact answered HTTP 502$/),
      status_code: 502,
      body: EXACT,
    });
  });

  test("a body of 501 characters loses its last one", async () => {
    const call = await failedCall("/one-more");
    expect((call.response as { body: string }).body).toBe(`${digits(500)}…`);
    expect(call.response).toMatchObject({ status_code: 404 });
  });

  test("the limit counts characters, not bytes", async () => {
    const call = await failedCall("/accented");
    // 700 two-byte characters: cut at 500 characters (1,000 bytes), not at 500 bytes.
    expect((call.response as { body: string }).body).toBe(`${"é".repeat(500)}…`);
  });
});

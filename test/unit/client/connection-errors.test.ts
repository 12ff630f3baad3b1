// A connection error names the URL and the cause, and never says the server may have accepted a request
// that was never sent.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, test } from "vitest";
import { createMaestroClient } from "../../../src/client/index.js";
import { MaestroConnectionError } from "../../../src/errors/index.js";

const request = {
  input: "Say hello.",
  requirements: [{ name: "short", description: "Write at most 2 sentences." }],
};

describe("connection errors", () => {
  test("a port fetch refuses (127.0.0.1:9): the URL and why, nothing sent, not retried", async () => {
    const client = createMaestroClient({ baseUrl: "http://127.0.0.1:9", apiKey: undefined, env: {} });
    const error = await client.runs.create(request).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MaestroConnectionError);
    expect((error as MaestroConnectionError).message).toBe(
      "POST http://127.0.0.1:9/studio/v1/maestro/runs failed: fetch refuses this port (a 'bad port' of the Fetch standard), nothing was sent; use another port",
    );
    expect((error as MaestroConnectionError).attempts).toBe(1);
  });

  test("a refused connection is retried and never said to have been accepted", async () => {
    // A port that was free a moment ago: nothing listens on it.
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const client = createMaestroClient({
      baseUrl: `http://127.0.0.1:${port}`,
      apiKey: undefined,
      env: {},
      retry: { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 1 },
    });
    const error = (await client.runs.create(request).catch((caught: unknown) => caught)) as Error;
    expect(error).toBeInstanceOf(MaestroConnectionError);
    expect(error.message).toBe(
      `POST http://127.0.0.1:${port}/studio/v1/maestro/runs failed after 2 attempts: connection refused (ECONNREFUSED); is the server running?`,
    );
    expect(error.message).not.toContain("may have accepted");
  });
});

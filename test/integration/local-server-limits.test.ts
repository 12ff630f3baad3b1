// README: the local server answers "bodies over 10 MiB 413"; the default limit, exercised at its edge.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type LocalServer, startLocalServer } from "../../src/local/index.js";

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

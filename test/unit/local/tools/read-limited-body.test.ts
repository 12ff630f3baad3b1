import { describe, expect, test } from "vitest";
import {
  describeToolError,
  limitResponseBody,
  readLimitedBody,
  ToolResponseTooLargeError,
} from "../../../../src/local/tools/index.js";

function streamed(chunks: number[]): Response {
  return new Response(
    new ReadableStream<Uint8Array>({
      start(controller) {
        for (const size of chunks) controller.enqueue(new Uint8Array(size));
        controller.close();
      },
    }),
  );
}

describe("readLimitedBody", () => {
  test("reads a body within the limit", async () => {
    expect((await readLimitedBody(streamed([3, 4]), 7)).length).toBe(7);
  });
  test("refuses a declared length over the limit without reading", async () => {
    const response = new Response("x".repeat(20), { headers: { "content-length": "20" } });
    await expect(readLimitedBody(response, 10)).rejects.toThrow(
      new ToolResponseTooLargeError("the response has 20 bytes; at most 10 are allowed"),
    );
  });
  test("stops a streamed body as soon as it passes the limit", async () => {
    await expect(readLimitedBody(streamed([6, 6, 6]), 10)).rejects.toThrow(
      new ToolResponseTooLargeError("the response exceeds 10 bytes"),
    );
  });
  test("limitResponseBody fails reading past the limit", async () => {
    await expect(limitResponseBody(streamed([6, 6]), 10).arrayBuffer()).rejects.toThrow(
      "the response exceeds 10 bytes",
    );
    expect((await limitResponseBody(streamed([6]), 10).arrayBuffer()).byteLength).toBe(6);
  });
});

describe("describeToolError", () => {
  test.each<[string, unknown, string]>([
    ["a timeout", new DOMException("x", "TimeoutError"), "no response within 5000 ms"],
    [
      "an abort caused by a timeout",
      Object.assign(new Error("aborted"), {
        name: "AbortError",
        code: "ABORT_ERR",
        cause: new DOMException("t", "TimeoutError"),
      }),
      "no response within 5000 ms",
    ],
    [
      "an abort",
      Object.assign(new Error("aborted"), { name: "AbortError", code: "ABORT_ERR" }),
      "the call was abandoned (the server is closing)",
    ],
    [
      "a refused connection",
      Object.assign(new Error("x"), { code: "ECONNREFUSED" }),
      "connection refused (ECONNREFUSED)",
    ],
    [
      "an unknown host",
      Object.assign(new Error("x"), { cause: { code: "ENOTFOUND" } }),
      "the host name does not resolve (ENOTFOUND)",
    ],
    ["a reset", Object.assign(new Error("x"), { code: "ECONNRESET" }), "connection failed (ECONNRESET)"],
    ["anything else", new Error("odd"), "odd"],
  ])("%s", (_, error, message) => {
    expect(describeToolError(error, 5000)).toBe(message);
  });
});

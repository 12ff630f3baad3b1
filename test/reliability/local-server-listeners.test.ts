// Many answers in flight on the local server are normal, not a leak: the server's closing signal,
// which every run and chat answer listens to, must not make Node warn past 10 listeners (it did, on
// stderr, at a harness concurrency above 10).
import { afterEach, describe, expect, test } from "vitest";
import { type LocalServer, startLocalServer } from "../../src/local/index.js";

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
});

describe("startLocalServer", () => {
  test("answers 24 chat completions at once without a MaxListenersExceededWarning", async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);
    process.on("warning", onWarning);
    try {
      server = await startLocalServer({ timeScale: 0.05 });
      const url = `${server.url}/studio/v1/chat/completions`;
      const statuses = await Promise.all(
        Array.from({ length: 24 }, (_, index) =>
          fetch(url, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({
              model: "jamba-mini",
              messages: [{ role: "user", content: `Say hi ${index}.` }],
            }),
          }).then((response) => response.status),
        ),
      );
      expect(statuses).toEqual(Array.from({ length: 24 }, () => 200));
      // Warnings are emitted on a later turn.
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off("warning", onWarning);
    }
    expect(warnings.filter((warning) => warning.startsWith("MaxListenersExceededWarning"))).toEqual([]);
  });
});

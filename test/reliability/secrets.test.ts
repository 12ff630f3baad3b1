// Secrets never reach a file or the terminal: a run on the `ai21` backend (`maestro-eval serve
// --token <fake key>` standing in for AI21), recording cassettes, with an http tool called with
// `Authorization` and `X-Api-Key` headers by an upstream that echoes them back; then every file the
// run left and everything printed is searched for the key and the header values. `npm run soak` runs
// the same check; this one keeps it on every change.
import { describe, expect, test } from "vitest";
import { runSecretsCheck } from "./run-secrets-check.js";

describe("secrets in reports and cassettes", () => {
  test("a run with a fake key and tool headers leaves them in no file and no output", async () => {
    const result = await runSecretsCheck({ cases: 2 });
    expect(result.problems).toEqual([]);
    expect(result.hits).toEqual([]);
    // What makes the search meaningful: the key was required, the tool got its headers, files were written.
    expect(result.keyRequired).toBe(true);
    expect(result.toolCallsWithHeaders).toBe(result.cells);
    expect(result.failingCalls).toBe(result.cells);
    expect(result.cassettes).toBe(1);
    expect(result.filesSearched).toBeGreaterThanOrEqual(6);
  }, 120_000);
});

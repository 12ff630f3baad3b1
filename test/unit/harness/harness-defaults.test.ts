// README: "One concurrency limit for the whole run, across vitest's workers (default 8 cells in flight;
// MAESTRO_EVAL_CONCURRENCY or concurrency in the config)". The limit across workers and the variable under
// `maestro-eval run` are tested end to end in test/e2e/cli-promises.test.ts.
import { describe, expect, test } from "vitest";
import { MaestroConfigurationError } from "../../../src/errors/index.js";
import { HARNESS_DEFAULTS, readConcurrency, vitestConcurrencyFor } from "../../../src/harness/index.js";

describe("the harness's concurrency", () => {
  test("is 8 cells in flight by default", () => {
    expect(HARNESS_DEFAULTS.concurrency).toBe(8);
    expect(readConcurrency({})).toBeUndefined();
    expect(readConcurrency({ MAESTRO_EVAL_CONCURRENCY: " " })).toBeUndefined();
  });

  test("MAESTRO_EVAL_CONCURRENCY sets it", () => {
    expect(readConcurrency({ MAESTRO_EVAL_CONCURRENCY: "3" })).toBe(3);
    expect(readConcurrency({ MAESTRO_EVAL_CONCURRENCY: " 12 " })).toBe(12);
  });

  test.each(["0", "-1", "1.5", "many"])("MAESTRO_EVAL_CONCURRENCY=%s is refused", (value) => {
    expect(() => readConcurrency({ MAESTRO_EVAL_CONCURRENCY: value })).toThrow(
      new MaestroConfigurationError(
        `MAESTRO_EVAL_CONCURRENCY must be a whole number >= 1, got ${JSON.stringify(value)}`,
      ),
    );
  });

  test("vitest may run more tests of a file at once than the harness lets cells run, so the limit paces them", () => {
    expect(vitestConcurrencyFor(1)).toBe(5);
    expect(vitestConcurrencyFor(8)).toBe(32);
  });
});

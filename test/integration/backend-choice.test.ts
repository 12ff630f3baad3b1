// README: "The backend: AI21 when AI21_API_KEY is set, otherwise the embedded local server;
// MAESTRO_EVAL_BACKEND=ai21|local|replay chooses explicitly." On real vitest, as a user runs it.
import { describe, expect, test } from "vitest";
import { readCellMeta } from "../../src/domain/index.js";
import { runFixtureSuites } from "../helpers/run-fixture-suites.js";

const FAKE_KEY = "fake-key-for-backend-choice-0123456789";

function backends(run: Awaited<ReturnType<typeof runFixtureSuites>>): string[] {
  return [...new Set(run.results.flatMap((result) => readCellMeta(result.meta)?.backend ?? []))];
}

describe("the harness's backend", () => {
  test("is AI21 when AI21_API_KEY is set", async () => {
    // AI21_API_HOST points at a closed port: the cells end in connection errors, on the ai21 backend.
    const run = await runFixtureSuites("harness", ["suites/two-suites.eval.ts"], {
      AI21_API_KEY: FAKE_KEY,
      AI21_API_HOST: "http://127.0.0.1:9",
    });
    expect(backends(run)).toEqual(["ai21"]);
    expect(run.exitCode).toBe(1);
    const errors = run.results.flatMap((result) => readCellMeta(result.meta)?.error ?? []);
    expect(errors).toHaveLength(4);
    expect(errors.every((error) => error.category === "infrastructure")).toBe(true);
  }, 120_000);

  test("MAESTRO_EVAL_BACKEND=local chooses the local server even with a key", async () => {
    const run = await runFixtureSuites("harness", ["suites/two-suites.eval.ts"], {
      AI21_API_KEY: FAKE_KEY,
      MAESTRO_EVAL_BACKEND: "local",
    });
    expect(run.exitCode).toBe(0);
    expect(backends(run)).toEqual(["local"]);
  }, 120_000);

  test("any other MAESTRO_EVAL_BACKEND is refused with the choices", async () => {
    const run = await runFixtureSuites("harness", ["suites/two-suites.eval.ts"], {
      MAESTRO_EVAL_BACKEND: "staging",
    });
    expect(run.exitCode).not.toBe(0);
    expect(run.results.filter((result) => readCellMeta(result.meta) !== undefined)).toEqual([]);
    expect(`${run.stdout}${run.stderr}`).toContain(
      'MAESTRO_EVAL_BACKEND must be one of ai21, local, replay, got "staging"',
    );
  }, 120_000);
});

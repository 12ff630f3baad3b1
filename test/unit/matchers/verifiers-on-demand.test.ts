// toAgreeWithVerifiers where nothing has loaded the verifiers yet: a file of its own, since the verifiers,
// once loaded, stay loaded for the process (vitest runs each test file in a fresh one here).
import { describe, expect, test } from "vitest";
import type { CellRun } from "../../../src/domain/index.js";
import { maestroMatchers } from "../../../src/matchers/index.js";
import { loadedVerifiers } from "../../../src/verifiers/load-verifiers.js";
import { createCellRun } from "./fixtures.js";

expect.extend(maestroMatchers);

/** Four sentences that Maestro scored 1 on "at most 2 sentences": the verifiers disagree. */
function overScored(): CellRun {
  return createCellRun({
    result: "One. Two. Three. Four.",
    requirements: [
      { name: "short", description: "Write at most 2 sentences.", is_mandatory: false, score: 1 },
    ],
  });
}

describe("toAgreeWithVerifiers before the verifiers are loaded", () => {
  test("refuses a bad option at once, before loading anything", () => {
    expect(() => expect(overScored()).toAgreeWithVerifiers({ tolerance: 1.5 })).toThrow(
      new RangeError("toAgreeWithVerifiers: tolerance must be within [0, 1], got 1.5"),
    );
    expect(loadedVerifiers()).toBeUndefined();
  });

  test("waits for them and then asserts, failing the test as it would have at once", async () => {
    expect(loadedVerifiers()).toBeUndefined();
    const pending = expect(overScored()).toAgreeWithVerifiers();
    expect(typeof (pending as unknown as PromiseLike<void>).then).toBe("function");
    await expect(pending).rejects.toThrow(
      /expected reported scores to agree with the verifiers within 0\.2, got 1 disagreement .*"short" reported 1\.00, verified 0\.00/,
    );
    // Loaded now: the same assertion answers at once.
    expect(loadedVerifiers()).toBeDefined();
    expect(() => expect(overScored()).toAgreeWithVerifiers()).toThrow(/got 1 disagreement/);
  });
});

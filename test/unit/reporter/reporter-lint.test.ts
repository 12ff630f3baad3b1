// The reporter lints what a run's workers recorded (`lintInReporter`): with the linter it is given, once
// its process is idle or at the end of the run at the latest, and report.json holds the findings.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, test } from "vitest";
import type { TestCase, TestModule, TestSuite } from "vitest/node";
import { CELL_META_KEY } from "../../../src/domain/index.js";
import {
  LINT_INPUT_META_KEY,
  LINT_META_KEY,
  type LintFinding,
  type SuiteLinter,
  type SuiteLintInput,
} from "../../../src/domain/lint-finding.js";
import { createSuiteLinter } from "../../../src/harness/suite-linter.js";

const suiteLinter = createSuiteLinter();

import { MaestroReporter } from "../../../src/reporter/maestro-reporter.js";
import { makeOutcome } from "./fixtures.js";

const FILE = "/project/suites/support.eval.ts";
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Two requirements no output can meet together, and one no verifier understands. */
const input: SuiteLintInput = {
  suite: "support",
  kind: "maestro",
  judge: false,
  cases: [
    {
      name: "refund",
      request: {
        input: "Answer the customer.",
        requirements: [
          { name: "short", description: "Write at most 2 sentences." },
          { name: "long", description: "Write at least 5 sentences." },
          { name: "tone", description: "Sound warm." },
        ],
      },
    },
  ],
};

/** A module with one suite whose meta is `meta`, and one finished cell. */
function fakeRun(meta: Record<string, unknown>) {
  const module = { moduleId: FILE, errors: () => [] } as unknown as TestModule;
  const suite = { name: "support", module, meta: () => meta } as unknown as TestSuite;
  const outcome = makeOutcome({ suite: "support", case: "refund" });
  const cell = {
    name: "jamba-mini/low/#0",
    fullName: "support > refund > jamba-mini/low/#0",
    module,
    meta: () => ({ [CELL_META_KEY]: outcome.meta }),
    result: () => ({ state: "passed", errors: [] }),
  } as unknown as TestCase;
  Object.assign(module, {
    children: { allTests: () => [cell][Symbol.iterator](), allSuites: () => [suite][Symbol.iterator]() },
  });
  return { module, suite, cell };
}

/** A linter that counts its calls and runs its idle work only when told to. */
function countingLinter() {
  const idle: Array<() => void> = [];
  const calls: SuiteLintInput[] = [];
  let ready = false;
  const linter: SuiteLinter = {
    get ready() {
      return ready;
    },
    prepare: async () => {
      await suiteLinter.prepare();
      ready = true;
    },
    lint: (given) => {
      calls.push(given);
      return suiteLinter.lint(given);
    },
    whenIdle: (then) => {
      idle.push(then);
    },
  };
  const runIdle = async () => {
    await linter.prepare();
    for (const then of idle.splice(0)) then();
  };
  return { linter, calls, runIdle };
}

function reporterIn(linter?: SuiteLinter) {
  const dir = mkdtempSync(join(tmpdir(), "maestro-eval-reporter-lint-"));
  dirs.push(dir);
  const reporter = new MaestroReporter({ dir, print: false, progress: "off", ...(linter ? { linter } : {}) });
  const lintOf = () =>
    (JSON.parse(readFileSync(join(dir, "report.json"), "utf8")) as { lint: LintFinding[] }).lint;
  return { reporter, lintOf };
}

async function run(
  reporter: MaestroReporter,
  meta: Record<string, unknown>,
  beforeEnd: () => Promise<void> | void = () => {},
) {
  const { module, suite, cell } = fakeRun(meta);
  reporter.onTestRunStart([{ moduleId: FILE }] as never);
  reporter.onTestModuleCollected(module);
  reporter.onTestCaseResult(cell);
  reporter.onTestSuiteResult(suite);
  await beforeEnd();
  await reporter.onTestRunEnd([module], [], "passed");
}

describe("the reporter's lint of what the workers recorded", () => {
  let expected: LintFinding[];
  beforeAll(async () => {
    await suiteLinter.prepare();
    expected = suiteLinter.lint(input);
  });

  test("a linter told of an input at an idle moment is ready to lint it, with the same findings", async () => {
    // A fresh linter: it loads the verifiers, and compiles their patterns in pieces for descriptions
    // not parsed yet, before it calls back.
    const fresh = createSuiteLinter();
    expect(fresh.ready).toBe(false);
    await new Promise<void>((resolve) => fresh.whenIdle(resolve, input));
    expect(fresh.ready).toBe(true);
    expect(fresh.lint(input)).toEqual(expected);
  });

  test("the findings are those the suite's own lint gives: a conflict and an unverifiable requirement", () => {
    expect(expected.map((finding) => [finding.severity, finding.rule])).toEqual(
      expect.arrayContaining([
        ["error", expect.any(String)],
        ["warning", "unverifiable"],
      ]),
    );
  });

  test("linted once, at the first idle moment after collection, into report.json", async () => {
    const { linter, calls, runIdle } = countingLinter();
    const { reporter, lintOf } = reporterIn(linter);
    await run(reporter, { [LINT_INPUT_META_KEY]: input }, async () => {
      expect(calls).toHaveLength(0);
      await runIdle();
      expect(calls).toHaveLength(1);
    });
    expect(calls).toHaveLength(1);
    expect(lintOf()).toEqual(expected);
  });

  test("linted when the run ends if no idle moment came, the reports written once the linter is loaded", async () => {
    const { linter, calls } = countingLinter();
    const { reporter, lintOf } = reporterIn(linter);
    expect(linter.ready).toBe(false);
    await run(reporter, { [LINT_INPUT_META_KEY]: input });
    expect(calls).toHaveLength(1);
    expect(lintOf()).toEqual(expected);
    expect(reporter.finishing).toBeInstanceOf(Promise);
  });

  test("findings a worker recorded itself are taken as they are, and nothing is linted again", async () => {
    const { linter, calls, runIdle } = countingLinter();
    const { reporter, lintOf } = reporterIn(linter);
    const own = expected.slice(0, 1);
    await run(reporter, { [LINT_META_KEY]: own }, runIdle);
    expect(calls).toHaveLength(0);
    expect(lintOf()).toEqual(own);
  });

  test("without a linter, a recorded input gives no findings (and no error)", async () => {
    const { reporter, lintOf } = reporterIn();
    await run(reporter, { [LINT_INPUT_META_KEY]: input });
    expect(lintOf()).toEqual([]);
  });
});

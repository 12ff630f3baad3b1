import type { MatcherState } from "vitest";
import { diffOutputs, summarizeOutputDiff } from "../diff/index.js";
import { evaluateCheck } from "./evaluate-check.js";
import { describeArgument, plural, shortRunId } from "./format.js";
import type { MaestroMatcherResult } from "./matcher-result.js";
import { readOptionsObject } from "./read-options.js";
import { readRun } from "./read-runs.js";
import type { RunSubject } from "./run-subject.js";
import type { MatchableRun, MatchOutputOfOptions } from "./types.js";

/**
 * Asserts that the run's output (`result`) matches `other`'s: by path when both are JSON (ignoring the
 * `ignore` paths or keys, numbers equal within `tolerance`), by line and word otherwise. The message ends
 * with a summary of the differences from `other`'s output to this run's (`-` only in `other`, `+` only in
 * this run).
 *
 * @example
 * expect(cells.one("jamba-mini", "medium")).toMatchOutputOf(cells.one("jamba-large", "low"), { ignore: ["id"] });
 * // expected output to match the output of run 9a8b7c6d… (jamba-large/low #0), got 1 difference (jamba-mini/medium #0, run 3f1c9a2b…):
 * //   JSON outputs differ at 1 path:
 * //     ~ $.total: 12 → 13
 */
export function toMatchOutputOf(
  this: MatcherState,
  received: unknown,
  other: MatchableRun,
  options?: MatchOutputOfOptions,
): MaestroMatcherResult {
  const otherSubject = readRun(other);
  if (!otherSubject) {
    throw new TypeError(
      `toMatchOutputOf: the other run must be a CellRun or a MaestroRun, got ${describeArgument(other)}`,
    );
  }
  const { aggregate, ignore, tolerance, maxLines = 10 } = readOptionsObject("toMatchOutputOf", options);
  if (!Number.isInteger(maxLines) || maxLines < 1) {
    throw new RangeError(
      `toMatchOutputOf: maxLines must be a positive integer, got ${describeArgument(maxLines)}`,
    );
  }
  const diffOptions = {
    ...(ignore === undefined ? {} : { ignore }),
    ...(tolerance === undefined ? {} : { tolerance }),
  };
  // Checks the options once, so misuse throws even when `received` is not a run.
  withMatcherName(() => diffOutputs(null, null, diffOptions));
  const otherOutput = otherSubject.run.result;
  return evaluateCheck(this.isNot, received, {
    matcher: "toMatchOutputOf",
    subject: "output",
    goal: `to match the output of ${describeOtherRun(otherSubject)}`,
    threshold: 0,
    aggregate,
    check: ({ run }) => {
      // The other run is the reference, as vitest's expected is: "-" is only in it, "+" only in this run.
      const diff = withMatcherName(() => diffOutputs(otherOutput, run.result, diffOptions));
      return {
        ok: true,
        pass: diff.equal,
        seen: diff.equal ? "no differences" : plural(diff.changes, "difference"),
        value: diff.changes,
        block: diff.equal ? undefined : summarizeOutputDiff(diff, { maxLines }),
        actual: run.result,
        expected: otherOutput,
      };
    },
  });
}

/** `run 9a8b7c6d… (jamba-large/low #0)`. */
function describeOtherRun(subject: RunSubject): string {
  const cell = subject.cellRun?.cell;
  const local = subject.run.x_local;
  const where = cell
    ? `${cell.model}/${cell.budget} #${cell.repeat}`
    : local
      ? `${local.model}/${local.budget}`
      : "";
  return `run ${shortRunId(subject.run.id)}${where ? ` (${where})` : ""}`;
}

/** Re-words diffOutputs' misuse errors as this matcher's, which is what the user called. */
function withMatcherName<T>(call: () => T): T {
  try {
    return call();
  } catch (error) {
    if (
      (error instanceof TypeError || error instanceof RangeError) &&
      error.message.startsWith("diffOutputs: ")
    ) {
      const Constructor = error instanceof RangeError ? RangeError : TypeError;
      throw new Constructor(`toMatchOutputOf: ${error.message.slice("diffOutputs: ".length)}`, {
        cause: error,
      });
    }
    throw error;
  }
}

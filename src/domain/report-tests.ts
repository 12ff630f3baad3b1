// Tests that are not cells (a case's `compare`, plain tests): the record the report keeps of each
// (toTestReport), their order, and the assertions they made on each group's cells.
import type { CellReport, TestAssertionReport, TestOutcome, TestReport } from "./eval-report.js";
import { compareText } from "./report-order.js";
import {
  cleanMessage,
  describe,
  isFiniteNumber,
  MAX_FAILURE_CHARS,
  MAX_FAILURES,
  MAX_MESSAGE_CHARS,
} from "./report-text.js";

/** Turns a test outside the cells into the record the report keeps; misuse throws naming the field. */
export function toTestReport(api: string, test: TestOutcome, index: number): TestReport {
  const where = `${api}: tests[${index}]`;
  if (typeof test !== "object" || test === null || typeof test.name !== "string")
    throw new TypeError(`${where} must be a test outcome with a name, got ${describe(test)}`);
  if (test.state !== "passed" && test.state !== "failed" && test.state !== "skipped")
    throw new TypeError(
      `${where}.state must be "passed", "failed" or "skipped", got ${describe(test.state)}`,
    );
  if (!Array.isArray(test.failures) || !Array.isArray(test.assertions))
    throw new TypeError(`${where}.failures and .assertions must be arrays`);
  return {
    name: cleanMessage(test.name, MAX_MESSAGE_CHARS),
    suite: typeof test.suite === "string" ? test.suite : null,
    case: typeof test.case === "string" ? test.case : null,
    state: test.state,
    failures: test.failures
      .slice(0, MAX_FAILURES)
      .map((failure) => cleanMessage(String(failure), MAX_FAILURE_CHARS)),
    assertions: test.assertions.map((assertion): TestAssertionReport => {
      const threshold = isFiniteNumber(assertion.threshold) ? assertion.threshold : null;
      const actual = isFiniteNumber(assertion.actual) ? assertion.actual : null;
      const pass = assertion.pass === true;
      return assertion.requirement === undefined
        ? { cell: assertion.cell, matcher: assertion.matcher, threshold, actual, pass }
        : {
            cell: assertion.cell,
            matcher: assertion.matcher,
            requirement: assertion.requirement,
            threshold,
            actual,
            pass,
          };
    }),
  };
}

/** Orders tests by suite (plain tests first), case and name. */
export function compareTests(a: TestReport, b: TestReport): number {
  return (
    compareText(a.suite ?? "", b.suite ?? "") ||
    Number(a.suite !== null) - Number(b.suite !== null) ||
    compareText(a.case ?? "", b.case ?? "") ||
    compareText(a.name, b.name)
  );
}

/** Per suite and group, the assertions tests outside the cells made on the group's cells. */
export type TestAssertionCounts = Map<string, Map<string, { total: number; failed: number }>>;

export function countTestAssertions(
  tests: readonly TestReport[],
  cells: readonly CellReport[],
): TestAssertionCounts {
  const counts: TestAssertionCounts = new Map();
  if (tests.every((test) => test.assertions.length === 0)) return counts;
  const byKey = new Map(cells.map((cell) => [cell.key, cell]));
  for (const test of tests) {
    for (const assertion of test.assertions) {
      const cell = byKey.get(assertion.cell);
      if (cell === undefined) continue;
      let bySuite = counts.get(cell.suite);
      if (bySuite === undefined) {
        bySuite = new Map();
        counts.set(cell.suite, bySuite);
      }
      const entry = bySuite.get(cell.group) ?? { total: 0, failed: 0 };
      entry.total += 1;
      if (!assertion.pass) entry.failed += 1;
      bySuite.set(cell.group, entry);
    }
  }
  return counts;
}

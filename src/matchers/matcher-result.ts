import type { AssertionRecord } from "../domain/index.js";
import type { RunSubject } from "./run-subject.js";

/** What a Maestro matcher returns to vitest: a synchronous result with `actual` and `expected` for its diff. */
export interface MaestroMatcherResult {
  pass: boolean;
  message: () => string;
  actual?: unknown;
  expected?: unknown;
}

/**
 * A failure that `.not` does not turn into a success: the received value is not a run, or the run cannot
 * answer the question (no such requirement, no requirements_result, API drift).
 */
export function failEitherWay(isNot: boolean, message: string): MaestroMatcherResult {
  return { pass: isNot, message: () => message };
}

/** A success that `.not` does not turn into a failure: `threshold: null` only records. */
export function passEitherWay(isNot: boolean, message: string): MaestroMatcherResult {
  return { pass: !isNot, message: () => message };
}

/** Appends one assertion record to each subject that is a CellRun; bare MaestroRuns have nowhere to keep it. */
export function recordAssertions(
  subjects: readonly RunSubject[],
  record: (subject: RunSubject, index: number) => AssertionRecord,
): void {
  subjects.forEach((subject, index) => {
    subject.cellRun?.assertions.push(record(subject, index));
  });
}

/** `not ` under `.not`, so one message reads right both ways. */
export function notWord(isNot: boolean): string {
  return isNot ? "not " : "";
}

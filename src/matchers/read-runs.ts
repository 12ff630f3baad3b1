import { isCellRun, type MaestroRun } from "../domain/index.js";
import { describeReceived } from "./format.js";
import type { RunSubject } from "./run-subject.js";

/** The runs a matcher received, or why they are not runs. */
export type ReadRunsResult =
  | { ok: true; subjects: RunSubject[]; many: boolean }
  | { ok: false; problem: string };

/** Whether `value` looks like a Maestro run: an object with a string `id` and `status`. */
export function isMaestroRun(value: unknown): value is MaestroRun {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as { id?: unknown; status?: unknown };
  return typeof candidate.id === "string" && typeof candidate.status === "string";
}

/** Reads one run (a CellRun or a bare MaestroRun) into a subject. */
export function readRun(value: unknown): RunSubject | undefined {
  if (isCellRun(value) && isMaestroRun(value.run)) return { run: value.run, cellRun: value };
  if (isMaestroRun(value)) return { run: value, cellRun: undefined };
  return undefined;
}

/** Reads what a matcher received: a CellRun, a bare MaestroRun, or a non-empty array of them. */
export function readRuns(received: unknown): ReadRunsResult {
  if (Array.isArray(received)) {
    if (received.length === 0) return { ok: false, problem: "received an empty array, not runs" };
    const subjects: RunSubject[] = [];
    for (const [index, item] of received.entries()) {
      const subject = readRun(item);
      if (!subject) {
        return {
          ok: false,
          problem: `item ${index} of the received array is ${describeReceived(item)}, not a run`,
        };
      }
      subjects.push(subject);
    }
    return { ok: true, subjects, many: true };
  }
  const subject = readRun(received);
  if (subject) return { ok: true, subjects: [subject], many: false };
  return {
    ok: false,
    problem: `received ${describeReceived(received)}, not a CellRun, a MaestroRun or an array of them`,
  };
}

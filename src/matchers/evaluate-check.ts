// The engine behind the pass-or-fail matchers (status, mandatory gate, verifier audit, output match): one
// run, or an array of runs checked each or counted, with one message that reads right under `.not`.
import { formatRunLabel } from "./format.js";
import {
  failEitherWay,
  type MaestroMatcherResult,
  notWord,
  passEitherWay,
  recordAssertions,
} from "./matcher-result.js";
import { readCheckAggregate } from "./read-options.js";
import { readRuns } from "./read-runs.js";
import type { RunSubject } from "./run-subject.js";
import type { CheckAggregateOption } from "./types.js";

/** What a check finds in one run: whether it passes and what it saw, or why it cannot tell. */
export type CheckOutcome =
  | {
      ok: true;
      pass: boolean;
      /** What was seen, after "got": `"failed"`, `2 differences`. */
      seen: string;
      /** The number kept in the assertion record. */
      value: number | null;
      /** Said after the run's label. */
      detail?: string | undefined;
      /** Lines shown under the message (a diff summary). */
      block?: string | undefined;
      /** What vitest diffs for a single run. */
      actual?: unknown;
      expected?: unknown;
    }
  | { ok: false; problem: string; hint?: string | undefined };

/** How a pass-or-fail matcher checks and words itself. */
export interface CheckSpec {
  matcher: string;
  /** What is checked: `run`, `mandatory requirements`, `output`. */
  subject: string;
  /** What it should do: `to have status "completed"`, `to all score 1`. */
  goal: string;
  /** The threshold kept in the assertion record. */
  threshold: number | null;
  /** Record the outcome without failing (`tolerance: null`). */
  recordOnly?: boolean;
  aggregate: CheckAggregateOption | undefined;
  check: (subject: RunSubject) => CheckOutcome;
}

/** Evaluates a pass-or-fail matcher on what it received. */
export function evaluateCheck(isNot: boolean, received: unknown, spec: CheckSpec): MaestroMatcherResult {
  const runs = readRuns(received);
  const aggregate = readCheckAggregate(
    spec.matcher,
    spec.aggregate,
    runs.ok ? runs.subjects.length : Number.POSITIVE_INFINITY,
  );
  const not = notWord(isNot);
  if (!runs.ok)
    return failEitherWay(isNot, `expected ${spec.subject} ${not}${spec.goal}, but ${runs.problem}`);
  const { subjects, many } = runs;
  const outcomes = subjects.map((subject) => spec.check(subject));
  const record = (pass: boolean) =>
    recordAssertions(subjects, (_, index) => {
      const outcome = outcomes[index]!;
      return {
        matcher: spec.matcher,
        threshold: spec.threshold,
        actual: outcome.ok ? outcome.value : null,
        pass,
      };
    });

  const problemIndex = outcomes.findIndex((outcome) => !outcome.ok);
  if (problemIndex >= 0) {
    const problem = outcomes[problemIndex] as Extract<CheckOutcome, { ok: false }>;
    record(false);
    const hint = problem.hint ? `; ${problem.hint}` : "";
    return failEitherWay(
      isNot,
      `expected ${spec.subject} ${not}${spec.goal}, but ${problem.problem} (${formatRunLabel(subjects[problemIndex]!)})${hint}`,
    );
  }
  const checked = outcomes as Extract<CheckOutcome, { ok: true }>[];

  if (spec.recordOnly) {
    record(true);
    return passEitherWay(
      isNot,
      `recorded ${spec.subject}: ${checked.map((outcome) => outcome.seen).join(", ")}`,
    );
  }

  if (!many) {
    const outcome = checked[0]!;
    record(isNot ? !outcome.pass : outcome.pass);
    const detail = outcome.detail ? `: ${outcome.detail}` : "";
    const block = outcome.block ? `${outcome.detail ? "" : ":"}\n${indent(outcome.block, 2)}` : "";
    const message = `expected ${spec.subject} ${not}${spec.goal}, got ${outcome.seen} (${formatRunLabel(subjects[0]!)})${detail}${block}`;
    return { pass: outcome.pass, message: () => message, actual: outcome.actual, expected: outcome.expected };
  }

  const met = checked.filter((outcome) => outcome.pass).length;
  const needed = aggregate === "each" ? checked.length : aggregate.atLeast;
  const pass = met >= needed;
  record(isNot ? !pass : pass);
  const scope =
    aggregate === "each"
      ? `in each of ${checked.length} runs`
      : `in at least ${needed} of ${checked.length} runs`;
  const lines = checked.map((outcome, index) => {
    const detail = outcome.detail ? `: ${outcome.detail}` : "";
    const line = `  ${outcome.pass ? "✓" : "✗"} ${outcome.seen} (${formatRunLabel(subjects[index]!)})${detail}`;
    return outcome.block && !outcome.pass ? `${line}\n${indent(outcome.block, 4)}` : line;
  });
  const message = [
    `expected ${spec.subject} ${not}${spec.goal} ${scope}, got ${met} of ${checked.length}`,
    ...lines,
  ].join("\n");
  return { pass, message: () => message, actual: met, expected: needed };
}

function indent(block: string, spaces: number): string {
  const pad = " ".repeat(spaces);
  return block
    .split("\n")
    .map((line) => `${pad}${line}`)
    .join("\n");
}

// The engine behind the threshold matchers (score, requirement, latency, cost): one run, or an array of runs
// aggregated by mean, each or a count, with one message that reads right under `.not`.
import { isAtLeast, isAtMost, mean } from "../domain/index.js";
import { formatRunLabel, plural } from "./format.js";
import {
  failEitherWay,
  type MaestroMatcherResult,
  notWord,
  passEitherWay,
  recordAssertions,
} from "./matcher-result.js";
import { readAggregate } from "./read-options.js";
import { readRuns } from "./read-runs.js";
import type { RunSubject } from "./run-subject.js";
import type { AggregateOption } from "./types.js";

/** What a matcher reads from one run: a value, or why there is none. */
export type Measurement =
  | { ok: true; value: number; detail?: string | undefined }
  | {
      ok: false;
      problem: string;
      hint?: string | undefined;
      /** The value exists but was not reported (cost on AI21): `allowUnknown` and `null` let it pass. */
      unknown?: boolean;
    };

/** How a threshold matcher reads, measures and words itself. */
export interface ThresholdSpec {
  matcher: string;
  requirement?: string;
  /** What is measured: `requirement "formats"`, `overall score`, `latency`, `cost`. */
  subject: string;
  /** `to score at least`, `to be at most`. */
  verb: string;
  direction: "atLeast" | "atMost";
  threshold: number | null;
  format: (value: number) => string;
  aggregate: AggregateOption | undefined;
  allowUnknown?: boolean;
  measure: (subject: RunSubject) => Measurement;
}

/** Evaluates a threshold matcher on what it received. */
export function evaluateThreshold(
  isNot: boolean,
  received: unknown,
  spec: ThresholdSpec,
): MaestroMatcherResult {
  const runs = readRuns(received);
  const aggregate = readAggregate(
    spec.matcher,
    spec.aggregate,
    runs.ok ? runs.subjects.length : Number.POSITIVE_INFINITY,
  );
  const not = notWord(isNot);
  const { threshold, format } = spec;
  const goal = threshold === null ? "to be recorded" : `${spec.verb} ${format(threshold)}`;
  if (!runs.ok) return failEitherWay(isNot, `expected ${spec.subject} ${not}${goal}, but ${runs.problem}`);
  const { subjects, many } = runs;
  const measurements = subjects.map((subject) => spec.measure(subject));
  const record = (pass: boolean) =>
    recordAssertions(subjects, (_, index) => {
      const measurement = measurements[index]!;
      return {
        matcher: spec.matcher,
        ...(spec.requirement === undefined ? {} : { requirement: spec.requirement }),
        threshold,
        actual: measurement.ok ? measurement.value : null,
        pass,
      };
    });

  const hardIndex = measurements.findIndex(
    (measurement) => !measurement.ok && !(measurement.unknown && (spec.allowUnknown || threshold === null)),
  );
  if (hardIndex >= 0) {
    const problem = measurements[hardIndex] as Extract<Measurement, { ok: false }>;
    record(false);
    const hint = problem.hint ? `; ${problem.hint}` : "";
    return failEitherWay(
      isNot,
      `expected ${spec.subject} ${not}${goal}, but ${problem.problem} (${formatRunLabel(subjects[hardIndex]!)})${hint}`,
    );
  }

  const compare = spec.direction === "atLeast" ? isAtLeast : isAtMost;
  const lines = subjects.map((subject, index) => {
    const measurement = measurements[index]!;
    if (!measurement.ok) return `  ? unknown (${formatRunLabel(subject)})`;
    const mark = threshold === null ? "•" : compare(measurement.value, threshold) ? "✓" : "✗";
    const detail = measurement.detail ? `: ${measurement.detail}` : "";
    return `  ${mark} ${format(measurement.value)} (${formatRunLabel(subject)})${detail}`;
  });
  const known = measurements.flatMap((measurement) => (measurement.ok ? [measurement] : []));
  const unknownNote =
    known.length < subjects.length
      ? ` (${plural(subjects.length - known.length, "run")} with unknown ${spec.subject} left out)`
      : "";

  if (threshold === null || known.length === 0) {
    record(true);
    const seen =
      known.length === 0 ? "unknown" : known.map((measurement) => format(measurement.value)).join(", ");
    const reason = threshold === null ? "threshold null: recording only" : "unknown values allowed";
    return passEitherWay(isNot, `recorded ${spec.subject} ${seen} (${reason})`);
  }

  if (!many) {
    const measurement = known[0]!;
    const pass = compare(measurement.value, threshold);
    record(isNot ? !pass : pass);
    const detail = measurement.detail ? `: ${measurement.detail}` : "";
    const message = `expected ${spec.subject} ${not}${goal}, got ${format(measurement.value)} (${formatRunLabel(subjects[0]!)})${detail}`;
    return { pass, message: () => message, actual: measurement.value, expected: threshold };
  }

  const values = known.map((measurement) => measurement.value);
  const met = values.filter((value) => compare(value, threshold)).length;
  let pass: boolean;
  let head: string;
  let actual: number;
  let expected: number;
  if (aggregate === "mean") {
    actual = mean(values);
    expected = threshold;
    pass = compare(actual, threshold);
    head = `expected ${spec.subject} ${not}${goal} on average over ${plural(values.length, "run")}, got ${format(actual)}`;
  } else {
    const needed = aggregate === "each" ? values.length : aggregate.atLeast;
    actual = met;
    expected = needed;
    pass = met >= needed;
    const scope =
      aggregate === "each"
        ? `in each of ${plural(values.length, "run")}`
        : `in at least ${needed} of ${plural(values.length, "run")}`;
    head = `expected ${spec.subject} ${not}${goal} ${scope}, got ${met} of ${values.length}`;
  }
  record(isNot ? !pass : pass);
  const message = [`${head}${unknownNote}`, ...lines].join("\n");
  return { pass, message: () => message, actual, expected };
}

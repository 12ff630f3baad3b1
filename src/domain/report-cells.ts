// The record the report keeps of one cell (toCellReport): its requirements with their thresholds and
// score sources, its assertions, failures, output and error, cut to the report's limits.
import type { CellMeta } from "./cell-meta.js";
import type { AssertionRecord } from "./cell-run.js";
import type { CellDisagreement, CellOutcome, CellReport, CellRequirementReport } from "./eval-report.js";
import {
  cleanMessage,
  isFiniteNumber,
  MAX_FAILURE_CHARS,
  MAX_FAILURES,
  MAX_MESSAGE_CHARS,
  trimText,
} from "./report-text.js";
import { isScoreSource, readScoreSources, type ScoreSource } from "./score-source.js";
import { isAtLeast } from "./statistics.js";

const MAX_REASON_CHARS = 1000;

/** Model → budget → `model/budget`: one string per group rather than one per cell. */
export type GroupIds = Map<string, Map<string, string>>;

/**
 * Turns one outcome into the record the report keeps. Called once per cell, and what it makes stays in
 * memory with the report, so it allocates only what the record holds, arrays at their size: thresholds
 * and duplicate names are found by scanning the few assertions and requirements rather than through a
 * Map and a Set per cell, and cells of one group share their `group` string through `groupIds`.
 */
export function toCellReport(
  outcome: CellOutcome,
  maxOutputChars: number,
  groupIds: GroupIds = new Map(),
): CellReport {
  const { meta } = outcome;
  const { cell, run } = meta;
  const error = meta.error ?? null;
  const result = error === null ? run.requirements_result : undefined;
  const reported = result?.requirements ?? [];
  const sources = reported.length === 0 ? undefined : (meta.scoreSources ?? readScoreSources(run));
  let requirements: CellRequirementReport[] = [];
  for (const item of reported) {
    if (typeof item?.name !== "string" || !isFiniteNumber(item.score)) continue;
    if (requirements.some((kept) => kept.name === item.name)) continue;
    const threshold = requirementThreshold(meta.assertions, item.name);
    requirements.push({
      name: item.name,
      mandatory: item.is_mandatory === true,
      score: item.score,
      reason: readReason(item.reason),
      source: readSource(sources?.[item.name], run, item.name),
      threshold,
      pass: isAtLeast(item.score, threshold),
    });
  }
  // `push` leaves room for more; the copy of a short list is its exact size.
  if (requirements.length > 0) requirements = requirements.slice();
  const assertions = meta.assertions.map((assertion): AssertionRecord => {
    const threshold = isFiniteNumber(assertion.threshold) ? assertion.threshold : null;
    const actual = isFiniteNumber(assertion.actual) ? assertion.actual : null;
    const pass = assertion.pass === true;
    return assertion.requirement === undefined
      ? { matcher: assertion.matcher, threshold, actual, pass }
      : { matcher: assertion.matcher, requirement: assertion.requirement, threshold, actual, pass };
  });
  const failures =
    outcome.failures.length === 0
      ? []
      : outcome.failures.slice(0, MAX_FAILURES).map((failure) => cleanMessage(failure, MAX_FAILURE_CHARS));
  const disagreements = (outcome.disagreements ?? []).map(toDisagreement);
  let byBudget = groupIds.get(cell.model);
  if (byBudget === undefined) {
    byBudget = new Map();
    groupIds.set(cell.model, byBudget);
  }
  let group = byBudget.get(cell.budget);
  if (group === undefined) {
    group = `${cell.model}/${cell.budget}`;
    byBudget.set(cell.budget, group);
  }
  const output = error === null ? readOutputText(run.result) : "";
  return {
    key: cell.key,
    suite: cell.suite,
    case: cell.case,
    model: cell.model,
    budget: cell.budget,
    repeat: cell.repeat,
    group,
    kind: meta.kind,
    backend: meta.backend,
    requestHash: meta.requestHash,
    state: outcome.state,
    failures,
    runId: typeof run.id === "string" && run.id.length > 0 ? run.id : null,
    status: run.status,
    simulated: run.x_local?.simulated === true,
    latencyMs: isFiniteNumber(meta.latencyMs) ? meta.latencyMs : 0,
    costUsd: isFiniteNumber(meta.costUsd) ? meta.costUsd : null,
    score: result !== undefined && isFiniteNumber(result.score) ? result.score : null,
    finishReason: typeof result?.finish_reason === "string" ? result.finish_reason : null,
    requirements,
    assertions,
    output: trimText(output, maxOutputChars),
    outputChars: output.length,
    error:
      error === null
        ? null
        : {
            category: error.category,
            name: error.name,
            message: cleanMessage(error.message, MAX_MESSAGE_CHARS),
          },
    disagreements,
  };
}

/** The recorded source of a requirement score, or, when the record holds none (or not a source), the run's. */
function readSource(recorded: unknown, run: CellMeta["run"], name: string): ScoreSource {
  return isScoreSource(recorded) ? recorded : (readScoreSources(run)[name] ?? "maestro");
}

/** The strictest `toMeetRequirement` threshold on a requirement, 1 when none was asserted. */
function requirementThreshold(assertions: readonly AssertionRecord[], name: string): number {
  let threshold: number | undefined;
  for (const assertion of assertions) {
    if (assertion.matcher !== "toMeetRequirement" || assertion.requirement !== name) continue;
    if (typeof assertion.threshold !== "number") continue;
    if (threshold === undefined || assertion.threshold > threshold) threshold = assertion.threshold;
  }
  return threshold ?? 1;
}

function toDisagreement(item: CellDisagreement): CellDisagreement {
  return {
    name: String(item.name),
    reportedScore: item.reportedScore,
    verifiedScore: isFiniteNumber(item.verifiedScore) ? item.verifiedScore : null,
    reportedReason: readReason(item.reportedReason),
    verifiedReason: trimText(String(item.verifiedReason ?? ""), MAX_REASON_CHARS),
  };
}

function readOutputText(result: unknown): string {
  if (typeof result === "string") return result;
  if (result === null || result === undefined) return "";
  try {
    return JSON.stringify(result, null, 2) ?? String(result);
  } catch {
    return String(result);
  }
}

function readReason(reason: string | null | undefined): string | null {
  if (typeof reason !== "string") return null;
  const trimmed = reason.trim();
  return trimmed === "" || trimmed === "None" ? null : trimText(trimmed, MAX_REASON_CHARS);
}

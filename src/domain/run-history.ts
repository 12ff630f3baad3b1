// The history of runs (`reports/history.jsonl`): one line per suite per run, appended when a run ends, and
// the trends read back from it. Pure: what is written and how lines are read and summarised; the file
// itself is the reporter's and the CLI's.
import type { EvalReport } from "./eval-report.js";

/** Version of a history line; a line of another version is skipped as unreadable. */
export const HISTORY_VERSION = 1;

/** Who a history line comes from and when: the run, its git state and backend. */
export interface HistoryRunInfo {
  /** Unique per run: the lines of one run share it. */
  run: string;
  /** When the run finished, ISO 8601. */
  at: string;
  /** The short git commit, null outside a git repository. */
  commit: string | null;
  branch: string | null;
  /** Whether the working tree had uncommitted changes. */
  dirty: boolean;
  backends: ("ai21" | "local" | "replay")[];
  simulated: boolean;
  /** The shard (`i/n`) this run was, null for a whole run. */
  shard: string | null;
  /** `run` for `maestro-eval run`, `merge` for the report `maestro-eval merge` wrote. */
  source: "run" | "merge";
}

/** One requirement of one model/budget in one run. */
export interface HistoryRequirement {
  name: string;
  mandatory: boolean;
  /** The mean score. */
  mean: number;
  /** The share of runs that met their threshold. */
  pass: number;
}

/** One model/budget column of a suite in one run. */
export interface HistoryGroup {
  /** `model/budget`. */
  group: string;
  cells: number;
  /** The mean overall score; null when no cell was scored. */
  overall: number | null;
  /** The mandatory-gate pass rate; null when no cell was scored. */
  mandatory: number | null;
  /** The mean cost per run in USD; null when no cost is known. */
  costUsd: number | null;
  latencyP50Ms: number | null;
  requirements: HistoryRequirement[];
}

/** One line of the history: one suite of one run. */
export interface HistoryEntry extends HistoryRunInfo {
  v: typeof HISTORY_VERSION;
  suite: string;
  groups: HistoryGroup[];
}

const round = (value: number): number => Math.round(value * 10_000) / 10_000;

/**
 * The history lines of a finished run: one per suite, each with every model/budget column's overall
 * score, mandatory pass rate, requirements, cost and latency.
 *
 * @example
 * summarizeForHistory(report, { run: "r1", at: report.run.finishedAt, commit: "3f9c2e1", branch: "main", dirty: false, shard: null, source: "run" });
 */
export function summarizeForHistory(
  report: EvalReport,
  info: Omit<HistoryRunInfo, "backends" | "simulated">,
): HistoryEntry[] {
  return report.suites.map((suite) => ({
    v: HISTORY_VERSION,
    ...info,
    backends: [...report.run.backends],
    simulated: report.run.simulated,
    suite: suite.name,
    groups: suite.groups.map((group) => ({
      group: group.id,
      cells: group.cells,
      overall: group.overall === null ? null : round(group.overall.mean),
      mandatory: group.mandatory === null ? null : round(group.mandatory.rate),
      costUsd: group.costUsd === null || group.costUsd.known === 0 ? null : group.costUsd.mean,
      latencyP50Ms: group.latencyMs === null ? null : Math.round(group.latencyMs.p50),
      requirements: group.requirements.map((requirement) => ({
        name: requirement.name,
        mandatory: requirement.mandatory,
        mean: round(requirement.mean),
        pass: round(requirement.pass.rate),
      })),
    })),
  }));
}

/** One history line, newline included: what one append writes. */
export function formatHistoryLine(entry: HistoryEntry): string {
  return `${JSON.stringify(entry)}\n`;
}

const isNumberOrNull = (value: unknown): boolean =>
  value === null || (typeof value === "number" && Number.isFinite(value));
const isString = (value: unknown): value is string => typeof value === "string";

function isHistoryGroup(value: unknown): value is HistoryGroup {
  if (typeof value !== "object" || value === null) return false;
  const group = value as Record<string, unknown>;
  return (
    isString(group.group) &&
    typeof group.cells === "number" &&
    isNumberOrNull(group.overall) &&
    isNumberOrNull(group.mandatory) &&
    isNumberOrNull(group.costUsd) &&
    isNumberOrNull(group.latencyP50Ms) &&
    Array.isArray(group.requirements) &&
    group.requirements.every((item: unknown) => {
      const requirement = item as Record<string, unknown> | null;
      return (
        typeof requirement === "object" &&
        requirement !== null &&
        isString(requirement.name) &&
        typeof requirement.mandatory === "boolean" &&
        typeof requirement.mean === "number" &&
        typeof requirement.pass === "number"
      );
    })
  );
}

/** Whether `value` is a well-formed {@link HistoryEntry} of this version. */
export function isHistoryEntry(value: unknown): value is HistoryEntry {
  if (typeof value !== "object" || value === null) return false;
  const entry = value as Record<string, unknown>;
  return (
    entry.v === HISTORY_VERSION &&
    isString(entry.run) &&
    isString(entry.at) &&
    !Number.isNaN(Date.parse(entry.at)) &&
    (entry.commit === null || isString(entry.commit)) &&
    (entry.branch === null || isString(entry.branch)) &&
    typeof entry.dirty === "boolean" &&
    Array.isArray(entry.backends) &&
    entry.backends.every(isString) &&
    typeof entry.simulated === "boolean" &&
    (entry.shard === null || isString(entry.shard)) &&
    (entry.source === "run" || entry.source === "merge") &&
    isString(entry.suite) &&
    Array.isArray(entry.groups) &&
    entry.groups.every(isHistoryGroup)
  );
}

/** The history read from its file: the entries in file order, and the 1-based numbers of lines skipped. */
export interface ParsedHistory {
  entries: HistoryEntry[];
  unreadable: number[];
}

/** Reads a history file's text; a line that is not a history entry (cut by a kill, edited) is listed, not thrown. */
export function parseHistory(text: string): ParsedHistory {
  const entries: HistoryEntry[] = [];
  const unreadable: number[] = [];
  text.split("\n").forEach((line, index) => {
    if (line.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      unreadable.push(index + 1);
      return;
    }
    if (isHistoryEntry(value)) entries.push(value);
    else unreadable.push(index + 1);
  });
  return { entries, unreadable };
}

/** A run as the trend shows it: its lines merged. */
export type HistoryRun = Omit<HistoryRunInfo, "backends" | "simulated"> & { simulated: boolean };

/** One point of a trend: a run's value (null when that run did not have the row). */
export interface TrendPoint {
  run: string;
  at: string;
  commit: string | null;
  branch: string | null;
  value: number | null;
}

/** What a trend row measures. */
export type TrendMeasure = "requirement" | "overall" | "mandatory" | "cost" | "latency";

/** One row of a trend: a requirement (or overall, mandatory, cost, latency) of one suite and model/budget. */
export interface TrendRow {
  suite: string;
  group: string;
  measure: TrendMeasure;
  /** The requirement's name, or the measure's label. */
  name: string;
  mandatory: boolean;
  points: TrendPoint[];
  /** The largest change between two consecutive runs that both had the row; null when it never changed. */
  largestChange: { delta: number; from: TrendPoint; to: TrendPoint } | null;
}

/** Options of {@link computeTrends}. */
export interface ComputeTrendsOptions {
  /** Only this suite. */
  suite?: string | undefined;
  /** Only this model/budget. */
  group?: string | undefined;
  /** The number of most recent runs shown. Default 20. */
  last?: number | undefined;
}

/** The trends of the history's last runs. */
export interface TrendsResult {
  /** The runs shown, oldest first. */
  runs: HistoryRun[];
  /** How many whole runs (and merges) the history holds; shards alone are not counted. */
  total: number;
  rows: TrendRow[];
}

/**
 * Each requirement's trend (and the overall score's, the mandatory pass rate's, the cost's and the
 * latency's) over the last runs. Shard runs are left out: a shard holds part of a run's cells, and its
 * merge is recorded as the whole run.
 */
export function computeTrends(
  entries: readonly HistoryEntry[],
  options: ComputeTrendsOptions = {},
): TrendsResult {
  const last = options.last ?? 20;
  if (!Number.isInteger(last) || last < 1) {
    throw new RangeError(`computeTrends: last must be a whole number >= 1, got ${String(last)}`);
  }
  const whole = entries.filter((entry) => entry.shard === null);
  const runs = new Map<string, HistoryRun>();
  for (const entry of whole) {
    if (!runs.has(entry.run)) {
      runs.set(entry.run, {
        run: entry.run,
        at: entry.at,
        commit: entry.commit,
        branch: entry.branch,
        dirty: entry.dirty,
        shard: entry.shard,
        source: entry.source,
        simulated: entry.simulated,
      });
    }
  }
  const ordered = [...runs.values()].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const shown = ordered.slice(-last);
  const index = new Map(shown.map((run, position) => [run.run, position]));
  const rows = new Map<string, TrendRow>();
  const row = (suite: string, group: string, measure: TrendMeasure, name: string, mandatory: boolean) => {
    const key = JSON.stringify([suite, group, measure, name]);
    let found = rows.get(key);
    if (found === undefined) {
      found = {
        suite,
        group,
        measure,
        name,
        mandatory,
        points: shown.map((run) => ({
          run: run.run,
          at: run.at,
          commit: run.commit,
          branch: run.branch,
          value: null,
        })),
        largestChange: null,
      };
      rows.set(key, found);
    }
    return found;
  };
  for (const entry of whole) {
    const position = index.get(entry.run);
    if (position === undefined) continue;
    if (options.suite !== undefined && entry.suite !== options.suite) continue;
    for (const group of entry.groups) {
      if (options.group !== undefined && group.group !== options.group) continue;
      for (const requirement of group.requirements) {
        row(entry.suite, group.group, "requirement", requirement.name, requirement.mandatory).points[
          position
        ]!.value = requirement.mean;
      }
      row(entry.suite, group.group, "overall", "overall", false).points[position]!.value = group.overall;
      row(entry.suite, group.group, "mandatory", "mandatory gate", false).points[position]!.value =
        group.mandatory;
      row(entry.suite, group.group, "cost", "cost / run", false).points[position]!.value = group.costUsd;
      row(entry.suite, group.group, "latency", "latency p50", false).points[position]!.value =
        group.latencyP50Ms;
    }
  }
  const measureOrder: TrendMeasure[] = ["requirement", "overall", "mandatory", "cost", "latency"];
  const sorted = [...rows.values()].sort(
    (a, b) =>
      a.suite.localeCompare(b.suite) ||
      a.group.localeCompare(b.group) ||
      measureOrder.indexOf(a.measure) - measureOrder.indexOf(b.measure),
  );
  for (const trend of sorted) trend.largestChange = findLargestChange(trend.points);
  return { runs: shown, total: ordered.length, rows: sorted };
}

function findLargestChange(points: readonly TrendPoint[]): TrendRow["largestChange"] {
  let best: TrendRow["largestChange"] = null;
  let previous: TrendPoint | undefined;
  for (const point of points) {
    if (point.value === null) continue;
    if (previous !== undefined && previous.value !== null) {
      const delta = point.value - previous.value;
      if (delta !== 0 && (best === null || Math.abs(delta) > Math.abs(best.delta))) {
        best = { delta, from: previous, to: point };
      }
    }
    previous = point;
  }
  return best;
}

// Reads what `maestro-eval run` left in a reports directory and accounts for every cell: in
// results.jsonl and once in report.json, each with a run or a categorised error, none missing, none
// extra, none finished twice; and what the local server counted (runs created, duplicate creates,
// faults). results.jsonl is a log: after `--resume`, a cell that had ended in an error runs again and its
// new outcome follows the error, the last line winning; without resume, every cell has one line.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { EvalReport } from "../../src/domain/index.js";
import { parseResultLines } from "../../src/domain/index.js";

/** The counters the harness writes to `<reports>/local-server.json`. */
export interface ServerStatsFile {
  backend: string;
  runsCreated: number;
  duplicateCreates: number;
  chatCompletions: number;
  faultsInjected: Record<string, number>;
}

/** How the cells of one run are accounted for. */
export interface ReportAudit {
  expected: number;
  /** Lines of results.jsonl, and distinct cells among them. */
  resultLines: number;
  resultCells: number;
  reportCells: number;
  /** Keys expected but absent (first 10), and how many. */
  missing: { count: number; first: string[] };
  /**
   * Keys recorded more than once in results.jsonl where that is wrong (first 10), and how many: a cell
   * finished with a run twice, or, without resume, any cell on two lines.
   */
  duplicated: { count: number; first: string[] };
  /** Cells whose error was followed by another attempt (after `--resume`). */
  retried: number;
  /** Keys present but not in the matrix. */
  unexpected: { count: number; first: string[] };
  /** Cells with neither a run id nor a categorised error, or with both. */
  unaccounted: { count: number; first: string[] };
  /** Cells whose run id differs between results.jsonl and report.json. */
  inconsistent: number;
  /** Cells that finished with a run, by its status. */
  runs: Record<string, number>;
  /** Cells that ended in an error, by `category name`. */
  errorsByName: Record<string, number>;
  /** Cells that ended in an error, by what failed (`POST /runs status 500`, ...). */
  errorsByCause: Record<string, number>;
  infrastructureErrors: number;
  usageErrors: number;
  /** Infrastructure errors per cell. */
  infrastructureErrorRate: number;
  /** Cells whose create the server refused before accepting it (so that no run exists for them). */
  createsRefused: number;
  /** Run ids by cell key, from results.jsonl. */
  runIds: Map<string, string>;
  server: ServerStatsFile | undefined;
  /** Every check that failed, in words; empty when the run is fully accounted for. */
  problems: string[];
}

/** Audits `dir` against the keys of every cell the matrix has; `resumed` when `--resume` ran in it. */
export function auditReports(
  dir: string,
  expectedKeys: readonly string[],
  options: { resumed?: boolean } = {},
): ReportAudit {
  const expected = new Set(expectedKeys);
  const problems: string[] = [];
  const resultsFile = join(dir, "results.jsonl");
  const lines = existsSync(resultsFile) ? parseResultLines(readFileSync(resultsFile, "utf8")) : [];
  const reportFile = join(dir, "report.json");
  const report = existsSync(reportFile)
    ? (JSON.parse(readFileSync(reportFile, "utf8")) as EvalReport)
    : undefined;
  if (report === undefined) problems.push("no report.json");
  const statsFile = join(dir, "local-server.json");
  const server = existsSync(statsFile)
    ? (JSON.parse(readFileSync(statsFile, "utf8")) as ServerStatsFile)
    : undefined;

  const seen = new Map<string, number>();
  const finished = new Map<string, number>();
  const last = new Map<string, (typeof lines)[number]>();
  for (const line of lines) {
    const key = line.meta.cell.key;
    seen.set(key, (seen.get(key) ?? 0) + 1);
    if (line.meta.error === undefined) finished.set(key, (finished.get(key) ?? 0) + 1);
    last.set(key, line);
  }
  const runIds = new Map<string, string>();
  const unaccounted: string[] = [];
  const runs: Record<string, number> = {};
  const errorsByName: Record<string, number> = {};
  const errorsByCause: Record<string, number> = {};
  let infrastructureErrors = 0;
  let usageErrors = 0;
  let createsRefused = 0;
  for (const [key, line] of last) {
    const error = line.meta.error;
    const runId = line.meta.run.id;
    if (error === undefined) {
      if (runId === "" || line.meta.run.status === "in_progress") unaccounted.push(key);
      else {
        runIds.set(key, runId);
        runs[line.meta.run.status] = (runs[line.meta.run.status] ?? 0) + 1;
      }
      continue;
    }
    if (error.name === "" || (error.category !== "infrastructure" && error.category !== "usage")) {
      unaccounted.push(key);
      continue;
    }
    if (error.category === "infrastructure") infrastructureErrors += 1;
    else usageErrors += 1;
    const byName = `${error.category} ${error.name}`;
    errorsByName[byName] = (errorsByName[byName] ?? 0) + 1;
    const cause = describeCause(error.name, error.message);
    errorsByCause[cause] = (errorsByCause[cause] ?? 0) + 1;
    if (/^POST \S+\/maestro\/runs failed with status \d+/.test(error.message)) createsRefused += 1;
  }
  const missing = expectedKeys.filter((key) => !seen.has(key));
  const duplicated = [...seen]
    .filter(([key, count]) => (finished.get(key) ?? 0) > 1 || (options.resumed !== true && count > 1))
    .map(([key]) => key);
  const retried = [...seen].filter(([, count]) => count > 1).length;
  const unexpected = [...seen.keys()].filter((key) => !expected.has(key));

  let inconsistent = 0;
  const reportKeys = new Map<string, number>();
  for (const cell of report?.cells ?? []) {
    reportKeys.set(cell.key, (reportKeys.get(cell.key) ?? 0) + 1);
    const fromLines = runIds.get(cell.key);
    if (cell.error === null && (cell.runId ?? "") !== (fromLines ?? "")) inconsistent += 1;
    if (cell.error !== null && fromLines !== undefined) inconsistent += 1;
  }
  const reportMissing = expectedKeys.filter((key) => !reportKeys.has(key));
  const reportTwice = [...reportKeys].filter(([, count]) => count > 1);

  if (missing.length > 0) problems.push(`${missing.length} cells missing from results.jsonl`);
  if (duplicated.length > 0) problems.push(`${duplicated.length} cells recorded twice in results.jsonl`);
  if (unexpected.length > 0) problems.push(`${unexpected.length} unexpected cells in results.jsonl`);
  if (unaccounted.length > 0) problems.push(`${unaccounted.length} cells with neither a run nor an error`);
  if (report !== undefined) {
    if (reportMissing.length > 0) problems.push(`${reportMissing.length} cells missing from report.json`);
    if (reportTwice.length > 0) problems.push(`${reportTwice.length} cells twice in report.json`);
    if (report.cells.length !== expected.size)
      problems.push(`report.json has ${report.cells.length} cells, expected ${expected.size}`);
  }
  if (inconsistent > 0) problems.push(`${inconsistent} cells differ between results.jsonl and report.json`);

  const cells = seen.size;
  return {
    expected: expected.size,
    resultLines: lines.length,
    resultCells: cells,
    reportCells: report?.cells.length ?? 0,
    missing: { count: missing.length, first: missing.slice(0, 10) },
    duplicated: { count: duplicated.length, first: duplicated.slice(0, 10) },
    retried,
    unexpected: { count: unexpected.length, first: unexpected.slice(0, 10) },
    unaccounted: { count: unaccounted.length, first: unaccounted.slice(0, 10) },
    inconsistent,
    runs,
    errorsByName,
    errorsByCause,
    infrastructureErrors,
    usageErrors,
    infrastructureErrorRate: cells === 0 ? 0 : infrastructureErrors / cells,
    createsRefused,
    runIds,
    server,
    problems,
  };
}

/** What failed, without the ids and timings that make every message unique. */
export function describeCause(name: string, message: string): string {
  const api =
    /^(GET|POST) \S+?(\/maestro\/runs)(\/[^/\s]+)? failed with status (\d+)(?: after (\d+) attempts)?/.exec(
      message,
    );
  if (api !== null) {
    return `${name}: ${api[1]} ${api[3] === undefined ? "/runs" : "/runs/{id}"} status ${api[4]}${
      api[5] === undefined ? "" : " after retries"
    }`;
  }
  const connection =
    /^(GET|POST) \S+?(\/maestro\/runs)(\/[^/\s]+)? failed(?: after \d+ attempts)?: (.*)$/.exec(message);
  if (connection !== null) {
    const reason = connection[4]!.replace(/\d+ ms/g, "N ms");
    return `${name}: ${connection[1]} ${connection[3] === undefined ? "/runs" : "/runs/{id}"} ${reason}`;
  }
  if (name === "MaestroTimeoutError") return `${name}: run still in progress at the cell's deadline`;
  if (name === "MaestroRunError") return `${name}: ${message.replace(/^Maestro run \S+ /, "run ")}`;
  return `${name}: ${message.slice(0, 120)}`;
}

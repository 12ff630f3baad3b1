import { assembleEvalReport, readComparer, readSettings } from "./build-eval-report.js";
import {
  type CellReport,
  EVAL_REPORT_SCHEMA_VERSION,
  type EvalReport,
  type OutputComparer,
  type ReferenceOption,
} from "./eval-report.js";
import { sortLintFindings } from "./lint-finding.js";
import { addCatalogueEntry, type RequirementCatalogue } from "./report-catalogue.js";
import { trimText } from "./report-text.js";

/** Options of {@link mergeEvalReports}. */
export interface MergeEvalReportsOptions {
  /** The same comparer the shards were built with: the reporter's `compareOutputs`. */
  compareOutputs: OutputComparer;
  /** Overrides the shards' reference group. */
  reference?: ReferenceOption | undefined;
  /** Overrides the shards' output limit; a smaller limit cuts the kept outputs further. */
  maxOutputChars?: number | undefined;
  /** Overrides the shards' diff limit. */
  maxDiffsPerCase?: number | undefined;
  /** What to call each report in errors (its file); default `reports[i]`. */
  names?: readonly string[] | undefined;
}

/**
 * Combines the reports of shards (`vitest --shard=i/n`) into the report one unsharded run would have
 * written: the cells are pooled and every summary is rebuilt from them. The run spans the earliest start
 * to the latest finish. Throws a `RangeError` when the reports cannot be one run's: another schema version
 * or maestro-eval version, other backends, other settings (unless overridden), a whole run among them or
 * shards of different splits (when the reports say which shard they were), or a cell in two reports.
 *
 * @example
 * const merged = mergeEvalReports([shard1, shard2, shard3], { compareOutputs });
 */
export function mergeEvalReports(
  reports: readonly EvalReport[],
  options: MergeEvalReportsOptions,
): EvalReport {
  const api = "mergeEvalReports";
  if (!Array.isArray(reports) || reports.length === 0) {
    throw new RangeError(`${api}: reports must be a non-empty array of reports`);
  }
  if (typeof options !== "object" || options === null) {
    throw new TypeError(`${api}: options must be an object with compareOutputs`);
  }
  reports.forEach((report, index) => {
    const version = (report as { schemaVersion?: unknown } | null)?.schemaVersion;
    if (version !== EVAL_REPORT_SCHEMA_VERSION) {
      throw new RangeError(
        `${api}: reports[${index}] has schemaVersion ${JSON.stringify(version)}; this maestro-eval reads version ${EVAL_REPORT_SCHEMA_VERSION}`,
      );
    }
  });
  const first = reports[0]!;
  const nameOf = (index: number) => options.names?.[index] ?? `reports[${index}]`;
  // A shard with no cells has no backend to disagree with.
  const backends = reports.map((report) => (report.run.backends ?? []).join(", ") || "none");
  if (new Set(backends.filter((backend) => backend !== "none")).size > 1) {
    throw new RangeError(
      `${api}: the reports come from different backends (${backends.map((backend, index) => `${nameOf(index)}: ${backend}`).join("; ")}); merge the shards of one run`,
    );
  }
  if (reports.length > 1) checkShards(api, reports, nameOf);
  const versions = [...new Set(reports.map((report) => report.run.maestroEvalVersion))];
  if (versions.length > 1) {
    throw new RangeError(
      `${api}: the reports come from different maestro-eval versions (${versions.join(", ")}); merge the shards of one run`,
    );
  }
  for (const field of ["reference", "maxOutputChars", "maxDiffsPerCase"] as const) {
    if (options[field] !== undefined) continue;
    const values = [...new Set(reports.map((report) => JSON.stringify(report.settings[field])))];
    if (values.length > 1) {
      throw new RangeError(
        `${api}: the reports were built with different settings.${field} (${values.join(", ")}); pass options.${field} to choose one`,
      );
    }
  }
  const settings = readSettings(api, {
    reference: options.reference === undefined ? first.settings.reference : options.reference,
    maxOutputChars: options.maxOutputChars ?? first.settings.maxOutputChars,
    maxDiffsPerCase: options.maxDiffsPerCase ?? first.settings.maxDiffsPerCase,
  });
  const catalogue: RequirementCatalogue = new Map();
  for (const report of reports)
    for (const suite of report.suites)
      for (const requirement of suite.requirements)
        addCatalogueEntry(
          catalogue,
          suite.name,
          requirement.name,
          requirement.mandatory,
          requirement.descriptions,
        );
  const cells = reports.flatMap((report): CellReport[] =>
    report.cells.map((cell: CellReport) =>
      cell.output.length > settings.maxOutputChars
        ? { ...cell, output: trimText(cell.output, settings.maxOutputChars) }
        : cell,
    ),
  );
  let startedAt = first.run.startedAt;
  let finishedAt = first.run.finishedAt;
  for (const report of reports.slice(1)) {
    if (Date.parse(report.run.startedAt) < Date.parse(startedAt)) startedAt = report.run.startedAt;
    if (Date.parse(report.run.finishedAt) > Date.parse(finishedAt)) finishedAt = report.run.finishedAt;
  }
  const shards = reports.map((report) => report.run.shard);
  // One shard alone is still that shard; several make the whole run.
  const shard = reports.length === 1 && shards[0] !== "1/1" ? (shards[0] ?? null) : null;
  const merged = assembleEvalReport({
    api,
    cells,
    catalogue,
    run: { maestroEvalVersion: first.run.maestroEvalVersion, startedAt, finishedAt, shard },
    settings,
    compareOutputs: readComparer(api, options.compareOutputs),
    // Reports written before tests and runErrors were kept have neither.
    tests: reports.flatMap((report) => report.tests ?? []),
    runErrors: reports.flatMap((report) => report.runErrors ?? []),
  });
  // Each shard linted the suites it collected: together, without repeats, they are the whole run's.
  if (reports.some((report) => report.lint !== undefined))
    merged.lint = sortLintFindings(reports.flatMap((report) => report.lint ?? []));
  return merged;
}

/**
 * Reports that say which shard they were must be distinct shards of one split; a whole run (shard null)
 * is not a shard of anything. Reports written before the shard was kept say nothing and are let through.
 */
function checkShards(api: string, reports: readonly EvalReport[], nameOf: (index: number) => string): void {
  const seen = new Map<string, number>();
  let split: { n: string; index: number } | undefined;
  reports.forEach((report, index) => {
    const shard = report.run.shard;
    if (shard === undefined) return;
    if (shard === null) {
      throw new RangeError(
        `${api}: ${nameOf(index)} is the report of a whole run, not of a shard (run --shard i/n); merge combines the shards of one run`,
      );
    }
    const [i, n] = shard.split("/") as [string, string];
    if (split !== undefined && split.n !== n) {
      throw new RangeError(
        `${api}: ${nameOf(split.index)} is a shard of ${split.n} but ${nameOf(index)} is shard ${shard}; merge the shards of one run`,
      );
    }
    split ??= { n, index };
    const before = seen.get(i);
    if (before !== undefined) {
      throw new RangeError(`${api}: ${nameOf(before)} and ${nameOf(index)} are both shard ${shard}`);
    }
    seen.set(i, index);
  });
}

// The page's side of html-report-data.ts: each chunk's arrays and string indexes decoded once into objects
// with named fields, written against the same types the encoder fills, so that the two cannot drift apart
// unnoticed. The page's script embeds this function's source (html-report-assets.ts), so it uses nothing
// but its arguments and the language's built-ins, and runs in Node the same (the tests decode with it).
import type { DiffRow, DiffSegment } from "../domain/index.js";
import type { HtmlDiffRow, HtmlReportDataChunk } from "./html-report-data.js";

/** A model/budget group of a suite. */
export interface HtmlGroupView {
  id: string;
  model: string;
  budget: string;
}

/** A suite: its position in the report, its groups, requirements and cases. */
export interface HtmlSuiteView {
  index: number;
  name: string;
  groups: HtmlGroupView[];
  requirements: { name: string; mandatory: boolean }[];
  cases: string[];
}

/** One requirement of a cell. */
export interface HtmlRequirementView {
  /** Its name in the suite; null when the suite does not list it. */
  name: string | null;
  mandatory: boolean;
  score: number;
  reason: string | null;
  threshold: number;
  pass: boolean;
  /** Who scored it, in words ("verified", "self-assessed", ...). */
  source: string | null;
}

/** A requirement on which Maestro's score and the verifiers' disagree. */
export interface HtmlDisagreementView {
  name: string;
  reportedScore: number;
  verifiedScore: number | null;
  reportedReason: string | null;
  verifiedReason: string | null;
}

/** One cell, as the page shows it. */
export interface HtmlCellView {
  suite: HtmlSuiteView;
  case: string;
  group: HtmlGroupView;
  repeat: number;
  state: "passed" | "failed" | "skipped";
  score: number | null;
  latencyMs: number;
  costUsd: number | null;
  /** The output, cut to the report's limit; `outputChars` is the whole output's length. */
  output: string;
  outputChars: number;
  error: { category: string; name: string; message: string } | null;
  requirements: HtmlRequirementView[];
  failures: string[];
  disagreements: HtmlDisagreementView[];
  /** Failed assertions on the cell: its own and those a case's compare made on it. */
  failedAssertions: number;
  runId: string | null;
}

/** A cell's diff against its case's reference cell. */
export interface HtmlDiffView {
  /** The cell's and the reference cell's positions among all cells. */
  cell: number;
  reference: number;
  kind: "json" | "text";
  changes: number;
  summary: string;
  truncated: boolean;
  rows: DiffRow[];
}

/** Everything decoded from the chunks read so far. */
export interface HtmlReportView {
  strings: string[];
  suites: HtmlSuiteView[];
  /** How many cells all the chunks hold. */
  total: number;
  cells: HtmlCellView[];
  /** Diffs by the position of their cell. */
  diffs: Map<number, HtmlDiffView>;
  /** Positions of the cells whose output equals their case's reference cell's. */
  equal: Set<number>;
}

/** An empty view, for {@link decodeHtmlReportChunk} to fill. */
export function createHtmlReportView(): HtmlReportView {
  return { strings: [], suites: [], total: 0, cells: [], diffs: new Map(), equal: new Set() };
}

/**
 * Adds a chunk to `view`: its strings to the table, then its suites (the first chunk's), cells, diffs and
 * equal cells with every string index resolved. Chunks must come in order: each refers to the strings of
 * the ones before.
 */
export function decodeHtmlReportChunk(chunk: HtmlReportDataChunk, view: HtmlReportView): void {
  const { strings } = view;
  for (const text of chunk.strings) strings.push(text);
  const text = (ref: number): string => strings[ref]!;
  const optional = (ref: number): string | null => (ref < 0 ? null : strings[ref]!);
  if (chunk.suites !== undefined) {
    view.total = chunk.total ?? 0;
    view.suites = chunk.suites.map(([name, groups, requirements, cases], index) => ({
      index,
      name: text(name),
      groups: groups.map(([id, model, budget]) => ({
        id: text(id),
        model: text(model),
        budget: text(budget),
      })),
      requirements: requirements.map(([name, mandatory]) => ({
        name: text(name),
        mandatory: mandatory === 1,
      })),
      cases: cases.map(text),
    }));
  }
  const states = ["passed", "failed", "skipped"] as const;
  for (const cell of chunk.cells) {
    const [suiteIndex, caseIndex, groupIndex, repeat, state, score, latencyMs, costUsd] = cell;
    const suite = view.suites[suiteIndex]!;
    const error = cell[10];
    view.cells.push({
      suite,
      case: suite.cases[caseIndex]!,
      group: suite.groups[groupIndex]!,
      repeat,
      state: states[state],
      score,
      latencyMs,
      costUsd,
      output: text(cell[8]),
      outputChars: cell[9],
      error: error === 0 ? null : { category: text(error[0]), name: text(error[1]), message: text(error[2]) },
      requirements: cell[11].map(([requirement, score, reason, threshold, pass, source]) => {
        const known = suite.requirements[requirement];
        return {
          name: known === undefined ? null : known.name,
          mandatory: known?.mandatory === true,
          score,
          reason: optional(reason),
          threshold,
          pass: pass === 1,
          source: optional(source),
        };
      }),
      failures: cell[12].map(text),
      disagreements: cell[13].map(([name, reportedScore, verifiedScore, reportedReason, verifiedReason]) => ({
        name: text(name),
        reportedScore,
        verifiedScore,
        reportedReason: optional(reportedReason),
        verifiedReason: optional(verifiedReason),
      })),
      failedAssertions: cell[14],
      runId: optional(cell[15]),
    });
  }
  const segmentTypes = ["equal", "remove", "add"] as const;
  const segment = ([type, ref]: [0 | 1 | 2, number]): DiffSegment => ({
    type: segmentTypes[type],
    text: text(ref),
  });
  const diffRow = (row: HtmlDiffRow): DiffRow => {
    switch (row[0]) {
      case 0:
        return { type: "equal", left: text(row[1]), right: text(row[2]) };
      case 1:
        return { type: "remove", left: text(row[1]) };
      case 2:
        return { type: "add", right: text(row[1]) };
      case 3:
        return { type: "modify", left: text(row[1]), right: text(row[2]), segments: row[3].map(segment) };
      case 4:
        return { type: "skip", count: row[1] };
    }
  };
  for (const [cell, reference, kind, changes, summary, truncated, rows] of chunk.diffs) {
    view.diffs.set(cell, {
      cell,
      reference,
      kind: kind === 0 ? "json" : "text",
      changes,
      summary: text(summary),
      truncated: truncated === 1,
      rows: rows.map(diffRow),
    });
  }
  for (const position of chunk.equal) view.equal.add(position);
}

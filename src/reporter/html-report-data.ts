// The data the HTML report's script reads: the report's cells and diffs in a compact form. Every string
// goes through one table and is referred to by index, so that names, reasons and the reference side of
// diffs (repeated across a case's diffs) are written once; cells are arrays rather than objects. The page
// renders rows from it on demand, so 10,000 cells open at once.
import type { CellReport, DiffRow, EvalReport } from "../domain/index.js";

/** A string's index in {@link HtmlReportData.strings}, or -1 for none. */
type Ref = number;

/** One requirement of a cell: [requirement index in its suite, score, reason, threshold, passed 0/1]. */
export type HtmlCellRequirement = [number, number, Ref, number, 0 | 1];

/**
 * One cell: [suite, case (index in its suite's cases), group (index in its suite's groups), repeat,
 * state (0 passed, 1 failed, 2 skipped), score or null, latency ms, cost or null, output, output length,
 * error ([category, name, message]) or 0, requirements, failures, disagreements ([name, reported score,
 * verified score or null, reported reason, verified reason]), failed assertions, run id].
 */
export type HtmlCell = [
  number,
  number,
  number,
  number,
  0 | 1 | 2,
  number | null,
  number,
  number | null,
  Ref,
  number,
  [Ref, Ref, Ref] | 0,
  HtmlCellRequirement[],
  Ref[],
  [Ref, number, number | null, Ref, Ref][],
  number,
  Ref,
];

/** A diff row: [0 equal, left, right] | [1 remove, left] | [2 add, right] | [3 modify, left, right, segments] | [4 skip, count]. */
export type HtmlDiffRow =
  | [0, Ref, Ref]
  | [1, Ref]
  | [2, Ref]
  | [3, Ref, Ref, [0 | 1 | 2, Ref][]]
  | [4, number];

/** A diff: [cell, reference cell, kind (0 json, 1 text), changes, summary, truncated 0/1, rows]. */
export type HtmlDiff = [number, number, 0 | 1, number, Ref, 0 | 1, HtmlDiffRow[]];

/** What the HTML report embeds as JSON. */
export interface HtmlReportData {
  version: 1;
  strings: string[];
  /** Per suite: [name, groups as [id, model, budget], requirements as [name, mandatory 0/1], cases]. */
  suites: [Ref, [Ref, Ref, Ref][], [Ref, 0 | 1][], Ref[]][];
  cells: HtmlCell[];
  diffs: HtmlDiff[];
  /** Cells whose output equals their case's reference cell's. */
  equal: number[];
}

const SEGMENT_CODES = { equal: 0, remove: 1, add: 2 } as const;

/** Turns a report into the HTML report's embedded data. */
export function createHtmlReportData(report: EvalReport): HtmlReportData {
  const strings: string[] = [];
  const index = new Map<string, number>();
  const ref = (text: string | null): Ref => {
    if (text === null) return -1;
    let found = index.get(text);
    if (found === undefined) {
      found = strings.length;
      strings.push(text);
      index.set(text, found);
    }
    return found;
  };

  const suiteIndex = new Map<string, number>();
  const caseIndex = new Map<string, number>();
  const groupIndex = new Map<string, number>();
  const requirementIndex = new Map<string, number>();
  const key = (...parts: (string | number)[]) => JSON.stringify(parts);
  const suites: HtmlReportData["suites"] = report.suites.map((suite, s) => {
    suiteIndex.set(suite.name, s);
    suite.groups.forEach((group, g) => {
      groupIndex.set(key(s, group.id), g);
    });
    suite.requirements.forEach((requirement, r) => {
      requirementIndex.set(key(s, requirement.name), r);
    });
    suite.cases.forEach((item, c) => {
      caseIndex.set(key(s, item.name), c);
    });
    return [
      ref(suite.name),
      suite.groups.map((group): [Ref, Ref, Ref] => [ref(group.id), ref(group.model), ref(group.budget)]),
      suite.requirements.map((requirement): [Ref, 0 | 1] => [
        ref(requirement.name),
        requirement.mandatory ? 1 : 0,
      ]),
      suite.cases.map((item) => ref(item.name)),
    ];
  });

  const cellIndex = new Map<string, number>();
  const cells = report.cells.map((cell, position): HtmlCell => {
    cellIndex.set(cell.key, position);
    const s = suiteIndex.get(cell.suite) ?? 0;
    let c = caseIndex.get(key(s, cell.case));
    if (c === undefined) {
      // A suite without a reference group lists no cases; add them as they come.
      c = suites[s]![3].length;
      suites[s]![3].push(ref(cell.case));
      caseIndex.set(key(s, cell.case), c);
    }
    return [
      s,
      c,
      groupIndex.get(key(s, cell.group)) ?? 0,
      cell.repeat,
      cell.state === "passed" ? 0 : cell.state === "failed" ? 1 : 2,
      cell.score,
      cell.latencyMs,
      cell.costUsd,
      ref(cell.output),
      cell.outputChars,
      cell.error === null ? 0 : [ref(cell.error.category), ref(cell.error.name), ref(cell.error.message)],
      cell.requirements.map(
        (item): HtmlCellRequirement => [
          requirementIndex.get(key(s, item.name)) ?? -1,
          item.score,
          ref(item.reason),
          item.threshold,
          item.pass ? 1 : 0,
        ],
      ),
      cell.failures.map((failure) => ref(failure)),
      cell.disagreements.map((item): [Ref, number, number | null, Ref, Ref] => [
        ref(item.name),
        item.reportedScore,
        item.verifiedScore,
        ref(item.reportedReason),
        ref(item.verifiedReason),
      ]),
      countFailedAssertions(cell),
      ref(cell.runId),
    ];
  });

  const diffs: HtmlDiff[] = [];
  const equal: number[] = [];
  for (const suite of report.suites) {
    for (const item of suite.cases) {
      if (item.reference === null) continue;
      const reference = cellIndex.get(item.reference);
      if (reference === undefined) continue;
      for (const cellKey of item.equal) {
        const position = cellIndex.get(cellKey);
        if (position !== undefined) equal.push(position);
      }
      for (const diff of item.diffs) {
        const position = cellIndex.get(diff.cell);
        if (position === undefined) continue;
        const { comparison } = diff;
        diffs.push([
          position,
          reference,
          comparison.kind === "json" ? 0 : 1,
          comparison.changes,
          ref(comparison.summary),
          comparison.truncated ? 1 : 0,
          comparison.rows.map((row) => toHtmlRow(row, ref)),
        ]);
      }
    }
  }
  return { version: 1, strings, suites, cells, diffs, equal };
}

function toHtmlRow(row: DiffRow, ref: (text: string) => Ref): HtmlDiffRow {
  switch (row.type) {
    case "equal":
      return [0, ref(row.left), ref(row.right)];
    case "remove":
      return [1, ref(row.left)];
    case "add":
      return [2, ref(row.right)];
    case "modify":
      return [
        3,
        ref(row.left),
        ref(row.right),
        row.segments.map((segment): [0 | 1 | 2, Ref] => [SEGMENT_CODES[segment.type], ref(segment.text)]),
      ];
    case "skip":
      return [4, row.count];
  }
}

function countFailedAssertions(cell: CellReport): number {
  let failed = 0;
  for (const assertion of cell.assertions) if (!assertion.pass) failed += 1;
  return failed;
}

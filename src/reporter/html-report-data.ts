// The data the HTML report's script reads: the report's cells and diffs in a compact form, in chunks of a
// few thousand cells, each its own JSON element, so that the page shows the first rows while it still
// parses the rest, and no chunk (nor the page's source) is ever one huge string. Every string goes
// through one table and is referred to by index, so that names, reasons and the reference side of diffs
// (repeated across a case's diffs) are written once: a chunk carries the strings it is the first to use,
// and their indexes follow on from the previous chunks'. Cells are arrays rather than objects.
import type { CaseReport, CellReport, DiffRow, EvalReport } from "../domain/index.js";
import { escapeJsonTextForScript } from "./escape.js";
import { describeSource } from "./format-values.js";

/** A string's index in the strings of the chunks read so far, or -1 for none. */
type Ref = number;

/**
 * One requirement of a cell: [requirement index in its suite, score, reason, threshold, passed 0/1, who
 * scored it ("verified", "self-assessed", ...)].
 */
export type HtmlCellRequirement = [number, number, Ref, number, 0 | 1, Ref];

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

/** One chunk of what the HTML report embeds as JSON; the page reads them in order. */
export interface HtmlReportDataChunk {
  version: 1;
  /** The strings this chunk is the first to use; their indexes follow on from the earlier chunks'. */
  strings: string[];
  /**
   * In the first chunk only: per suite [name, groups as [id, model, budget], requirements as
   * [name, mandatory 0/1], cases].
   */
  suites?: [Ref, [Ref, Ref, Ref][], [Ref, 0 | 1][], Ref[]][];
  /** In the first chunk only: how many cells all the chunks hold. */
  total?: number;
  cells: HtmlCell[];
  /** The diffs of the cases whose last cell is in this chunk. */
  diffs: HtmlDiff[];
  /** Cells whose output equals their case's reference cell's. */
  equal: number[];
}

/** How many cells go into one chunk: small enough to parse in a few milliseconds. */
export const HTML_CHUNK_CELLS = 2000;

const SEGMENT_CODES = { equal: 0, remove: 1, add: 2 } as const;

const OPEN_CHUNK = '<script type="application/json" class="maestro-eval-data">{"version":1';
const CLOSE_CHUNK = "]}</script>\n";

interface SuiteIndex {
  position: number;
  groups: Map<string, number>;
  requirements: Map<string, number>;
  cases: Map<string, number>;
  caseReports: Map<string, CaseReport>;
}

/**
 * A chunk's strings: each gets the next index; a text met again within the same case gets its index back.
 * Repeats are looked up only within a case, where they happen (one output over repeats, the reference's
 * lines across a case's diffs): a table of every output of 100,000 cells would cost more than it saves.
 */
class StringTable {
  /** The strings first used since the last {@link take}. */
  private fresh: string[] = [];
  private next = 0;
  private readonly seen = new Map<string, number>();

  readonly ref = (text: string | null): Ref => {
    if (text === null) return -1;
    let found = this.seen.get(text);
    if (found === undefined) {
      found = this.next++;
      this.fresh.push(text);
      this.seen.set(text, found);
    }
    return found;
  };

  /** Starts a new case: earlier texts are no longer looked up. */
  forget(): void {
    this.seen.clear();
  }

  /** The strings first used since the last call. */
  take(): string[] {
    const fresh = this.fresh;
    this.fresh = [];
    return fresh;
  }
}

/** Options of {@link renderHtmlReportData}. */
export interface RenderHtmlReportDataOptions {
  /** Cells per chunk; default {@link HTML_CHUNK_CELLS}. */
  chunkCells?: number;
  /** Markup written right after the first chunk: the page's script, which reads the chunks as they come. */
  afterFirstChunk?: string;
}

// Cells, diffs and strings are serialised this many at a time: few calls, small pieces.
const BATCH = 128;

/**
 * The HTML report's data as `<script type="application/json" class="maestro-eval-data">` elements of about
 * `chunkCells` cells each (the shape of {@link HtmlReportDataChunk}), escaped for the page and yielded in
 * pieces of a few dozen cells, diffs or strings, so that the data of 100,000 cells is never one string.
 */
export function* renderHtmlReportData(
  report: EvalReport,
  options: RenderHtmlReportDataOptions = {},
): Generator<string> {
  const { chunkCells = HTML_CHUNK_CELLS, afterFirstChunk = "" } = options;
  if (!Number.isInteger(chunkCells) || chunkCells < 1) {
    throw new RangeError(`renderHtmlReport: chunkCells must be a positive integer, got ${chunkCells}`);
  }
  const table = new StringTable();
  const { ref } = table;
  const bySuite = new Map<string, SuiteIndex>();
  const suites: NonNullable<HtmlReportDataChunk["suites"]> = report.suites.map((suite, position) => {
    const entry: SuiteIndex = {
      position,
      groups: new Map(suite.groups.map((group, g) => [group.id, g])),
      requirements: new Map(suite.requirements.map((requirement, r) => [requirement.name, r])),
      cases: new Map(suite.cases.map((item, c) => [item.name, c])),
      caseReports: new Map(suite.cases.map((item) => [item.name, item])),
    };
    bySuite.set(suite.name, entry);
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
  // A suite without a reference group lists no cases: add them, before the first chunk goes out.
  for (const cell of report.cells) {
    const suite = bySuite.get(cell.suite);
    if (suite === undefined || suite.cases.has(cell.case)) continue;
    suite.cases.set(cell.case, suites[suite.position]![3].length);
    suites[suite.position]![3].push(ref(cell.case));
  }

  const { cells } = report;
  // Assertions a case's compare made on a cell count as the cell's own for the "failing only" filter.
  const failedElsewhere = new Map<string, number>();
  for (const test of report.tests ?? [])
    for (const assertion of test.assertions)
      if (!assertion.pass)
        failedElsewhere.set(assertion.cell, (failedElsewhere.get(assertion.cell) ?? 0) + 1);
  // Positions of the current case's cells, which its diffs name.
  const caseCells = new Map<string, number>();
  let chunks = 0;
  let inChunk = 0;
  let batch: HtmlCell[] = [];
  // Diffs and equal cells wait for the end of their chunk; strings are written last, once all are known.
  let diffs: HtmlDiff[] = [];
  let equal: number[] = [];
  function* closeChunk(): Generator<string> {
    if (batch.length > 0) yield listPiece(batch, inChunk > batch.length);
    batch = [];
    yield `],"diffs":[`;
    for (let start = 0; start < diffs.length; start += BATCH)
      yield listPiece(diffs.slice(start, start + BATCH), start > 0);
    yield `],"equal":${JSON.stringify(equal)},"strings":[`;
    const strings = table.take();
    for (let start = 0; start < strings.length; start += BATCH)
      yield listPiece(strings.slice(start, start + BATCH), start > 0);
    yield CLOSE_CHUNK;
    if (chunks === 0 && afterFirstChunk !== "") yield afterFirstChunk;
    chunks += 1;
    diffs = [];
    equal = [];
    inChunk = 0;
  }
  yield `${OPEN_CHUNK},"total":${cells.length},"suites":${escapeJsonTextForScript(JSON.stringify(suites))},"cells":[`;
  let currentCase: CellReport | undefined;
  for (let position = 0; position < cells.length; position++) {
    const cell = cells[position]!;
    if (currentCase === undefined || cell.case !== currentCase.case || cell.suite !== currentCase.suite) {
      table.forget();
      caseCells.clear();
      currentCase = cell;
    }
    caseCells.set(cell.key, position);
    const suite = bySuite.get(cell.suite);
    batch.push(toHtmlCell(cell, suite, ref, failedElsewhere.get(cell.key) ?? 0));
    inChunk += 1;
    if (batch.length === BATCH) {
      yield listPiece(batch, inChunk > BATCH);
      batch = [];
    }
    const following = cells[position + 1];
    if (suite !== undefined && (following?.suite !== cell.suite || following.case !== cell.case)) {
      // The case's last cell: its diffs can go out, every cell they name is in this chunk or an earlier one.
      const item = suite.caseReports.get(cell.case);
      if (item !== undefined) addCaseDiffs(item, caseCells, ref, diffs, equal);
    }
    if (inChunk >= chunkCells && following !== undefined) {
      yield* closeChunk();
      yield `${OPEN_CHUNK},"cells":[`;
    }
  }
  yield* closeChunk();
}

/** Items of a JSON array, without the brackets, escaped for the page; after a comma when not the first. */
function listPiece(items: readonly unknown[], comma: boolean): string {
  const json = JSON.stringify(items);
  return escapeJsonTextForScript(`${comma ? "," : ""}${json.slice(1, -1)}`);
}

function toHtmlCell(
  cell: CellReport,
  suite: SuiteIndex | undefined,
  ref: (text: string | null) => Ref,
  failedElsewhere: number,
): HtmlCell {
  const requirements: HtmlCellRequirement[] = [];
  for (const item of cell.requirements) {
    requirements.push([
      suite?.requirements.get(item.name) ?? -1,
      item.score,
      ref(item.reason),
      item.threshold,
      item.pass ? 1 : 0,
      ref(describeSource(item.source)),
    ]);
  }
  let failedAssertions = failedElsewhere;
  for (const assertion of cell.assertions) if (!assertion.pass) failedAssertions += 1;
  return [
    suite?.position ?? 0,
    suite?.cases.get(cell.case) ?? 0,
    suite?.groups.get(cell.group) ?? 0,
    cell.repeat,
    cell.state === "passed" ? 0 : cell.state === "failed" ? 1 : 2,
    cell.score,
    cell.latencyMs,
    cell.costUsd,
    ref(cell.output),
    cell.outputChars,
    cell.error === null ? 0 : [ref(cell.error.category), ref(cell.error.name), ref(cell.error.message)],
    requirements,
    cell.failures.length === 0 ? [] : cell.failures.map((failure) => ref(failure)),
    cell.disagreements.length === 0
      ? []
      : cell.disagreements.map((item): [Ref, number, number | null, Ref, Ref] => [
          ref(item.name),
          item.reportedScore,
          item.verifiedScore,
          ref(item.reportedReason),
          ref(item.verifiedReason),
        ]),
    failedAssertions,
    ref(cell.runId),
  ];
}

function addCaseDiffs(
  item: CaseReport,
  cellIndex: Map<string, number>,
  ref: (text: string) => Ref,
  diffs: HtmlDiff[],
  equal: number[],
): void {
  if (item.reference === null) return;
  const reference = cellIndex.get(item.reference);
  if (reference === undefined) return;
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

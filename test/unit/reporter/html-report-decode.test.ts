// The HTML report's data read back as the page reads it: the decoder turns every chunking of a report into
// the same cells, diffs and suites, with named fields equal to the report's own.
import { describe, expect, test } from "vitest";
import type { EvalReport } from "../../../src/domain/index.js";
import { describeSource } from "../../../src/reporter/format-values.js";
import type { HtmlReportDataChunk } from "../../../src/reporter/html-report-data.js";
import { renderHtmlReportData } from "../../../src/reporter/html-report-data.js";
import {
  createHtmlReportView,
  decodeHtmlReportChunk,
  type HtmlReportView,
} from "../../../src/reporter/html-report-decode.js";
import { fixtureReport, hostileReport } from "./fixtures.js";

/** The page's view of a report rendered in chunks of `chunkCells`, and how many chunks there were. */
function decode(report: EvalReport, chunkCells?: number): { chunks: number; view: HtmlReportView } {
  const html = [...renderHtmlReportData(report, chunkCells === undefined ? {} : { chunkCells })].join("");
  const elements = [
    ...html.matchAll(/<script type="application\/json" class="maestro-eval-data">([\s\S]*?)<\/script>/g),
  ];
  const view = createHtmlReportView();
  for (const [, data] of elements) decodeHtmlReportChunk(JSON.parse(data!) as HtmlReportDataChunk, view);
  return { chunks: elements.length, view };
}

describe.each([
  ["the fixed report", fixtureReport()],
  ["a hostile report", hostileReport()],
] as [string, EvalReport][])("decodeHtmlReportChunk on %s", (_, report) => {
  const whole = decode(report);

  test("gives each cell's fields as the report has them", () => {
    expect(whole.chunks).toBe(1);
    expect(whole.view.total).toBe(report.cells.length);
    expect(whole.view.suites.map((suite) => [suite.index, suite.name])).toEqual(
      report.suites.map((suite, index) => [index, suite.name]),
    );
    expect(
      whole.view.cells.map((cell) => ({
        suite: cell.suite.name,
        case: cell.case,
        group: cell.group.id,
        model: cell.group.model,
        budget: cell.group.budget,
        repeat: cell.repeat,
        state: cell.state,
        score: cell.score,
        latencyMs: cell.latencyMs,
        costUsd: cell.costUsd,
        output: cell.output,
        outputChars: cell.outputChars,
        error: cell.error,
        requirements: cell.requirements.map(
          ({ name, mandatory, score, reason, threshold, pass, source }) => ({
            name,
            mandatory,
            score,
            reason,
            threshold,
            pass,
            source,
          }),
        ),
        failures: cell.failures,
        disagreements: cell.disagreements,
        runId: cell.runId,
      })),
    ).toEqual(
      report.cells.map((cell) => {
        const suite = report.suites.find((item) => item.name === cell.suite)!;
        return {
          suite: cell.suite,
          case: cell.case,
          group: cell.group,
          model: cell.model,
          budget: cell.budget,
          repeat: cell.repeat,
          state: cell.state,
          score: cell.score,
          latencyMs: cell.latencyMs,
          costUsd: cell.costUsd,
          output: cell.output,
          outputChars: cell.outputChars,
          error: cell.error,
          requirements: cell.requirements.map((item) => ({
            name: item.name,
            mandatory: suite.requirements.find((requirement) => requirement.name === item.name)!.mandatory,
            score: item.score,
            reason: item.reason,
            threshold: item.threshold,
            pass: item.pass,
            source: describeSource(item.source),
          })),
          failures: cell.failures,
          disagreements: cell.disagreements.map((item) => ({
            name: item.name,
            reportedScore: item.reportedScore,
            verifiedScore: item.verifiedScore,
            reportedReason: item.reportedReason,
            verifiedReason: item.verifiedReason,
          })),
          runId: cell.runId,
        };
      }),
    );
  });

  test("gives each case's diffs and equal cells against its reference cell", () => {
    const position = new Map(report.cells.map((cell, index) => [cell.key, index]));
    const cases = report.suites.flatMap((suite) => suite.cases);
    const diffs = cases.flatMap((item) =>
      item.diffs.map((diff) => ({
        cell: position.get(diff.cell),
        reference: position.get(item.reference!),
        kind: diff.comparison.kind,
        changes: diff.comparison.changes,
        summary: diff.comparison.summary,
        truncated: diff.comparison.truncated,
        rows: diff.comparison.rows,
      })),
    );
    expect(diffs.length).toBeGreaterThan(0);
    expect([...whole.view.diffs.values()]).toEqual(diffs);
    expect([...whole.view.diffs.keys()]).toEqual(diffs.map((diff) => diff.cell));
    expect([...whole.view.equal].sort()).toEqual(
      cases.flatMap((item) => item.equal.map((key) => position.get(key))).sort(),
    );
  });

  test.each([1, 2, 3])("reads the same in chunks of %i cells", (size) => {
    const chunked = decode(report, size);
    expect(chunked.chunks).toBe(Math.ceil(report.cells.length / size));
    const { strings: _, ...rest } = chunked.view;
    const { strings: __, ...expected } = whole.view;
    expect(rest).toEqual(expected);
  });
});

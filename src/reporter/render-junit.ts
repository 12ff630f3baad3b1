import type { CellReport, EvalReport } from "../domain/index.js";
import { escapeXmlAttribute, escapeXmlText } from "./escape.js";
import { formatScore, formatUsd } from "./format-values.js";

/**
 * JUnit XML for CI test views: a `<testsuite>` per suite and a `<testcase>` per cell (class name
 * `suite.case`, name `model/budget #repeat`, time the run's latency). A failed cell carries a `<failure>`
 * with its scores and failure messages; a cell without a run an `<error>` with its category; a skipped
 * cell `<skipped/>`. Every text is escaped, and characters XML forbids are replaced.
 *
 * @example
 * writeFileSync("reports/junit.xml", renderJunit(report));
 */
export function renderJunit(report: EvalReport): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const { totals } = report;
  const errors = totals.errors.infrastructure + totals.errors.usage;
  const allTime = seconds(report.cells.reduce((sum, cell) => sum + cell.latencyMs, 0));
  out.push(
    `<testsuites name="maestro-eval" tests="${totals.cells}" failures="${totals.failed - errors}" errors="${errors}" skipped="${totals.skipped}" time="${allTime}">`,
  );
  let start = 0;
  const { cells } = report;
  for (const suite of report.suites) {
    let end = start;
    while (end < cells.length && cells[end]!.suite === suite.name) end += 1;
    const suiteCells = cells.slice(start, end);
    start = end;
    const suiteErrors = suite.totals.errors.infrastructure + suite.totals.errors.usage;
    const time = seconds(suiteCells.reduce((sum, cell) => sum + cell.latencyMs, 0));
    out.push(
      `  <testsuite name="${escapeXmlAttribute(suite.name)}" tests="${suite.totals.cells}" failures="${suite.totals.failed - suiteErrors}" errors="${suiteErrors}" skipped="${suite.totals.skipped}" time="${time}" timestamp="${escapeXmlAttribute(report.run.startedAt)}">`,
    );
    for (const cell of suiteCells) out.push(renderTestcase(cell));
    out.push("  </testsuite>");
  }
  out.push("</testsuites>");
  return `${out.join("\n")}\n`;
}

function renderTestcase(cell: CellReport): string {
  const open = `    <testcase classname="${escapeXmlAttribute(`${cell.suite}.${cell.case}`)}" name="${escapeXmlAttribute(`${cell.group} #${cell.repeat}`)}" time="${seconds(cell.latencyMs)}"`;
  if (cell.state === "skipped") return `${open}>\n      <skipped/>\n    </testcase>`;
  const lines = describeScores(cell);
  if (cell.error !== null) {
    const message = `${cell.error.category} error: ${cell.error.message}`;
    return `${open}>\n      <error message="${escapeXmlAttribute(message)}" type="${escapeXmlAttribute(cell.error.name)}">${escapeXmlText(message)}</error>\n    </testcase>`;
  }
  if (cell.state === "failed") {
    const message = cell.failures[0]?.split("\n")[0] ?? "the cell's test failed";
    const body = [...lines, "", ...cell.failures].join("\n");
    return `${open}>\n      <failure message="${escapeXmlAttribute(message)}" type="AssertionError">${escapeXmlText(body)}</failure>\n    </testcase>`;
  }
  return `${open}>\n      <system-out>${escapeXmlText(lines.join("\n"))}</system-out>\n    </testcase>`;
}

/** The scores of a cell, a line each: overall, then every requirement with its threshold and reason. */
function describeScores(cell: CellReport): string[] {
  const head = [
    `score ${cell.score === null ? "none" : formatScore(cell.score)}`,
    cell.finishReason === null ? "" : `(${cell.finishReason})`,
    `latency ${Math.round(cell.latencyMs)} ms`,
    cell.costUsd === null ? "" : `cost ${formatUsd(cell.costUsd)}`,
  ]
    .filter(Boolean)
    .join(" ");
  const requirements = cell.requirements.map(
    (item) =>
      `${item.pass ? "✓" : "✗"} ${item.name}${item.mandatory ? " (mandatory)" : ""}: ${formatScore(item.score)}${item.pass ? " ≥ " : " < "}${formatScore(item.threshold)}${item.reason === null ? "" : ` — ${item.reason}`}`,
  );
  const failedAssertions = cell.assertions
    .filter((assertion) => !assertion.pass)
    .map(
      (assertion) =>
        `✗ ${assertion.matcher}${assertion.requirement === undefined ? "" : `(${assertion.requirement})`}: ${assertion.actual ?? "unknown"} vs threshold ${assertion.threshold ?? "none"}`,
    );
  return [head, ...requirements, ...failedAssertions];
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

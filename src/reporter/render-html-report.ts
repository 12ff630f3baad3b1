import {
  type EvalReport,
  EXIT,
  type GateResult,
  type GroupReport,
  type SuiteReport,
} from "../domain/index.js";
import type { TrendRow } from "../domain/run-history.js";
import { escapeHtml } from "./escape.js";
import {
  describeSourceMarks,
  formatCost,
  formatLatency,
  formatRate,
  formatScore,
  formatScoreSummary,
  formatUsd,
  INTERVAL_LEGEND,
  plural,
  quote,
} from "./format-values.js";
import { HTML_REPORT_SCRIPT, HTML_REPORT_SCRIPT_HASH, HTML_REPORT_STYLE } from "./html-report-assets.js";
import { renderHtmlReportData } from "./html-report-data.js";
import { renderHtmlTrend } from "./render-html-trend.js";
import { describeRecommendation } from "./render-recommendation.js";

/** Options of {@link renderHtmlReport}. */
export interface RenderHtmlReportOptions {
  /** The gate's result, shown at the top. */
  gate?: GateResult | undefined;
  /** The page title; default "maestro-eval report". */
  title?: string | undefined;
  /** Cells per JSON element of the page's data; default 2,000. */
  chunkCells?: number | undefined;
  /** The trend of the last runs from the history (`computeTrends`), shown under each suite's table. */
  trend?: readonly TrendRow[] | undefined;
}

const MAX_GATE_FAILURES = 100;
const MAX_FLAKY = 50;
const LABEL_WIDTH = 210;
const CELL_WIDTH = 92;
const CELL_HEIGHT = 24;

/**
 * The report as one self-contained HTML file that works offline: per suite a heatmap of requirement ×
 * model/budget mean scores (inline SVG), the comparison table and the recommendation; then every cell,
 * filterable by suite, model, budget and failing state, with its output, each requirement's score and
 * reason, verifier disagreements and a side-by-side diff against the reference cell. Names, outputs and
 * reasons are untrusted: the summary escapes them, the cells travel as JSON in
 * `<script type="application/json">` elements with `<`, `>`, `&`, U+2028 and U+2029 escaped, and the
 * page's script writes them only as text. A Content-Security-Policy allows no script but the page's own.
 *
 * @example
 * writeFileSync("reports/report.html", renderHtmlReport(report, { gate }));
 */
export function renderHtmlReport(report: EvalReport, options: RenderHtmlReportOptions = {}): string {
  return [...renderHtmlReportChunks(report, options)].join("");
}

/**
 * {@link renderHtmlReport} in chunks for `writeFileAtomic`. The cells travel in JSON elements of a few
 * thousand cells each, which the page reads one after the other, showing the first rows at once and
 * staying responsive while it reads the rest.
 *
 * @example
 * writeFileAtomic("reports/report.html", renderHtmlReportChunks(report, { gate }));
 */
export function* renderHtmlReportChunks(
  report: EvalReport,
  options: RenderHtmlReportOptions = {},
): Generator<string> {
  const title = options.title ?? "maestro-eval report";
  const csp = `default-src 'none'; script-src '${HTML_REPORT_SCRIPT_HASH}'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'`;
  const parts: string[] = [
    "<!doctype html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">`,
    `<title>${escapeHtml(title)}</title>`,
    `<style>${HTML_REPORT_STYLE}</style>`,
    "</head>",
    "<body>",
    renderHeader(report, title, options.gate),
    "<main>",
  ];
  report.suites.forEach((suite, index) => {
    parts.push(renderSuite(suite, index, options.trend?.filter((row) => row.suite === suite.name) ?? []));
  });
  parts.push(
    '<section id="cell-list">',
    "<h2>Cells</h2>",
    '<div class="filters">',
    '<label>Suite <select id="f-suite"><option value="">all</option></select></label>',
    '<label>Model <select id="f-model"><option value="">all</option></select></label>',
    '<label>Budget <select id="f-budget"><option value="">all</option></select></label>',
    '<label><input type="checkbox" id="f-failing"> failing only</label>',
    '<label>Case <input type="search" id="f-text" placeholder="contains…"></label>',
    '<span id="count" class="muted"></span>',
    "</div>",
    "<noscript><p>The per-cell details need JavaScript; the summary above does not.</p></noscript>",
    '<div class="scroll"><table id="cells-table"><thead><tr><th>suite</th><th>case</th><th>cell</th><th>state</th><th class="num">score</th><th class="num">failing req.</th><th class="num">latency</th><th class="num">cost</th><th>verifier</th></tr></thead>',
    '<tbody id="cells"></tbody></table></div>',
    '<button id="more" type="button">Show more</button>',
    "</section>",
    "</main>",
    "",
  );
  yield parts.join("\n");
  // The script follows the first chunk of data, so that it runs, and shows the first rows, while the
  // browser still parses the rest of a large report.
  yield* renderHtmlReportData(report, {
    afterFirstChunk: `<script>${HTML_REPORT_SCRIPT}</script>\n`,
    ...(options.chunkCells === undefined ? {} : { chunkCells: options.chunkCells }),
  });
  yield "</body>\n</html>\n";
}

function renderHeader(report: EvalReport, title: string, gate: GateResult | undefined): string {
  const { run, totals } = report;
  const out = [
    "<header>",
    `<h1>${escapeHtml(title)}</h1>`,
    `<div class="muted">maestro-eval ${escapeHtml(run.maestroEvalVersion)} · ${escapeHtml(run.startedAt)} → ${escapeHtml(run.finishedAt)} · backend ${escapeHtml(run.backends.join(", ") || "none")}</div>`,
    `<div>${escapeHtml(
      [
        plural(totals.cells, "cell"),
        `${totals.passed} passed`,
        `${totals.failed} failed`,
        `${totals.skipped} skipped`,
        `${totals.errors.infrastructure} infrastructure and ${totals.errors.usage} usage errors`,
        `cost ${totals.costUsd === null ? "n/a" : formatUsd(totals.costUsd)}`,
      ].join(" · "),
    )}</div>`,
  ];
  if (run.simulated) {
    out.push(
      '<div class="banner">Simulated: outputs, scores, latencies and costs come from the local backend\'s simulated models.</div>',
    );
  }
  if (gate !== undefined) {
    const tone = gate.exitCode === 0 ? "good" : "bad";
    const verdict =
      gate.exitCode === 0
        ? `Gate passed (${plural(gate.checked, "check")})`
        : gate.exitCode === 1
          ? `Gate failed: ${plural(gate.failures.length, "failure")} (exit 1)`
          : gate.exitCode === EXIT.infrastructure
            ? "Infrastructure failure (exit 2): the API or network, not the model"
            : "Usage or configuration error (exit 3)";
    out.push(`<div class="banner ${tone}"><strong>${escapeHtml(verdict)}</strong>`);
    if (gate.failures.length > 0) {
      out.push("<ul>");
      for (const failure of gate.failures.slice(0, MAX_GATE_FAILURES))
        out.push(`<li>${escapeHtml(failure.message)}</li>`);
      if (gate.failures.length > MAX_GATE_FAILURES)
        out.push(`<li>… and ${gate.failures.length - MAX_GATE_FAILURES} more</li>`);
      out.push("</ul>");
    }
    for (const note of gate.notes) out.push(`<div class="muted">${escapeHtml(note)}</div>`);
    out.push("</div>");
  }
  out.push("</header>");
  return out.join("\n");
}

function renderSuite(suite: SuiteReport, index: number, trend: readonly TrendRow[]): string {
  const out = [
    `<section class="suite" data-suite="${index}">`,
    `<h2>suite ${escapeHtml(quote(suite.name))}</h2>`,
    `<div class="muted">${escapeHtml(
      [
        plural(suite.totals.cells, "cell"),
        `${suite.totals.passed} passed`,
        `${suite.totals.failed} failed`,
        `${suite.totals.errors.infrastructure} infrastructure errors`,
        `${suite.totals.errors.usage} usage errors`,
        suite.reference === null ? "no reference group" : `diffs against ${suite.reference}`,
      ].join(" · "),
    )}</div>`,
    `<div class="scroll">${renderHeatmap(suite)}</div>`,
    `<div class="scroll">${renderTable(suite)}</div>`,
    ...[renderHtmlTrend(trend)].filter((html) => html !== ""),
    `<h3>Recommendation</h3>`,
    ...describeRecommendation(suite)
      .slice(1)
      .map((line) => `<div>${escapeHtml(line.trim())}</div>`),
  ];
  if (suite.flaky.length > 0) {
    out.push(`<details><summary>Flaky requirements (${suite.flaky.length})</summary><ul>`);
    for (const item of suite.flaky.slice(0, MAX_FLAKY)) {
      out.push(
        `<li>${escapeHtml(`${item.requirement} on ${item.group}, case ${quote(item.case)}: passed ${item.passed} of ${item.total}`)}</li>`,
      );
    }
    if (suite.flaky.length > MAX_FLAKY) out.push(`<li>… and ${suite.flaky.length - MAX_FLAKY} more</li>`);
    out.push("</ul></details>");
  }
  out.push("</section>");
  return out.join("\n");
}

interface HeatRow {
  label: string;
  value: (group: GroupReport) => { value: number; tip: string } | null;
}

/** Requirement × group mean scores as coloured cells, red (0) to green (1). */
function renderHeatmap(suite: SuiteReport): string {
  const rows: HeatRow[] = suite.requirements.map((requirement) => ({
    label: `${requirement.name}${requirement.mandatory ? " *" : ""}`,
    value: (group) => {
      const summary = group.requirements.find((item) => item.name === requirement.name);
      return summary === undefined ? null : { value: summary.mean, tip: formatScoreSummary(summary) };
    },
  }));
  rows.push({
    label: "overall",
    value: (group) =>
      group.overall === null ? null : { value: group.overall.mean, tip: formatScoreSummary(group.overall) },
  });
  if (suite.requirements.some((requirement) => requirement.mandatory)) {
    rows.push({
      label: "mandatory gate",
      value: (group) =>
        group.mandatory === null ? null : { value: group.mandatory.rate, tip: formatRate(group.mandatory) },
    });
  }
  const width = LABEL_WIDTH + CELL_WIDTH * suite.groups.length;
  const height = CELL_HEIGHT * (rows.length + 1);
  const out = [
    `<svg class="heatmap" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(`mean scores of suite ${quote(suite.name)}`)}">`,
  ];
  suite.groups.forEach((group, column) => {
    const x = LABEL_WIDTH + column * CELL_WIDTH + CELL_WIDTH / 2;
    out.push(
      `<text x="${x}" y="${CELL_HEIGHT - 8}" text-anchor="middle"><title>${escapeHtml(group.id)}</title>${escapeHtml(shorten(group.id, 14))}</text>`,
    );
  });
  rows.forEach((row, line) => {
    const y = CELL_HEIGHT * (line + 1);
    out.push(
      `<text x="4" y="${y + CELL_HEIGHT - 8}"><title>${escapeHtml(row.label)}</title>${escapeHtml(shorten(row.label, 30))}</text>`,
    );
    suite.groups.forEach((group, column) => {
      const x = LABEL_WIDTH + column * CELL_WIDTH;
      const cell = row.value(group);
      const fill =
        cell === null ? "#8888" : `hsl(${Math.round(Math.max(0, Math.min(1, cell.value)) * 120)}, 62%, 38%)`;
      const tip = `${row.label} on ${group.id}: ${cell === null ? "no runs" : cell.tip}`;
      out.push(
        `<g><title>${escapeHtml(tip)}</title><rect x="${x + 1}" y="${y + 1}" width="${CELL_WIDTH - 2}" height="${CELL_HEIGHT - 2}" rx="3" fill="${fill}"/>` +
          `<text class="value" x="${x + CELL_WIDTH / 2}" y="${y + CELL_HEIGHT - 8}" text-anchor="middle">${cell === null ? "–" : formatScore(cell.value)}</text></g>`,
      );
    });
  });
  out.push("</svg>");
  return out.join("");
}

function renderTable(suite: SuiteReport): string {
  const groups = suite.groups;
  const out = [
    '<table class="compare"><thead><tr><th></th>',
    ...groups.map((group) => `<th class="num">${escapeHtml(group.id)}</th>`),
    "</tr></thead><tbody>",
  ];
  const tone = (passed: number, total: number) =>
    passed === total ? "good" : passed === 0 ? "bad" : "mixed";
  const row = (label: string, cell: (group: GroupReport) => { text: string; cls?: string }) => {
    out.push(`<tr><th>${escapeHtml(label)}</th>`);
    for (const group of groups) {
      const { text, cls } = cell(group);
      out.push(`<td class="num${cls ? ` ${cls}` : ""}">${escapeHtml(text)}</td>`);
    }
    out.push("</tr>");
  };
  for (const requirement of suite.requirements) {
    row(`${requirement.name}${requirement.mandatory ? " *" : ""}`, (group) => {
      const summary = group.requirements.find((item) => item.name === requirement.name);
      return summary === undefined
        ? { text: "–" }
        : { text: formatScoreSummary(summary), cls: tone(summary.pass.passed, summary.pass.total) };
    });
  }
  row("overall", (group) =>
    group.overall === null
      ? { text: "–" }
      : {
          text: formatScoreSummary(group.overall),
          cls: tone(group.overall.pass.passed, group.overall.pass.total),
        },
  );
  if (suite.requirements.some((requirement) => requirement.mandatory)) {
    row("mandatory gate", (group) =>
      group.mandatory === null
        ? { text: "–" }
        : { text: formatRate(group.mandatory), cls: tone(group.mandatory.passed, group.mandatory.total) },
    );
  }
  row("latency p50 / p95", (group) => ({ text: formatLatency(group.latencyMs) }));
  row("cost mean / total", (group) => ({ text: formatCost(group.costUsd) }));
  row("errors", (group) => ({
    text: `${group.errors.infrastructure} infra, ${group.errors.usage} usage`,
    ...(group.errors.infrastructure + group.errors.usage > 0 ? { cls: "bad" } : {}),
  }));
  out.push("</tbody></table>");
  out.push(`<div class="muted">${escapeHtml(INTERVAL_LEGEND)}</div>`);
  const marks = describeSourceMarks([suite]);
  if (marks !== "") out.push(`<div class="muted">${escapeHtml(marks)}</div>`);
  return out.join("");
}

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

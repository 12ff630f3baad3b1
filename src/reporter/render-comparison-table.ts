import { createRequire } from "node:module";
import type Table from "cli-table3";
import type { EvalReport, GroupReport, RateReport, SuiteReport } from "../domain/index.js";
import { sanitizeForTerminal } from "./escape.js";
import {
  createPaint,
  describeSourceMarks,
  displayWidth,
  formatCost,
  formatLatency,
  formatRate,
  formatScoreSummary,
  INTERVAL_LEGEND,
  type Paint,
  plural,
  quote,
  truncateToWidth,
} from "./format-values.js";

/** Options of {@link renderComparisonTable}. */
export interface RenderComparisonTableOptions {
  /** The terminal's width in columns; groups that do not fit go to a further table. Default 120. */
  width?: number;
  /** ANSI colours: green when every run met its threshold, yellow when some did, red when none. */
  color?: boolean;
}

const MAX_LABEL = 28;
const MAX_HEADER = 32;

/**
 * The comparison tables of a report, one per suite (cli-table3): a row per requirement, then overall,
 * mandatory-gate pass rate, latency p50/p95 and cost; a column per model/budget group; each cell
 * "mean [low, high] (k/n)", with a mark for scores the verifiers did not measure (legend below).
 *
 * @example
 * process.stdout.write(`${renderComparisonTable(report, { width: process.stdout.columns, color: true })}\n`);
 */
export function renderComparisonTable(
  report: EvalReport,
  options: RenderComparisonTableOptions = {},
): string {
  const { width = 120, color = false } = options;
  const paint = createPaint(color);
  if (report.suites.length === 0) return "No cells were run.";
  const sections = report.suites.map((suite) =>
    renderSuite(suite, report.run.simulated, Math.max(40, width), paint),
  );
  sections.push(paint.dim(INTERVAL_LEGEND));
  const marks = describeSourceMarks(report.suites);
  if (marks !== "") sections[sections.length - 1] += `\n${paint.dim(marks)}`;
  return sections.join("\n\n");
}

interface Row {
  label: string;
  values: (group: GroupReport) => { text: string; tone?: Tone };
}

type Tone = "good" | "mixed" | "bad";

function renderSuite(suite: SuiteReport, simulated: boolean, width: number, paint: Paint): string {
  const rows: Row[] = suite.requirements.map((requirement) => ({
    label: `${requirement.name}${requirement.mandatory ? " *" : ""}`,
    values: (group) => {
      const summary = group.requirements.find((item) => item.name === requirement.name);
      return summary === undefined
        ? { text: "–" }
        : { text: formatScoreSummary(summary), tone: toneOf(summary.pass) };
    },
  }));
  rows.push({
    label: "overall",
    values: (group) =>
      group.overall === null
        ? { text: "–" }
        : { text: formatScoreSummary(group.overall), tone: toneOf(group.overall.pass) },
  });
  if (suite.requirements.some((requirement) => requirement.mandatory)) {
    rows.push({
      label: "mandatory gate",
      values: (group) =>
        group.mandatory === null
          ? { text: "–" }
          : { text: formatRate(group.mandatory), tone: toneOf(group.mandatory) },
    });
  }
  rows.push({ label: "latency p50 / p95", values: (group) => ({ text: formatLatency(group.latencyMs) }) });
  rows.push({ label: "cost mean / total", values: (group) => ({ text: formatCost(group.costUsd) }) });
  if (suite.groups.some((group) => group.errors.infrastructure + group.errors.usage > 0)) {
    rows.push({
      label: "errors",
      values: (group) => {
        const { infrastructure, usage } = group.errors;
        if (infrastructure + usage === 0) return { text: "0" };
        const parts = [
          infrastructure > 0 ? `${infrastructure} infra` : "",
          usage > 0 ? `${usage} usage` : "",
        ];
        return { text: parts.filter(Boolean).join(", "), tone: "bad" };
      },
    });
  }
  if (suite.flaky.length > 0) {
    rows.push({
      label: "flaky",
      values: (group) => ({
        text: String(group.flaky),
        ...(group.flaky > 0 ? { tone: "mixed" as const } : {}),
      }),
    });
  }

  const labels = rows.map((row) => truncateToWidth(sanitizeForTerminal(row.label), MAX_LABEL));
  const labelWidth = Math.max(...labels.map(displayWidth));
  const columns = suite.groups.map((group) => {
    const header = truncateToWidth(sanitizeForTerminal(group.id), MAX_HEADER);
    const cells = rows.map((row) => row.values(group));
    const contentWidth = Math.max(displayWidth(header), ...cells.map((cell) => displayWidth(cell.text)));
    return { header, cells, width: contentWidth + 3 };
  });

  // Groups that do not fit beside the labels go to a further table with the labels repeated.
  const chunks: (typeof columns)[] = [];
  let current: typeof columns = [];
  let used = labelWidth + 4;
  for (const column of columns) {
    if (current.length > 0 && used + column.width > width) {
      chunks.push(current);
      current = [];
      used = labelWidth + 4;
    }
    current.push(column);
    used += column.width;
  }
  if (current.length > 0) chunks.push(current);

  const counts = [
    plural(suite.totals.cells, "cell"),
    `${suite.totals.passed} passed`,
    `${suite.totals.failed} failed`,
    ...(suite.totals.skipped > 0 ? [`${suite.totals.skipped} skipped`] : []),
    ...(suite.totals.errors.infrastructure > 0
      ? [plural(suite.totals.errors.infrastructure, "infrastructure error")]
      : []),
    ...(suite.totals.errors.usage > 0 ? [plural(suite.totals.errors.usage, "usage error")] : []),
  ];
  const title = `${paint.bold(`suite ${sanitizeForTerminal(quote(suite.name))}`)}: ${counts.join(" · ")}${simulated ? paint.yellow(" (simulated models)") : ""}`;
  const tables = chunks.map((chunk) => {
    const table = new (tableClass())({
      head: ["", ...chunk.map((column) => column.header)],
      style: { head: [], border: [], "padding-left": 1, "padding-right": 1 },
      colAligns: ["left", ...chunk.map(() => "right" as const)],
    });
    rows.forEach((_, rowIndex) => {
      table.push([
        labels[rowIndex]!,
        ...chunk.map((column) => {
          const cell = column.cells[rowIndex]!;
          return paintTone(cell.text, cell.tone, paint);
        }),
      ]);
    });
    return table.toString();
  });
  return [title, ...tables].join("\n");
}

function toneOf(rate: RateReport): Tone {
  if (rate.passed === rate.total) return "good";
  return rate.passed === 0 ? "bad" : "mixed";
}

function paintTone(text: string, tone: Tone | undefined, paint: Paint): string {
  if (tone === "good") return paint.green(text);
  if (tone === "mixed") return paint.yellow(text);
  if (tone === "bad") return paint.red(text);
  return text;
}

let TableClass: typeof Table | undefined;

/**
 * cli-table3, required at the first table (it is CommonJS): the CLI's process draws its tables as a run
 * ends, and its start, on the way to the first worker, does not load it (about 14 ms as an ES module
 * import, 5 ms required).
 */
function tableClass(): typeof Table {
  TableClass ??= createRequire(import.meta.url)("cli-table3") as typeof Table;
  return TableClass;
}

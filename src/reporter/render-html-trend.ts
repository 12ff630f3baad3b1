import type { TrendRow } from "../domain/run-history.js";
import { escapeHtml } from "./escape.js";
import { formatScore, formatScoreChange } from "./format-values.js";
import { describeRunPoint, renderSparkline } from "./render-history.js";

const SHOWN: readonly TrendRow["measure"][] = ["requirement", "overall", "mandatory"];

/**
 * A suite's trend over the last runs for report.html: a row per model/budget and requirement (and the
 * overall score and mandatory pass rate) with its sparkline on a 0 to 1 scale, the last value and the
 * largest change with the commit it came in; each run's value and commit in the sparkline's title.
 * Names are escaped; empty when there is no history.
 */
export function renderHtmlTrend(rows: readonly TrendRow[]): string {
  const shown = rows.filter((row) => SHOWN.includes(row.measure));
  if (shown.length === 0) return "";
  const runs = Math.max(...shown.map((row) => row.points.length));
  const out = [
    `<h3>Trend over the last ${runs} run${runs === 1 ? "" : "s"}</h3>`,
    '<div class="scroll"><table class="trend">',
    "<thead><tr><th>model/budget</th><th>requirement</th><th>trend</th><th>last</th><th>largest change</th></tr></thead>",
    "<tbody>",
  ];
  for (const row of shown) {
    const values = row.points.map((point) => point.value);
    const last = [...values].reverse().find((value) => value !== null) ?? null;
    const title = row.points
      .map(
        (point) =>
          `${point.at.slice(0, 16).replace("T", " ")} ${point.commit ?? "no commit"}: ${point.value === null ? "no runs" : formatScore(point.value)}`,
      )
      .join("\n");
    const change =
      row.largestChange === null
        ? "none"
        : `${formatScoreChange(row.largestChange.delta)} at ${describeRunPoint(row.largestChange.to)}`;
    out.push(
      `<tr><td>${escapeHtml(row.group)}</td><td>${escapeHtml(`${row.name}${row.mandatory ? " *" : ""}`)}</td>` +
        `<td><span class="spark" title="${escapeHtml(title)}" style="font-family:monospace;letter-spacing:1px">${escapeHtml(renderSparkline(values, { min: 0, max: 1 }))}</span></td>` +
        `<td>${last === null ? "-" : formatScore(last)}</td><td>${escapeHtml(change)}</td></tr>`,
    );
  }
  out.push("</tbody></table></div>");
  return out.join("\n");
}

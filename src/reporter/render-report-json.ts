import type { EvalReport, SuiteReport } from "../domain/index.js";

/**
 * `report.json`, in chunks: the report indented as `JSON.stringify(report, null, 2)` would write it, except
 * that every cell and every case (with its diffs) is one compact line. The result is valid JSON with the
 * same value, `readReport` and `jq` read it as before, a diff of two reports shows one line per changed
 * cell, and a report of 100,000 cells is written as it is serialised, without ever being one string
 * (it would be 190 MB compact, 300 MB indented).
 *
 * @example
 * writeFileAtomic("reports/report.json", renderReportJsonChunks(report));
 */
export function* renderReportJsonChunks(report: EvalReport): Generator<string> {
  yield "{";
  let first = true;
  for (const [key, value] of Object.entries(report)) {
    if (value === undefined) continue;
    yield `${first ? "" : ","}\n  ${JSON.stringify(key)}: `;
    first = false;
    if ((key === "cells" || key === "tests") && Array.isArray(value)) yield* renderLines(value, "  ");
    else if (key === "suites" && Array.isArray(value)) yield* renderSuites(value as SuiteReport[]);
    else yield indent(JSON.stringify(value, null, 2), "  ");
  }
  yield first ? "}\n" : "\n}\n";
}

/** `report.json` as one string: {@link renderReportJsonChunks} joined, for small reports and tests. */
export function renderReportJson(report: EvalReport): string {
  return [...renderReportJsonChunks(report)].join("");
}

function* renderSuites(suites: readonly SuiteReport[]): Generator<string> {
  if (suites.length === 0) {
    yield "[]";
    return;
  }
  yield "[";
  for (const [index, suite] of suites.entries()) {
    yield `${index === 0 ? "" : ","}\n    {`;
    let first = true;
    for (const [key, value] of Object.entries(suite)) {
      if (value === undefined) continue;
      yield `${first ? "" : ","}\n      ${JSON.stringify(key)}: `;
      first = false;
      if (key === "cases" && Array.isArray(value)) yield* renderLines(value, "      ");
      else yield indent(JSON.stringify(value, null, 2), "      ");
    }
    yield first ? "}" : "\n    }";
  }
  yield "\n  ]";
}

/** An array with one compact element a line, at the given indentation. */
function* renderLines(items: readonly unknown[], at: string): Generator<string> {
  if (items.length === 0) {
    yield "[]";
    return;
  }
  yield "[";
  const separator = `,\n${at}  `;
  for (let index = 0; index < items.length; index++)
    yield `${index === 0 ? `\n${at}  ` : separator}${JSON.stringify(items[index]) ?? "null"}`;
  yield `\n${at}]`;
}

/** JSON escapes line breaks inside strings, so every line break of `JSON.stringify`'s output is layout. */
function indent(json: string, at: string): string {
  return json.includes("\n") ? json.replaceAll("\n", `\n${at}`) : json;
}

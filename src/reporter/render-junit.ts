import type { CellReport, EvalReport, GateResult, TestReport } from "../domain/index.js";
import { escapeXmlAttribute, escapeXmlText } from "./escape.js";
import { formatDuration, formatScore, formatSourceNote, formatUsd } from "./format-values.js";

/**
 * JUnit XML for CI test views: a `<testsuite>` per suite and a `<testcase>` per cell (class name
 * `suite.case`, name `model/budget #repeat`, time the run's latency). A failed cell carries a `<failure>`
 * with its scores and failure messages; a cell without a run an `<error>` with its category; a skipped
 * cell `<skipped/>`. A case's `across cells` test (its `compare`) is a test case of its suite, a plain
 * test one of the `other tests` suite, and an error outside the tests (a suite that did not load) an
 * `<error>` of the `run errors` suite, so the counts add up to the run's verdict. Given the gate's result,
 * a `gate` suite holds one test case per failing threshold (a `<failure>` for quality, an `<error>` for
 * infrastructure and usage), or one passing `gate` test case: a run whose cells all passed but whose gate
 * failed (a mandatory requirement missed) is not green in a CI test view. Every text is escaped, and
 * characters XML forbids are replaced.
 *
 * @example
 * writeFileSync("reports/junit.xml", renderJunit(report));
 */
export function renderJunit(report: EvalReport, gate?: GateResult): string {
  return [...renderJunitChunks(report, gate)].join("");
}

/**
 * {@link renderJunit} in chunks, a test case each, for `writeFileAtomic`: 100,000 cells make 36 MB of XML
 * that never has to be one string.
 *
 * @example
 * writeFileAtomic("reports/junit.xml", renderJunitChunks(report));
 */
export function* renderJunitChunks(report: EvalReport, gate?: GateResult): Generator<string> {
  const { totals, cells } = report;
  const tests = report.tests ?? [];
  const runErrors = report.runErrors ?? [];
  const errors = totals.errors.infrastructure + totals.errors.usage;
  const failedTests = tests.filter((test) => test.state === "failed").length;
  const skippedTests = tests.filter((test) => test.state === "skipped").length;
  let allLatency = 0;
  for (const cell of cells) allLatency += cell.latencyMs;
  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  const gateCases = gate === undefined ? [] : gateTestcases(gate);
  const gateFailures = gateCases.filter((item) => item.kind === "failure").length;
  const gateErrors = gateCases.filter((item) => item.kind === "error").length;
  yield `<testsuites name="maestro-eval" tests="${totals.cells + tests.length + runErrors.length + gateCases.length}" failures="${totals.failed - errors + failedTests + gateFailures}" errors="${errors + runErrors.length + gateErrors}" skipped="${totals.skipped + skippedTests}" time="${seconds(allLatency)}">\n`;
  const timestamp = escapeXmlAttribute(report.run.startedAt);
  let start = 0;
  for (const suite of report.suites) {
    let end = start;
    let latency = 0;
    while (end < cells.length && cells[end]!.suite === suite.name) {
      latency += cells[end]!.latencyMs;
      end += 1;
    }
    const suiteErrors = suite.totals.errors.infrastructure + suite.totals.errors.usage;
    const suiteTests = tests.filter((test) => test.suite === suite.name);
    const suiteFailed = suiteTests.filter((test) => test.state === "failed").length;
    const suiteSkipped = suiteTests.filter((test) => test.state === "skipped").length;
    yield `  <testsuite name="${escapeXmlAttribute(suite.name)}" tests="${suite.totals.cells + suiteTests.length}" failures="${suite.totals.failed - suiteErrors + suiteFailed}" errors="${suiteErrors}" skipped="${suite.totals.skipped + suiteSkipped}" time="${seconds(latency)}" timestamp="${timestamp}">\n`;
    // Cells of one case share their class name: escape it once per case.
    let className = "";
    let classCase: string | undefined;
    for (let index = start; index < end; index++) {
      const cell = cells[index]!;
      if (cell.case !== classCase) {
        classCase = cell.case;
        className = escapeXmlAttribute(`${cell.suite}.${cell.case}`);
      }
      yield `${renderTestcase(cell, className)}\n`;
    }
    for (const test of suiteTests) yield `${renderOtherTest(test)}\n`;
    start = end;
    yield "  </testsuite>\n";
  }
  const plain = tests.filter(
    (test) => test.suite === null || !report.suites.some((s) => s.name === test.suite),
  );
  if (plain.length > 0) {
    const failed = plain.filter((test) => test.state === "failed").length;
    const skipped = plain.filter((test) => test.state === "skipped").length;
    yield `  <testsuite name="other tests" tests="${plain.length}" failures="${failed}" errors="0" skipped="${skipped}" time="0.000" timestamp="${timestamp}">\n`;
    for (const test of plain) yield `${renderOtherTest(test)}\n`;
    yield "  </testsuite>\n";
  }
  if (runErrors.length > 0) {
    yield `  <testsuite name="run errors" tests="${runErrors.length}" failures="0" errors="${runErrors.length}" skipped="0" time="0.000" timestamp="${timestamp}">\n`;
    for (const [index, error] of runErrors.entries()) {
      const message = `usage error: ${error.split("\n")[0]}`;
      yield `    <testcase classname="run errors" name="error ${index + 1}" time="0.000">\n      <error message="${escapeXmlAttribute(message)}" type="RunError">${escapeXmlText(error)}</error>\n    </testcase>\n`;
    }
    yield "  </testsuite>\n";
  }
  if (gateCases.length > 0) {
    yield `  <testsuite name="gate" tests="${gateCases.length}" failures="${gateFailures}" errors="${gateErrors}" skipped="0" time="0.000" timestamp="${timestamp}">\n`;
    for (const item of gateCases) yield `${item.xml}\n`;
    yield "  </testsuite>\n";
  }
  yield "</testsuites>\n";
}

/** The gate as test cases: one per failing threshold, or one passing case when nothing failed. */
function gateTestcases(gate: GateResult): { kind: "passed" | "failure" | "error"; xml: string }[] {
  if (gate.failures.length === 0) {
    const text = `gate passed: ${gate.checked} thresholds checked, 0 failing`;
    return [
      {
        kind: "passed",
        xml: `    <testcase classname="gate" name="gate" time="0.000">\n      <system-out>${escapeXmlText(text)}</system-out>\n    </testcase>`,
      },
    ];
  }
  return gate.failures.map((failure, index) => {
    const kind = failure.category === "quality" ? "failure" : "error";
    const where = [failure.suite, failure.group, failure.requirement].filter((part) => part !== undefined);
    const name = escapeXmlAttribute(
      `${failure.kind}${where.length > 0 ? ` ${where.join(" · ")}` : ""} #${index + 1}`,
    );
    const message = escapeXmlAttribute(`[${failure.category}] ${failure.message}`);
    return {
      kind,
      xml: `    <testcase classname="gate" name="${name}" time="0.000">\n      <${kind} message="${message}" type="GateFailure">${escapeXmlText(failure.message)}</${kind}>\n    </testcase>`,
    };
  });
}

/** A test that is not a cell: its failure messages and the failed assertions it made on cells. */
function renderOtherTest(test: TestReport): string {
  const className = escapeXmlAttribute(
    test.suite === null ? "other tests" : `${test.suite}.${test.case ?? test.name}`,
  );
  const name = escapeXmlAttribute(test.case === null ? test.name : "across cells");
  const open = `    <testcase classname="${className}" name="${name}" time="0.000"`;
  if (test.state === "skipped") return `${open}>\n      <skipped/>\n    </testcase>`;
  let body = "";
  for (const assertion of test.assertions) {
    const requirement = assertion.requirement === undefined ? "" : `(${assertion.requirement})`;
    body += `${assertion.pass ? "✓" : "✗"} ${assertion.matcher}${requirement} on ${assertion.cell}: ${assertion.actual ?? "unknown"} vs threshold ${assertion.threshold ?? "none"}\n`;
  }
  if (test.state === "passed")
    return `${open}>\n      <system-out>${escapeXmlText(body)}</system-out>\n    </testcase>`;
  const message = test.failures[0]?.split("\n")[0] ?? "the test failed";
  for (const failure of test.failures) body += `\n${failure}`;
  return `${open}>\n      <failure message="${escapeXmlAttribute(message)}" type="AssertionError">${escapeXmlText(body)}</failure>\n    </testcase>`;
}

function renderTestcase(cell: CellReport, className: string): string {
  const open = `    <testcase classname="${className}" name="${escapeXmlAttribute(`${cell.group} #${cell.repeat}`)}" time="${seconds(cell.latencyMs)}"`;
  if (cell.state === "skipped") return `${open}>\n      <skipped/>\n    </testcase>`;
  if (cell.error !== null) {
    const message = `${cell.error.category} error: ${cell.error.message}`;
    return `${open}>\n      <error message="${escapeXmlAttribute(message)}" type="${escapeXmlAttribute(cell.error.name)}">${escapeXmlText(message)}</error>\n    </testcase>`;
  }
  if (cell.state === "failed") {
    const message = cell.failures[0]?.split("\n")[0] ?? "the cell's test failed";
    let body = `${describeScores(cell)}\n`;
    for (const failure of cell.failures) body += `\n${escapeXmlText(failure)}`;
    return `${open}>\n      <failure message="${escapeXmlAttribute(message)}" type="AssertionError">${body}</failure>\n    </testcase>`;
  }
  return `${open}>\n      <system-out>${describeScores(cell)}</system-out>\n    </testcase>`;
}

/**
 * The scores of a cell, a line each, as XML text: overall, then every requirement with its threshold and
 * reason, then the failed assertions. Built as one string, escaping only the names and reasons (the rest
 * is ours): this runs for every cell of reports that have 100,000.
 */
function describeScores(cell: CellReport): string {
  let text = `score ${cell.score === null ? "none" : formatScore(cell.score)}`;
  if (cell.finishReason !== null) text += ` (${escapeXmlText(cell.finishReason)})`;
  text += ` latency ${formatDuration(cell.latencyMs)}`;
  if (cell.costUsd !== null) text += ` cost ${formatUsd(cell.costUsd)}`;
  for (const item of cell.requirements) {
    text += `\n${item.pass ? "✓" : "✗"} ${escapeXmlText(item.name)}${item.mandatory ? " (mandatory)" : ""}: ${formatScore(item.score, item.threshold)}${item.pass ? " ≥ " : " &lt; "}${formatScore(item.threshold, item.score)}${formatSourceNote(item.source)}`;
    if (item.reason !== null) text += ` — ${escapeXmlText(item.reason)}`;
  }
  for (const assertion of cell.assertions) {
    if (assertion.pass) continue;
    const requirement =
      assertion.requirement === undefined ? "" : `(${escapeXmlText(assertion.requirement)})`;
    text += `\n✗ ${escapeXmlText(assertion.matcher)}${requirement}: ${assertion.actual ?? "unknown"} vs threshold ${assertion.threshold ?? "none"}`;
  }
  return text;
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

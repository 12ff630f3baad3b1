// The renderers on the fixed report, by file snapshot, and their escaping of hostile names and outputs.
import { describe, expect, test } from "vitest";
import { buildEvalReport, evaluateGate } from "../../../src/domain/index.js";
import { compareOutputs, createOutputComparer } from "../../../src/reporter/compare-outputs.js";
import {
  escapeHtml,
  escapeJsonForScript,
  escapeMarkdown,
  escapeXmlAttribute,
  escapeXmlText,
  sanitizeForTerminal,
} from "../../../src/reporter/escape.js";
import { HTML_REPORT_SCRIPT, HTML_REPORT_SCRIPT_HASH } from "../../../src/reporter/html-report-assets.js";
import { type HtmlReportDataChunk, renderHtmlReportData } from "../../../src/reporter/html-report-data.js";
import { renderComparisonTable } from "../../../src/reporter/render-comparison-table.js";
import { renderHtmlReport, renderHtmlReportChunks } from "../../../src/reporter/render-html-report.js";
import { renderJunit, renderJunitChunks } from "../../../src/reporter/render-junit.js";
import { renderMarkdownSummary } from "../../../src/reporter/render-markdown-summary.js";
import { renderOutputDiffs } from "../../../src/reporter/render-output-diffs.js";
import { renderRecommendation } from "../../../src/reporter/render-recommendation.js";
import { fixtureReport, HOSTILE, hostileReport, makeOutcome, RUN_TIMES } from "./fixtures.js";

const report = fixtureReport();
const gate = evaluateGate(report, { requirements: { formats: { min: 0.9 } }, mandatory: { minPassRate: 1 } });

const DATA_ELEMENT = /<script type="application\/json" class="maestro-eval-data">[\s\S]*?<\/script>/g;

/** The JSON text of every data element of a page, in order. */
function readDataElements(html: string): string[] {
  return [
    ...html.matchAll(/<script type="application\/json" class="maestro-eval-data">([\s\S]*?)<\/script>/g),
  ].map((match) => match[1]!);
}

/** Reads the data elements as the page's script does, and resolves every string index. */
function readChunks(html: string): { chunks: number; resolved: unknown } {
  const strings: string[] = [];
  const cells: unknown[] = [];
  const diffs: unknown[] = [];
  const equal: number[] = [];
  let suites: unknown;
  const elements = readDataElements(html);
  for (const data of elements) {
    const chunk = JSON.parse(data) as HtmlReportDataChunk;
    strings.push(...chunk.strings);
    if (chunk.suites !== undefined) {
      suites = chunk.suites;
      expect(chunk.total).toBe(report.cells.length);
    }
    cells.push(...chunk.cells);
    diffs.push(...chunk.diffs);
    equal.push(...chunk.equal);
  }
  // Indexes differ with the chunking (repeats are shared within a case); the texts they name do not.
  const text = (index: number) => (index < 0 ? null : strings[index]);
  const cellTexts = (cells as HtmlReportDataChunk["cells"]).map((cell) => [
    text(cell[8]),
    cell[11].map((item) => text(item[2])),
    cell[12].map(text),
    text(cell[15]),
  ]);
  const diffTexts = (diffs as HtmlReportDataChunk["diffs"]).map((diff) => [diff[0], diff[1], text(diff[4])]);
  return { chunks: elements.length, resolved: { suites, cells: cellTexts, diffs: diffTexts, equal } };
}

describe("renderers on the fixed report", () => {
  test("renderComparisonTable", async () => {
    await expect(renderComparisonTable(report, { width: 100 })).toMatchFileSnapshot(
      "__snapshots__/comparison-table.txt",
    );
  });

  test("renderComparisonTable splits groups that do not fit the width and colours when asked", () => {
    const narrow = renderComparisonTable(report, { width: 50 });
    expect(narrow.match(/jamba-large\/high/g)).toHaveLength(1);
    expect(narrow.split("\n").filter((line) => line.startsWith("┌")).length).toBe(4);
    const coloured = renderComparisonTable(report, { width: 100, color: true });
    expect(coloured).toContain("\u001b[32m1.00 [0.51, 1.00] (4/4)\u001b[39m");
    const colourCodes = new RegExp(`${String.fromCharCode(27)}\\[\\d+m`, "g");
    expect(coloured.replace(colourCodes, "")).toBe(renderComparisonTable(report, { width: 100 }));
  });

  test("renderOutputDiffs", async () => {
    await expect(renderOutputDiffs(report, { width: 80, maxLines: 12 })).toMatchFileSnapshot(
      "__snapshots__/output-diffs.txt",
    );
  });

  test("renderOutputDiffs cuts lines to the width and diffs to maxLines", () => {
    const text = renderOutputDiffs(report, { width: 30, maxLines: 3 });
    for (const line of text.split("\n")) expect([...line].length).toBeLessThanOrEqual(30);
    expect(text).toContain("… 6 more lines");
  });

  test("renderRecommendation", async () => {
    await expect(renderRecommendation(report)).toMatchFileSnapshot("__snapshots__/recommendation.txt");
  });

  test("renderMarkdownSummary", async () => {
    await expect(renderMarkdownSummary(report, gate)).toMatchFileSnapshot("__snapshots__/summary.md.snap");
  });

  test("renderJunit", async () => {
    await expect(renderJunit(report)).toMatchFileSnapshot("__snapshots__/junit.xml");
    expect([...renderJunitChunks(report)].length).toBeGreaterThan(report.cells.length);
  });

  test("renderJunit with the gate: a failing threshold is a failed test case, and the totals count it", () => {
    expect(gate.failures.length).toBeGreaterThan(0);
    const counts = (text: string) =>
      /<testsuites [^>]*failures="(\d+)" errors="(\d+)"/.exec(text)!.slice(1).map(Number) as [number, number];
    const xml = renderJunit(report, gate);
    const quality = gate.failures.filter((failure) => failure.category === "quality").length;
    expect(xml).toContain(
      `<testsuite name="gate" tests="${gate.failures.length}" failures="${quality}" errors="${gate.failures.length - quality}"`,
    );
    expect(counts(xml)[0]).toBe(counts(renderJunit(report))[0] + quality);
    expect(xml.match(/<testcase classname="gate"/g)).toHaveLength(gate.failures.length);
    const passed = evaluateGate(report, {});
    const lenient = { ...passed, failures: [], status: "passed" as const, exitCode: 0 as const };
    expect(renderJunit(report, lenient)).toContain('<testcase classname="gate" name="gate" time="0.000">');
    expect(counts(renderJunit(report, lenient))).toEqual(counts(renderJunit(report)));
  });

  test("renderJunit shows a score that misses its threshold by a hair apart from it", () => {
    const outcome = makeOutcome({ scores: { formats: 0.8999 }, thresholds: { formats: 0.9 } });
    const xml = renderJunit(buildEvalReport([outcome], { ...RUN_TIMES, compareOutputs }));
    expect(xml).toContain("✗ formats: 0.8999 &lt; 0.9000");
  });

  test("renderHtmlReport", async () => {
    // The script is its functions' source as the module loader compiled it (vite's here, esbuild's in dist/bundle/):
    // its own tests cover it, the snapshot the page around it.
    const html = renderHtmlReport(report, { gate })
      .replace(HTML_REPORT_SCRIPT, "/* HTML_REPORT_SCRIPT */")
      .replace(HTML_REPORT_SCRIPT_HASH, "HTML_REPORT_SCRIPT_HASH");
    await expect(html).toMatchFileSnapshot("__snapshots__/report.html.snap");
  });
});

describe("compareOutputs", () => {
  test("keeps changed rows with context and collapses the rest", () => {
    const lines = Array.from({ length: 20 }, (_, index) => `line ${index}`);
    const changed = [...lines];
    changed[10] = "line ten";
    const comparison = compareOutputs(lines.join("\n"), changed.join("\n"));
    expect(comparison.rows).toEqual([
      { type: "skip", count: 8 },
      { type: "equal", left: "line 8", right: "line 8" },
      { type: "equal", left: "line 9", right: "line 9" },
      {
        type: "modify",
        left: "line 10",
        right: "line ten",
        segments: [
          { type: "equal", text: "line " },
          { type: "remove", text: "10" },
          { type: "add", text: "ten" },
        ],
      },
      { type: "equal", left: "line 11", right: "line 11" },
      { type: "equal", left: "line 12", right: "line 12" },
      { type: "skip", count: 7 },
    ]);
    expect(comparison.truncated).toBe(false);
    const short = createOutputComparer({ maxRows: 2 })(lines.join("\n"), changed.join("\n"));
    expect(short.rows).toHaveLength(2);
    expect(short.truncated).toBe(true);
  });

  test("is equal with no rows for equal outputs, and JSON-aware", () => {
    expect(compareOutputs('{"a": 1}', '{ "a": 1 }')).toMatchObject({ kind: "json", equal: true, rows: [] });
  });
});

describe("escaping", () => {
  test.each(HOSTILE)("escapeHtml leaves no markup in %j", (text) => {
    expect(escapeHtml(text)).not.toMatch(/[<>"']/);
  });

  test("escapeJsonForScript gives the same value with no <, >, & or line separators", () => {
    for (const text of HOSTILE) {
      const json = escapeJsonForScript({ text });
      expect(json).not.toMatch(/[<>&\u2028\u2029]/);
      expect(JSON.parse(json)).toEqual({ text });
    }
  });

  test("escapeXmlText and escapeXmlAttribute leave no markup, and replace characters XML forbids", () => {
    expect(escapeXmlText("]]><a>&\u0000\uFFFF\uD800")).toBe("]]&gt;&lt;a&gt;&amp;\uFFFD\uFFFD\uFFFD");
    expect(escapeXmlAttribute("say \"hi\"\n'x'")).toBe("say &quot;hi&quot;&#10;&apos;x&apos;");
    expect(escapeXmlText("😀")).toBe("😀");
  });

  test("escapeMarkdown neutralises HTML, links, emphasis, tables and line breaks", () => {
    expect(escapeMarkdown("<b>x</b> [a](javascript:1) *y* | z\n# h")).toBe(
      "&lt;b&gt;x&lt;/b&gt; \\[a\\](javascript:1) \\*y\\* \\| z \\# h",
    );
  });

  test("sanitizeForTerminal removes escape sequences and control characters", () => {
    expect(sanitizeForTerminal("a\u001b[2J\u001b]0;title\u0007b\tc\rd\u0000")).toBe("ab  cd");
  });
});

describe("renderers on hostile names and outputs", () => {
  const hostile = hostileReport();
  const html = renderHtmlReport(hostile, {
    gate: evaluateGate(hostile, { requirements: { "*": { min: 0.9 } } }),
  });

  test("the HTML has no element, attribute or script from the data", () => {
    // Everything outside the JSON data elements is markup we wrote; no hostile text appears raw there.
    const outside = html.split(DATA_ELEMENT);
    expect(outside.length).toBeGreaterThan(1);
    for (const part of outside) expect(part).not.toMatch(/<img|<x>|<\/textarea>|onerror="/);
    const elements = readDataElements(html);
    expect(html.match(/<script/g)).toHaveLength(elements.length + 1);
    expect(html.match(/<\/script>/g)).toHaveLength(elements.length + 1);
    // The data elements hold the hostile text, escaped so that it cannot end the element.
    for (const data of elements) expect(data).not.toMatch(/[<>]/);
    const strings = elements.flatMap((data) => (JSON.parse(data) as HtmlReportDataChunk).strings);
    for (const text of HOSTILE) expect(strings).toContain(`output ${text}`);
    // The hostile names are in the summary, as text.
    expect(outside[0]).toContain("suite &quot;suite &lt;script&gt;window.__pwned = 1&lt;/script&gt;&quot;");
  });

  test("the page allows only its own script", () => {
    expect(html).toMatch(
      /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; script-src &#39;sha256-[A-Za-z0-9+/=]+&#39;;/,
    );
    expect(html).not.toMatch(/<(link|iframe|object|embed)\b|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
  });

  test("the JUnit XML escapes every name and message", () => {
    const xml = renderJunit(hostile);
    expect(xml).not.toMatch(/<script|<img|<x>|<\/textarea>/);
    expect(xml).not.toContain("]]>");
    expect(xml.match(/<testcase /g)).toHaveLength(10);
  });

  test("the Markdown summary escapes every name", () => {
    const markdown = renderMarkdownSummary(
      hostile,
      evaluateGate(hostile, { requirements: { "*": { min: 0.9 } } }),
    );
    expect(markdown).not.toMatch(/<script|<img|<\/textarea>|<x>/);
  });
});

describe("the HTML report's data", () => {
  test("comes in chunks that, read in order, give every cell, diff and string of one chunk", () => {
    const whole = readChunks([...renderHtmlReportData(report)].join(""));
    expect(whole.chunks).toBe(1);
    for (const size of [1, 3, 4]) {
      const chunked = readChunks([...renderHtmlReportData(report, { chunkCells: size })].join(""));
      expect(chunked.chunks).toBe(Math.ceil(report.cells.length / size));
      expect(chunked.resolved).toEqual(whole.resolved);
    }
  });

  test("renderHtmlReport is its chunks joined", () => {
    expect([...renderHtmlReportChunks(report, { gate })].join("")).toBe(renderHtmlReport(report, { gate }));
  });
});

describe("the HTML report's script", () => {
  test("is one self-contained script: no markup sink, no network", () => {
    expect(() => new Function(HTML_REPORT_SCRIPT)).not.toThrow();
    expect(HTML_REPORT_SCRIPT).not.toMatch(
      /innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|fetch\(|XMLHttpRequest|import\b|require\(/,
    );
    expect(HTML_REPORT_SCRIPT).not.toContain("</script");
  });
});

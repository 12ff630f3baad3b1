// The streamed files: report.json as chunks (valid JSON, the same value, one line per cell), and
// writeFileAtomic with strings and chunks, large, multi-byte, and failing halfway.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { buildEvalReport } from "../../../src/domain/index.js";
import { compareOutputs } from "../../../src/reporter/compare-outputs.js";
import { renderReportJson, renderReportJsonChunks } from "../../../src/reporter/render-report-json.js";
import { writeFileAtomic } from "../../../src/reporter/write-file-atomic.js";
import { fixtureReport, hostileReport, RUN_TIMES } from "./fixtures.js";

const dir = mkdtempSync(join(tmpdir(), "maestro-eval-streaming-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("renderReportJson", () => {
  test.each([
    ["the fixed report", fixtureReport()],
    ["a hostile report", hostileReport()],
    ["an empty report", buildEvalReport([], { ...RUN_TIMES, compareOutputs })],
  ])("writes %s as valid JSON with the same value", (_, report) => {
    const json = renderReportJson(report);
    expect(JSON.parse(json)).toEqual(report);
    expect(json.endsWith("}\n")).toBe(true);
  });

  test("indents the summaries and writes each cell and each case on one line", () => {
    const report = fixtureReport();
    const lines = renderReportJson(report).split("\n");
    expect(lines.slice(0, 3)).toEqual(["{", '  "schemaVersion": 2,', '  "run": {']);
    const cellLines = lines.filter((line) => line.startsWith('    {"key":'));
    expect(cellLines).toHaveLength(report.cells.length);
    expect(JSON.parse(cellLines[0]!.replace(/,$/, ""))).toEqual(report.cells[0]);
    const caseLines = lines.filter((line) => line.startsWith('        {"name":'));
    expect(caseLines).toHaveLength(report.suites.reduce((sum, suite) => sum + suite.cases.length, 0));
  });

  test("yields a chunk per cell, so no chunk holds the whole report", () => {
    const report = fixtureReport();
    const chunks = [...renderReportJsonChunks(report)];
    expect(chunks.length).toBeGreaterThan(report.cells.length);
    const longest = Math.max(...chunks.map((chunk) => chunk.length));
    expect(longest).toBeLessThan(renderReportJson(report).length / 2);
  });
});

describe("writeFileAtomic", () => {
  test("writes a string, and chunks, with multi-byte characters across the buffer's edges", () => {
    writeFileAtomic(join(dir, "text.txt"), "héllo ✓ 😀\n");
    expect(readFileSync(join(dir, "text.txt"), "utf8")).toBe("héllo ✓ 😀\n");
    // Chunks of every size around the 1 MiB buffer, one larger than it, all multi-byte.
    const chunks = [
      "a",
      "é".repeat(200_000),
      "✓".repeat(349_525),
      "😀".repeat(300_000),
      "z".repeat(3 << 20),
      "end",
    ];
    const path = join(dir, "nested", "chunks.txt");
    writeFileAtomic(path, chunks);
    expect(readFileSync(path, "utf8")).toBe(chunks.join(""));
    writeFileAtomic(path, []);
    expect(readFileSync(path, "utf8")).toBe("");
  });

  test("keeps the old file and leaves no temporary file when the chunks throw", () => {
    const path = join(dir, "kept.txt");
    writeFileSync(path, "old");
    function* failing(): Generator<string> {
      yield "new, half";
      throw new Error("render failed");
    }
    expect(() => writeFileAtomic(path, failing())).toThrow("render failed");
    expect(readFileSync(path, "utf8")).toBe("old");
    expect(readdirSync(dir).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });
});

// report.html's trend beside each requirement, in a real browser (Debian's Chromium through
// playwright-core): what a user reads in the page, and untrusted names shown as text, never run.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { EvalReport } from "../../src/domain/eval-report.js";
import { computeTrends, type HistoryEntry, summarizeForHistory } from "../../src/domain/run-history.js";
import { renderHtmlReport } from "../../src/reporter/render-html-report.js";
import { repoRoot } from "../helpers/run-fixture-suites.js";
import { fixtureReport, hostileReport } from "../unit/reporter/fixtures.js";

const CHROMIUM = "/usr/bin/chromium";
const available = existsSync(CHROMIUM);
const outDir = join(repoRoot, "reports", "e2e");
let browser: Browser | undefined;

if (!available && process.env.CI) {
  throw new Error(`${CHROMIUM} is missing in CI; .ci/run should have installed Debian's chromium`);
}

beforeAll(async () => {
  if (!available) return;
  mkdirSync(outDir, { recursive: true });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
});

afterAll(async () => {
  await browser?.close();
});

/** Three earlier runs of the same report, the first requirement's mean falling from 1 at the second commit. */
function historyOf(report: EvalReport): HistoryEntry[] {
  return ["1111111", "2222222", "3333333"].flatMap((commit, index) =>
    summarizeForHistory(report, {
      run: `run-${index}`,
      at: `2026-12-0${index + 1}T10:00:00.000Z`,
      commit,
      branch: "main",
      dirty: false,
      shard: null,
      source: "run",
    }).map((entry) => ({
      ...entry,
      groups: entry.groups.map((group) => ({
        ...group,
        requirements: group.requirements.map((requirement, position) =>
          position === 0 ? { ...requirement, mean: index === 0 ? 1 : 0.25 } : requirement,
        ),
      })),
    })),
  );
}

async function readPage(report: EvalReport, name: string) {
  const file = join(outDir, name);
  writeFileSync(file, renderHtmlReport(report, { trend: computeTrends(historyOf(report)).rows }));
  const context = await browser!.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(pathToFileURL(file).href);
  await page.waitForLoadState("load");
  const suites: { trend: string | null; caption: string[] }[] = [];
  const sections = page.locator("section.suite");
  for (let index = 0; index < (await sections.count()); index += 1) {
    const section = sections.nth(index);
    const table = section.locator("table.trend");
    suites.push({
      // Playwright's innerText: the text a reader sees, tabs between cells and a line per row.
      // biome-ignore lint/performance/useDomNodeTextContent: not a DOM node, a Playwright locator
      trend: (await table.count()) === 0 ? null : await table.innerText(),
      caption: await section.locator("h3").allInnerTexts(),
    });
  }
  const pwned = await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned);
  await context.close();
  return { suites, pwned, errors };
}

describe.skipIf(!available)("report.html trend", () => {
  test("each suite shows a row per model/budget and requirement: sparkline, last value, largest change with its commit", async () => {
    const report = fixtureReport();
    const { suites, errors } = await readPage(report, "trend.html");
    expect(errors).toEqual([]);
    expect(suites.length).toBe(report.suites.length);
    for (const [index, suite] of report.suites.entries()) {
      const shown = suites[index]!;
      expect(shown.caption).toContain("Trend over the last 3 runs");
      const rows = shown.trend!.split("\n").map((line) => line.split("\t"));
      expect(rows[0]).toEqual(["model/budget", "requirement", "trend", "last", "largest change"]);
      const group = suite.groups[0]!;
      const first = suite.groups[0]!.requirements[0]!;
      const firstRow = rows.find(
        (row) => row[0] === group.id && row[1] === `${first.name}${first.mandatory ? " *" : ""}`,
      );
      // 1, then 0.25 twice: the drop came in with the second commit.
      expect(firstRow).toEqual([
        group.id,
        `${first.name}${first.mandatory ? " *" : ""}`,
        "█▃▃",
        "0.25",
        "-0.75 at 2222222 (main)",
      ]);
      expect(rows.some((row) => row[1] === "overall")).toBe(true);
    }
  }, 60_000);

  test("names from the report are text in the trend, and nothing in them runs", async () => {
    const { suites, pwned, errors } = await readPage(hostileReport(), "trend-hostile.html");
    expect(pwned).toBeUndefined();
    expect(errors).toEqual([]);
    const trends = suites.map((suite) => suite.trend ?? "").join("\n");
    expect(trends).toContain('req <img src=x onerror="window.__pwned = 2">');
    expect(trends).toContain("model0<b>");
  }, 60_000);
});

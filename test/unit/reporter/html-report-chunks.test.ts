// The HTML report's data in many chunks, read by the page's own script in Chromium (when installed; the
// e2e suite requires it in CI): every row appears, details show their diffs, nothing is left unread and
// no error is raised, hostile text included.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { EvalReport } from "../../../src/domain/index.js";
import { renderHtmlReport } from "../../../src/reporter/render-html-report.js";
import { fixtureReport, hostileReport } from "./fixtures.js";

const CHROMIUM = "/usr/bin/chromium";
const dir = mkdtempSync(join(tmpdir(), "maestro-eval-html-chunks-"));
let browser: Browser | undefined;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) return;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
  });
});

afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!existsSync(CHROMIUM))("renderHtmlReport in chunks, in Chromium", () => {
  test.each([
    ["the fixed report", fixtureReport()],
    ["a hostile report", hostileReport()],
  ] as [string, EvalReport][])(
    "shows every cell of %s read two cells at a time",
    async (name, report) => {
      const file = join(dir, `${name.replaceAll(" ", "-")}.html`);
      writeFileSync(file, renderHtmlReport(report, { chunkCells: 2 }));
      const page = await browser!.newPage();
      const errors: string[] = [];
      const dialogs: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      page.on("dialog", async (dialog) => {
        dialogs.push(dialog.message());
        await dialog.dismiss();
      });
      await page.goto(pathToFileURL(file).href);
      await page.locator("#count", { hasText: "in the report" }).waitFor();
      const rows = page.locator("#cells-table tbody tr.cell");
      expect(await rows.count()).toBe(report.cells.length);
      for (let index = 0; index < report.cells.length; index++) await rows.nth(index).click();
      const diffs = report.suites.reduce(
        (sum, suite) => sum + suite.cases.reduce((count, item) => count + item.diffs.length, 0),
        0,
      );
      expect(await page.locator("table.diff").count()).toBe(diffs);
      expect(await page.locator("script.maestro-eval-data").count()).toBe(0);
      expect(await page.locator("#count").textContent()).toBe(
        `showing ${report.cells.length} of ${report.cells.length} cells (${report.cells.length} in the report)`,
      );
      expect(errors).toEqual([]);
      expect(dialogs).toEqual([]);
      await page.close();
    },
    60_000,
  );
});

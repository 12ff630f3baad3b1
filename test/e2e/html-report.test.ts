// The HTML report in a real browser: Debian's Chromium driven by playwright-core. Outputs, reasons and
// names are untrusted, so a report full of markup must show it as text and run none of it, both with
// the page's Content-Security-Policy and without it (so escaping alone is shown to hold).
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { renderHtmlReport } from "../../src/reporter/index.js";
import { repoRoot } from "../helpers/run-fixture-suites.js";
import { fixtureReport, HOSTILE, hostileReport } from "../unit/reporter/fixtures.js";

const CHROMIUM = "/usr/bin/chromium";
const available = existsSync(CHROMIUM);
const outDir = join(repoRoot, "reports", "e2e");
let browser: Browser | undefined;

if (!available && process.env.CI) {
  // CI installs Chromium (.ci/run); its absence there is a failure, never a silent skip.
  throw new Error(`${CHROMIUM} is missing in CI; .ci/run should have installed Debian's chromium`);
}

beforeAll(async () => {
  if (!available) return;
  mkdirSync(outDir, { recursive: true });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
});

afterAll(async () => {
  await browser?.close();
});

async function open(file: string, bypassCSP: boolean) {
  const context = await browser!.newContext({ bypassCSP, viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  const dialogs: string[] = [];
  const requests: string[] = [];
  const pageErrors: string[] = [];
  page.on("dialog", async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  page.on("request", (request) => {
    if (!request.url().startsWith("file:")) requests.push(request.url());
  });
  page.on("pageerror", (error) => pageErrors.push(error.message));
  await page.goto(pathToFileURL(file).href);
  await page.waitForLoadState("load");
  return { context, page, dialogs, requests, pageErrors };
}

describe.skipIf(!available)("the HTML report in Chromium", () => {
  test.each([false, true])(
    "hostile outputs are shown as text and never run (CSP bypassed: %s)",
    async (bypassCSP) => {
      const file = join(outDir, `hostile-${bypassCSP ? "no-csp" : "csp"}.html`);
      writeFileSync(file, renderHtmlReport(hostileReport()));
      const { context, page, dialogs, requests, pageErrors } = await open(file, bypassCSP);
      // Open every detail row, where outputs, reasons and diffs are written.
      const rows = page.locator("#cells-table tbody tr.cell");
      const count = await rows.count();
      expect(count).toBeGreaterThan(0);
      for (let index = 0; index < count; index += 1) await rows.nth(index).click();
      expect(
        await page.evaluate(() => (globalThis as unknown as { __pwned?: unknown }).__pwned),
      ).toBeUndefined();
      expect(dialogs).toEqual([]);
      expect(requests).toEqual([]);
      expect(pageErrors).toEqual([]);
      // Playwright's innerText: the text a reader sees, which is the point here.
      // biome-ignore lint/performance/useDomNodeTextContent: not a DOM node, a Playwright locator
      const text = await page.locator("body").innerText();
      for (const hostile of HOSTILE.slice(0, 4)) expect(text).toContain(hostile);
      expect(await page.locator("img").count()).toBe(0);
      await page.screenshot({
        path: join(outDir, `hostile-${bypassCSP ? "no-csp" : "csp"}.png`),
        fullPage: true,
      });
      await context.close();
    },
    60_000,
  );

  // The script is its functions' source as the loader compiled them: vite's here, esbuild's under tsx (which
  // names functions through a `__name` helper the script must define), and the built package's bundle in
  // dist/bundle/ (esbuild's, with its pure annotations and names renamed where two modules' meet). The page must read
  // the same under each: every row, every detail and diff.
  test("the page's script works as tsx compiles it and as the built bundle holds it, the same as here", async () => {
    const report = fixtureReport();
    const json = join(outDir, "loaders.json");
    writeFileSync(json, JSON.stringify(report));
    const texts: Record<string, string> = {};
    for (const loader of ["vite", "tsx", "bundle"] as const) {
      const file = join(outDir, `loader-${loader}.html`);
      if (loader === "vite") writeFileSync(file, renderHtmlReport(report, { chunkCells: 2 }));
      else {
        const module = join(repoRoot, loader === "tsx" ? "src/reporter/index.ts" : "dist/bundle/reporter.js");
        const code = [
          'import { readFileSync, writeFileSync } from "node:fs";',
          `const { renderHtmlReport } = await import(${JSON.stringify(pathToFileURL(module).href)});`,
          `const report = JSON.parse(readFileSync(${JSON.stringify(json)}, "utf8"));`,
          `writeFileSync(${JSON.stringify(file)}, renderHtmlReport(report, { chunkCells: 2 }));`,
        ].join("\n");
        const flags = loader === "tsx" ? ["--import", "tsx"] : [];
        execFileSync(process.execPath, [...flags, "--input-type=module", "-e", code], { cwd: repoRoot });
      }
      const html = readFileSync(file, "utf8");
      expect(html.includes("const __name = ")).toBe(loader === "tsx");
      const { context, page, requests, pageErrors } = await open(file, false);
      await page.locator("#count", { hasText: "in the report" }).waitFor();
      const rows = page.locator("#cells-table tbody tr.cell");
      expect(await rows.count()).toBe(report.cells.length);
      for (let index = report.cells.length - 1; index >= 0; index -= 1) await rows.nth(index).click();
      texts[loader] = await page.locator("#cells").evaluate((body) => body.outerHTML);
      expect(requests).toEqual([]);
      expect(pageErrors).toEqual([]);
      await context.close();
    }
    expect(texts.vite).toContain("Diff against the reference");
    expect(texts.tsx).toBe(texts.vite);
    expect(texts.bundle).toBe(texts.vite);
  }, 60_000);

  test("a normal report renders its heatmap, filters and details offline, with a screenshot", async () => {
    const file = join(outDir, "report.html");
    writeFileSync(file, renderHtmlReport(fixtureReport()));
    const { context, page, requests, pageErrors } = await open(file, false);
    expect(await page.locator("svg").count()).toBeGreaterThan(0);
    expect(await page.locator("select").count()).toBeGreaterThan(0);
    const rows = page.locator("#cells-table tbody tr.cell");
    const before = await rows.count();
    expect(before).toBeGreaterThan(0);
    await rows.first().click();
    expect(await page.locator("tr.detail").count()).toBe(1);
    expect(requests).toEqual([]);
    expect(pageErrors).toEqual([]);
    await page.screenshot({ path: join(outDir, "report.png"), fullPage: true });
    expect(existsSync(join(outDir, "report.png"))).toBe(true);
    await context.close();
  }, 60_000);
});

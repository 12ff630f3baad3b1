// The HTML report's inline stylesheet and script. The script is constant: data reaches it only through the
// JSON elements, and it writes data into the page only as text (textContent, createTextNode, setAttribute of
// plain attributes), never as markup. Its hash goes into the page's Content-Security-Policy, so no other
// script can run there, injected or not. It is written in TypeScript (html-page/report-page.ts, the decoder
// in html-report-decode.ts) and embedded here from the functions' own source.
import { createHash } from "node:crypto";
import { formatDuration, formatScore, formatUsd } from "../domain/index.js";
import * as page from "./html-page/report-page.js";
import { createHtmlReportView, decodeHtmlReportChunk } from "./html-report-decode.js";

/** The report's stylesheet. */
export const HTML_REPORT_STYLE = `
:root { color-scheme: light dark; --fg: #1d1f23; --muted: #646a73; --bg: #fff; --panel: #f5f6f8; --line: #d9dce1;
  --good: #1a7f37; --mixed: #9a6700; --bad: #cf222e; --add: #dafbe1; --rm: #ffebe9; --addw: #aceebb; --rmw: #ffcecb; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6e6e6; --muted: #9ba1a9; --bg: #15171a; --panel: #1f2226; --line: #33373d;
  --good: #3fb950; --mixed: #d29922; --bad: #f85149; --add: #12361f; --rm: #3d1417; --addw: #1f6f3a; --rmw: #8e1519; } }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); }
header, main { max-width: 1400px; margin: 0 auto; padding: 16px 24px; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 28px 0 8px; } h3 { font-size: 15px; margin: 16px 0 6px; }
.muted { color: var(--muted); } .good { color: var(--good); } .mixed { color: var(--mixed); } .bad { color: var(--bad); }
.banner { padding: 8px 12px; border-radius: 6px; background: var(--panel); border-left: 4px solid var(--mixed); margin: 8px 0; }
.banner.bad { border-left-color: var(--bad); } .banner.good { border-left-color: var(--good); }
table { border-collapse: collapse; } th, td { padding: 4px 8px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
.compare td.num, .compare th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.scroll { overflow-x: auto; max-width: 100%; }
.heatmap text { font: 11px system-ui, sans-serif; fill: var(--fg); } .heatmap .value { fill: #fff; font-weight: 600; }
.filters { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; padding: 10px 12px; background: var(--panel);
  border-radius: 6px; position: sticky; top: 0; z-index: 2; }
.filters label { display: flex; gap: 6px; align-items: center; }
#cells-table { width: 100%; } #cells-table tbody tr.cell { cursor: pointer; } #cells-table tbody tr.cell:hover { background: var(--panel); }
.badge { display: inline-block; padding: 0 6px; border-radius: 10px; font-size: 12px; border: 1px solid currentColor; }
.detail > td { background: var(--panel); padding: 12px 16px; }
pre { white-space: pre-wrap; word-break: break-word; margin: 4px 0; padding: 8px; background: var(--bg); border: 1px solid var(--line);
  border-radius: 4px; max-height: 420px; overflow: auto; font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, monospace; }
.diff { width: 100%; table-layout: fixed; font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, monospace; }
.diff td { white-space: pre-wrap; word-break: break-word; border: 0; padding: 1px 6px; }
.diff .rm { background: var(--rm); } .diff .add { background: var(--add); } .diff .skip { color: var(--muted); text-align: center; }
.diff .rmw { background: var(--rmw); } .diff .addw { background: var(--addw); }
#more { margin: 12px 0; }
`;

/** What the page's script is given: the decoder and the formatters it shares with the other renderers. */
const PAGE_TOOLS = {
  createView: createHtmlReportView,
  decode: decodeHtmlReportChunk,
  formatScore,
  formatUsd,
  formatDuration,
} satisfies page.PageTools;

/**
 * The report's script: filters, rows rendered a page at a time as they scroll into view, details on click.
 * It is the source of the page's functions and of the tools they are given, declared in one function scope,
 * then a call of `runReportPage`. The source is the loaded module's: tsc's output when run from dist/,
 * esbuild's under tsx, vite's under vitest. esbuild may name functions through its `__name` helper, which
 * the script then defines (as doing nothing: the page reads no function's name).
 */
export const HTML_REPORT_SCRIPT = assembleScript(
  [...Object.values(PAGE_TOOLS), ...Object.values(page).filter((value) => typeof value === "function")],
  `${page.runReportPage.name}({ ${Object.entries(PAGE_TOOLS)
    .map(([key, tool]) => `${key}: ${tool.name}`)
    .join(", ")} });`,
);

type PageFunction = (...args: never[]) => unknown;

function assembleScript(functions: readonly PageFunction[], call: string): string {
  const names = new Set<string>();
  const sources = functions.map((fn) => {
    const source = fn.toString();
    if (!new RegExp(`^function\\s*${fn.name}\\s*\\(`).test(source) || names.has(fn.name)) {
      throw new Error(
        `the HTML report's script: ${fn.name || "a function"} is not a function declared once by name`,
      );
    }
    names.add(fn.name);
    // A bundler's annotation that a call has no side effects, "/* @__PURE__ */" (esbuild's, in the built
    // package) or "/*#__PURE__*/": a comment, dropped.
    return source.replace(/\/\*\s*[@#]__PURE__\s*\*\/\s*/g, "");
  });
  const body = sources.join("\n");
  const helpers = new Set([...body.matchAll(/\b__[A-Za-z]\w*/g)].map((match) => match[0]));
  helpers.delete("__name");
  if (helpers.size > 0 || /<\/script|<!--/i.test(body)) {
    // An import (vite's __vite_ssr_import_0__), another compiler helper, or markup that would end the element.
    throw new Error(
      `the HTML report's script cannot be embedded: ${[...helpers].join(", ") || "it holds </script or <!--"}`,
    );
  }
  const prelude = /\b__name\b/.test(body) ? "const __name = (target) => target;\n" : "";
  return `\n(function () {\n"use strict";\n${prelude}${body}\n${call}\n})();\n`;
}

/** The script's hash for the Content-Security-Policy (`script-src 'sha256-…'`). */
export const HTML_REPORT_SCRIPT_HASH = `sha256-${createHash("sha256").update(HTML_REPORT_SCRIPT).digest("base64")}`;

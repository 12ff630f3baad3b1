/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The HTML report's script, as TypeScript: tsc checks it against the data's types and biome lints it like
// the rest. html-report-assets.ts embeds the source of every function exported here into the page, one by
// one, so each uses nothing from its module but these functions, by name, and what `runReportPage` is
// given (the decoder and the shared formatters, embedded the same way); nothing here runs in Node.
//
// The data comes in chunks of a few thousand cells, and the script follows the first: it shows the first
// rows at once, then reads each further chunk once the browser has parsed it whole (something follows it,
// or the document is loaded), a few at a time, so the page answers while it loads. It writes data into the
// page only as text (textContent, createTextNode, plain attributes), never as markup.
import type { DiffRow, formatDuration, formatScore, formatUsd } from "../../domain/index.js";
import type { HtmlReportDataChunk } from "../html-report-data.js";
import type { createHtmlReportView, decodeHtmlReportChunk, HtmlReportView } from "../html-report-decode.js";

/** What the page's functions share with the rest of the reporter: passed in, as they are embedded apart. */
export interface PageTools {
  createView: typeof createHtmlReportView;
  decode: typeof decodeHtmlReportChunk;
  formatScore: typeof formatScore;
  formatUsd: typeof formatUsd;
  formatDuration: typeof formatDuration;
}

/** The page's controls and the places it writes to. */
export interface PageElements {
  suite: HTMLSelectElement;
  model: HTMLSelectElement;
  budget: HTMLSelectElement;
  failing: HTMLInputElement;
  text: HTMLInputElement;
  count: HTMLElement;
  body: HTMLElement;
  sentinel: HTMLElement;
}

/** The page's state: the data read so far, the cells that pass the filters and how many rows show. */
export interface PageState {
  tools: PageTools;
  view: HtmlReportView;
  elements: PageElements;
  /** Rows added at a time, at first and as the list scrolls into view. */
  pageRows: number;
  /** Positions of the cells that pass the filters, among those scanned so far. */
  filtered: number[];
  shown: number;
  scanned: number;
}

/** Reads the first chunk, fills the filters, shows the first rows and reads the rest as it comes. */
export function runReportPage(tools: PageTools): void {
  const first = nextChunk();
  if (first === null) return;
  const view = tools.createView();
  readChunk(tools, view, first);
  const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
  const state: PageState = {
    tools,
    view,
    elements: {
      suite: byId("f-suite"),
      model: byId("f-model"),
      budget: byId("f-budget"),
      failing: byId("f-failing"),
      text: byId("f-text"),
      count: byId("count"),
      body: byId("cells"),
      sentinel: byId("more"),
    },
    pageRows: 200,
    filtered: [],
    shown: 0,
    scanned: 0,
  };
  fillFilters(state);
  const { elements } = state;
  const apply = () => applyFilters(state);
  for (const control of [elements.suite, elements.model, elements.budget, elements.failing])
    control.addEventListener("change", apply);
  let timer = 0;
  elements.text.addEventListener("input", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(apply, 150);
  });
  elements.sentinel.addEventListener("click", () => showMore(state));
  if ("IntersectionObserver" in window) {
    new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) showMore(state);
      },
      { rootMargin: "600px" },
    ).observe(elements.sentinel);
  }
  applyFilters(state);
  if (isLoading(state)) window.setTimeout(() => readMore(state), 0);
}

/** The next data element, once the browser has parsed it whole; null when there is none yet. */
export function nextChunk(): HTMLScriptElement | null {
  const source = document.querySelector<HTMLScriptElement>("script.maestro-eval-data");
  if (source === null) return null;
  return source.nextSibling !== null || document.readyState !== "loading" ? source : null;
}

/** Decodes a data element into the view and removes it from the page. */
export function readChunk(tools: PageTools, view: HtmlReportView, source: HTMLScriptElement): void {
  const chunk = JSON.parse(source.textContent ?? "") as HtmlReportDataChunk;
  source.remove();
  tools.decode(chunk, view);
}

/** Whether chunks are still to come. */
export function isLoading(state: PageState): boolean {
  return state.view.cells.length < state.view.total || document.readyState === "loading";
}

/** Reads the chunks parsed so far, about 30 ms at a time, adding the new cells that pass the filters. */
export function readMore(state: PageState): void {
  const until = Date.now() + 30;
  while (Date.now() < until) {
    const source = nextChunk();
    if (source === null) break;
    readChunk(state.tools, state.view, source);
  }
  scanCells(state);
  if (state.shown < state.pageRows) showMore(state);
  else showCount(state);
  if (isLoading(state)) window.setTimeout(() => readMore(state), nextChunk() === null ? 50 : 0);
}

/** An element with a class and text, either left out when null. */
export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string | null,
  text?: string | number | null,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

/** The suite, model and budget filters' options. */
export function fillFilters(state: PageState): void {
  const { elements, view } = state;
  const option = (select: HTMLSelectElement, value: string, label: string) => {
    const item = element("option", null, label);
    item.value = value;
    select.appendChild(item);
  };
  const models = new Set<string>();
  const budgets = new Set<string>();
  for (const suite of view.suites) {
    option(elements.suite, String(suite.index), suite.name);
    for (const group of suite.groups) {
      models.add(group.model);
      budgets.add(group.budget);
    }
  }
  for (const model of Array.from(models).sort()) option(elements.model, model, model);
  for (const budget of ["low", "medium", "high"])
    if (budgets.has(budget)) option(elements.budget, budget, budget);
}

/**
 * Whether a cell is failing: the test failed, the cell has an error, an assertion on it failed (its own or
 * a compare's), or a mandatory requirement scored below 1.
 */
export function isFailing(state: PageState, position: number): boolean {
  const cell = state.view.cells[position]!;
  return (
    cell.state === "failed" ||
    cell.error !== null ||
    cell.failedAssertions > 0 ||
    cell.requirements.some((requirement) => requirement.mandatory && requirement.score < 1 - 1e-9)
  );
}

/** Whether a cell passes the filters. */
export function passesFilters(state: PageState, position: number): boolean {
  const { elements } = state;
  const cell = state.view.cells[position]!;
  if (elements.suite.value !== "" && String(cell.suite.index) !== elements.suite.value) return false;
  if (elements.model.value !== "" && cell.group.model !== elements.model.value) return false;
  if (elements.budget.value !== "" && cell.group.budget !== elements.budget.value) return false;
  if (elements.failing.checked && !isFailing(state, position)) return false;
  const text = elements.text.value.trim().toLowerCase();
  return text === "" || cell.case.toLowerCase().includes(text);
}

/** Adds the cells read since the last scan that pass the filters. */
export function scanCells(state: PageState): void {
  for (; state.scanned < state.view.cells.length; state.scanned++)
    if (passesFilters(state, state.scanned)) state.filtered.push(state.scanned);
}

/** Filters the cells anew and shows the first rows; hides the suites filtered out. */
export function applyFilters(state: PageState): void {
  const { elements } = state;
  state.filtered = [];
  state.scanned = 0;
  scanCells(state);
  elements.body.textContent = "";
  state.shown = 0;
  showMore(state);
  for (const section of document.querySelectorAll<HTMLElement>("section.suite")) {
    section.hidden =
      elements.suite.value !== "" && section.getAttribute("data-suite") !== elements.suite.value;
  }
}

/** Shows the next rows of the filtered cells. */
export function showMore(state: PageState): void {
  const end = Math.min(state.shown + state.pageRows, state.filtered.length);
  const fragment = document.createDocumentFragment();
  for (; state.shown < end; state.shown++)
    fragment.appendChild(renderRow(state, state.filtered[state.shown]!));
  state.elements.body.appendChild(fragment);
  showCount(state);
}

/** How many rows show, of how many cells; the "show more" button while rows are left. */
export function showCount(state: PageState): void {
  const { elements, view, shown, filtered } = state;
  const read = isLoading(state)
    ? `loading: ${view.cells.length} of ${view.total}`
    : `${view.cells.length} in the report`;
  elements.count.textContent = `showing ${shown} of ${filtered.length} cells (${read})`;
  elements.sentinel.hidden = shown >= filtered.length;
}

/** A score as the other reports write it (against the number it is compared with, if any), or a dash. */
export function formatPageScore(state: PageState, value: number | null, against?: number): string {
  return value === null ? "\u2013" : state.tools.formatScore(value, against);
}

/** A cost as the other reports write it, or `n/a` when unknown. */
export function formatPageCost(state: PageState, value: number | null): string {
  return value === null ? "n/a" : state.tools.formatUsd(value);
}

/** A cell's row in the list; a click shows or hides its details under it. */
export function renderRow(state: PageState, position: number): HTMLTableRowElement {
  const cell = state.view.cells[position]!;
  const row = element("tr", "cell");
  const failed = cell.requirements.filter((requirement) => !requirement.pass).length;
  row.appendChild(element("td", null, cell.suite.name));
  row.appendChild(element("td", null, cell.case));
  row.appendChild(element("td", null, `${cell.group.id} #${cell.repeat}`));
  const stateCell = element("td");
  const tone =
    cell.error !== null || cell.state === "failed" ? "bad" : cell.state === "passed" ? "good" : "muted";
  const label = cell.error !== null ? `${cell.error.category} error` : cell.state;
  stateCell.appendChild(element("span", `badge ${tone}`, label));
  row.appendChild(stateCell);
  row.appendChild(element("td", "num", formatPageScore(state, cell.score)));
  row.appendChild(element("td", "num", `${failed} / ${cell.requirements.length}`));
  row.appendChild(element("td", "num", state.tools.formatDuration(cell.latencyMs)));
  row.appendChild(element("td", "num", formatPageCost(state, cell.costUsd)));
  const disagreements = cell.disagreements.length;
  row.appendChild(
    element(
      "td",
      disagreements > 0 ? "mixed" : "muted",
      disagreements > 0 ? `${disagreements} disagree` : "",
    ),
  );
  row.addEventListener("click", () => toggleDetail(state, row, position));
  return row;
}

/** Shows a cell's details in a row under its own, or hides them. */
export function toggleDetail(state: PageState, row: HTMLTableRowElement, position: number): void {
  const next = row.nextSibling;
  if (next instanceof HTMLElement && next.className === "detail") {
    next.remove();
    return;
  }
  const detailRow = element("tr", "detail");
  const cell = element("td");
  cell.colSpan = 9;
  cell.appendChild(renderDetail(state, position));
  detailRow.appendChild(cell);
  row.parentNode?.insertBefore(detailRow, row.nextSibling);
}

/** A table cell's content: text, or text with a class. */
export type PageTableCell = string | { text: string; className: string };

/** A table of text. */
export function renderTable(head: readonly string[], rows: readonly PageTableCell[][]): HTMLTableElement {
  const table = element("table");
  const thead = element("thead");
  const headRow = element("tr");
  for (const title of head) headRow.appendChild(element("th", null, title));
  thead.appendChild(headRow);
  table.appendChild(thead);
  const body = element("tbody");
  for (const cells of rows) {
    const row = element("tr");
    for (const value of cells) {
      row.appendChild(
        typeof value === "string" ? element("td", null, value) : element("td", value.className, value.text),
      );
    }
    body.appendChild(row);
  }
  table.appendChild(body);
  return table;
}

/** A cell's details: run, error, failures, requirements, disagreements, output and its diff. */
export function renderDetail(state: PageState, position: number): HTMLDivElement {
  const { view } = state;
  const cell = view.cells[position]!;
  const box = element("div");
  const facts = [
    `run ${cell.runId ?? "\u2013"}`,
    `score ${formatPageScore(state, cell.score)}`,
    state.tools.formatDuration(cell.latencyMs),
    formatPageCost(state, cell.costUsd),
  ];
  box.appendChild(element("div", "muted", facts.join(" \u00b7 ")));
  if (cell.error !== null) {
    box.appendChild(element("h3", "bad", `${cell.error.category} error: ${cell.error.name}`));
    box.appendChild(element("pre", null, cell.error.message));
  }
  if (cell.failures.length > 0) {
    box.appendChild(element("h3", "bad", "Failures"));
    for (const failure of cell.failures) box.appendChild(element("pre", null, failure));
  }
  if (cell.requirements.length > 0) {
    box.appendChild(element("h3", null, "Requirements"));
    const head = ["requirement", "score", "scored by", "threshold", "", "reason"];
    const rows = cell.requirements.map((requirement): PageTableCell[] => [
      requirement.name === null ? "?" : `${requirement.name}${requirement.mandatory ? " *" : ""}`,
      formatPageScore(state, requirement.score, requirement.threshold),
      requirement.source ?? "",
      formatPageScore(state, requirement.threshold, requirement.score),
      requirement.pass ? { text: "pass", className: "good" } : { text: "fail", className: "bad" },
      requirement.reason ?? "",
    ]);
    box.appendChild(renderTable(head, rows));
  }
  if (cell.disagreements.length > 0) {
    box.appendChild(element("h3", "mixed", "Verifier disagreements"));
    const head = ["requirement", "Maestro", "verifier", "Maestro's reason", "verifier's reason"];
    const rows = cell.disagreements.map((item) => [
      item.name,
      formatPageScore(state, item.reportedScore),
      formatPageScore(state, item.verifiedScore),
      item.reportedReason ?? "",
      item.verifiedReason ?? "",
    ]);
    box.appendChild(renderTable(head, rows));
  }
  const cut = cell.outputChars > cell.output.length;
  const outputTitle = cut
    ? `Output (first ${cell.output.length} of ${cell.outputChars} characters)`
    : "Output";
  box.appendChild(element("h3", null, outputTitle));
  box.appendChild(element("pre", null, cell.output));
  const diff = view.diffs.get(position);
  if (diff !== undefined) {
    const reference = view.cells[diff.reference]!;
    const label = `${reference.case} \u00b7 ${reference.group.id} #${reference.repeat}`;
    const changes = `${diff.changes}${diff.kind === "json" ? " changed paths" : " changed lines"}`;
    box.appendChild(element("h3", null, `Diff against the reference, ${label} (${changes})`));
    box.appendChild(renderDiff(diff.rows));
    if (diff.truncated) box.appendChild(element("div", "muted", "\u2026 the diff was cut"));
  } else if (view.equal.has(position)) {
    box.appendChild(element("div", "muted", "Same output as the reference cell."));
  }
  return box;
}

/** A diff side by side: removed text on the left, added on the right, changed words marked. */
export function renderDiff(rows: readonly DiffRow[]): HTMLTableElement {
  const table = element("table", "diff");
  const body = element("tbody");
  for (const diffRow of rows) {
    const row = element("tr");
    if (diffRow.type === "skip") {
      const skip = element(
        "td",
        "skip",
        `\u22ef ${diffRow.count} unchanged line${diffRow.count === 1 ? "" : "s"}`,
      );
      skip.colSpan = 2;
      row.appendChild(skip);
      body.appendChild(row);
      continue;
    }
    const left = element("td");
    const right = element("td");
    if (diffRow.type === "equal") {
      left.textContent = diffRow.left;
      right.textContent = diffRow.right;
    } else if (diffRow.type === "remove") {
      left.textContent = diffRow.left;
      left.className = "rm";
    } else if (diffRow.type === "add") {
      right.textContent = diffRow.right;
      right.className = "add";
    } else {
      left.className = "rm";
      right.className = "add";
      if (diffRow.segments.length > 0) {
        for (const segment of diffRow.segments) {
          if (segment.type === "equal") {
            left.appendChild(document.createTextNode(segment.text));
            right.appendChild(document.createTextNode(segment.text));
          } else if (segment.type === "remove") left.appendChild(element("span", "rmw", segment.text));
          else right.appendChild(element("span", "addw", segment.text));
        }
      } else {
        left.textContent = diffRow.left;
        right.textContent = diffRow.right;
      }
    }
    row.appendChild(left);
    row.appendChild(right);
    body.appendChild(row);
  }
  table.appendChild(body);
  return table;
}

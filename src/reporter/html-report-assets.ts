// The HTML report's inline stylesheet and script. The script is constant: data reaches it only through the
// JSON element, and it writes data into the page only as text (textContent, createTextNode, setAttribute of
// plain attributes), never as markup. Its hash goes into the page's Content-Security-Policy, so no other
// script can run there, injected or not.
import { createHash } from "node:crypto";

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

/** The report's script: filters, rows rendered a page at a time as they scroll into view, details on click. */
export const HTML_REPORT_SCRIPT = `
(function () {
  "use strict";
  // The data comes in chunks of a few thousand cells, and this script follows the first: it shows the
  // first rows at once, then reads each further chunk once the browser has parsed it whole (something
  // follows it, or the document is loaded), a few at a time, so the page answers while it loads.
  var S = [], suites = [], cells = [], total = 0;
  var STATES = ["passed", "failed", "skipped"];
  var PAGE = 200;
  var diffByCell = new Map();
  var equal = new Set();
  function complete(source) { return source.nextSibling !== null || document.readyState !== "loading"; }
  function next() {
    var source = document.querySelector("script.maestro-eval-data");
    return source && complete(source) ? source : null;
  }
  function load(source) {
    var data = JSON.parse(source.textContent);
    source.remove();
    var i;
    for (i = 0; i < data.strings.length; i++) S.push(data.strings[i]);
    if (data.suites) { suites = data.suites; total = data.total; }
    for (i = 0; i < data.cells.length; i++) cells.push(data.cells[i]);
    data.diffs.forEach(function (d) { diffByCell.set(d[0], d); });
    data.equal.forEach(function (c) { equal.add(c); });
  }
  var first = next();
  if (!first) return;
  load(first);
  function loading() { return cells.length < total || document.readyState === "loading"; }
  function str(i) { return i < 0 ? null : S[i]; }
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function fmt(x, digits) { return x === null || x === undefined ? "\\u2013" : Number(x).toFixed(digits === undefined ? 2 : digits); }
  function ms(x) { return x < 1000 ? Math.round(x) + " ms" : (x / 1000).toFixed(1) + " s"; }
  function usd(x) { return x === null ? "n/a" : "$" + (x >= 1 ? x.toFixed(2) : Number(x.toPrecision(3)).toString()); }
  function groupOf(c) { return suites[c[0]][1][c[2]]; }
  function cellLabel(i) {
    var c = cells[i];
    return S[suites[c[0]][3][c[1]]] + " \\u00b7 " + S[groupOf(c)[0]] + " #" + c[3];
  }
  // Failing: the test failed, the cell has an error, an assertion on it failed (its own or a compare's),
  // or a mandatory requirement scored below 1.
  function failing(c) {
    return c[4] === 1 || c[10] !== 0 || c[14] > 0 || c[11].some(function (r) {
      var q = suites[c[0]][2][r[0]];
      return q !== undefined && q[1] === 1 && r[1] < 1 - 1e-9;
    });
  }

  var fSuite = document.getElementById("f-suite"), fModel = document.getElementById("f-model");
  var fBudget = document.getElementById("f-budget"), fFailing = document.getElementById("f-failing");
  var fText = document.getElementById("f-text"), count = document.getElementById("count");
  var body = document.getElementById("cells"), sentinel = document.getElementById("more");
  function option(select, value, label) { var o = el("option", null, label); o.value = value; select.appendChild(o); }
  var models = new Set(), budgets = new Set();
  suites.forEach(function (s, i) {
    option(fSuite, String(i), S[s[0]]);
    s[1].forEach(function (g) { models.add(S[g[1]]); budgets.add(S[g[2]]); });
  });
  Array.from(models).sort().forEach(function (m) { option(fModel, m, m); });
  ["low", "medium", "high"].filter(function (b) { return budgets.has(b); }).forEach(function (b) { option(fBudget, b, b); });

  var filtered = [], shown = 0, scanned = 0;
  function matches(c) {
    if (fSuite.value !== "" && String(c[0]) !== fSuite.value) return false;
    var g = groupOf(c);
    if (fModel.value !== "" && S[g[1]] !== fModel.value) return false;
    if (fBudget.value !== "" && S[g[2]] !== fBudget.value) return false;
    if (fFailing.checked && !failing(c)) return false;
    var text = fText.value.trim().toLowerCase();
    if (text !== "" && S[suites[c[0]][3][c[1]]].toLowerCase().indexOf(text) < 0) return false;
    return true;
  }
  function scan() {
    for (; scanned < cells.length; scanned++) if (matches(cells[scanned])) filtered.push(scanned);
  }
  function apply() {
    filtered = [];
    scanned = 0;
    scan();
    body.textContent = "";
    shown = 0;
    more();
    document.querySelectorAll("section.suite").forEach(function (section) {
      section.hidden = fSuite.value !== "" && section.getAttribute("data-suite") !== fSuite.value;
    });
  }
  function more() {
    var end = Math.min(shown + PAGE, filtered.length);
    var fragment = document.createDocumentFragment();
    for (; shown < end; shown++) fragment.appendChild(row(filtered[shown]));
    body.appendChild(fragment);
    counts();
  }
  function counts() {
    count.textContent = "showing " + shown + " of " + filtered.length + " cells (" +
      (loading() ? "loading: " + cells.length + " of " + total : cells.length + " in the report") + ")";
    sentinel.hidden = shown >= filtered.length;
  }
  // Reads the chunks parsed so far, about 30 ms at a time, adding the new cells that pass the filters.
  function loadMore() {
    var until = Date.now() + 30, source;
    while (Date.now() < until && (source = next())) load(source);
    scan();
    if (shown < PAGE) more();
    else counts();
    if (loading()) setTimeout(loadMore, next() ? 0 : 50);
  }
  function row(i) {
    var c = cells[i], g = groupOf(c), tr = el("tr", "cell");
    var failed = c[11].filter(function (r) { return r[4] === 0; }).length;
    var state = c[10] !== 0 ? S[c[10][0]] + " error" : STATES[c[4]];
    tr.appendChild(el("td", null, S[suites[c[0]][0]]));
    tr.appendChild(el("td", null, S[suites[c[0]][3][c[1]]]));
    tr.appendChild(el("td", null, S[g[0]] + " #" + c[3]));
    var stateCell = el("td");
    stateCell.appendChild(el("span", "badge " + (c[10] !== 0 || c[4] === 1 ? "bad" : c[4] === 0 ? "good" : "muted"), state));
    tr.appendChild(stateCell);
    tr.appendChild(el("td", "num", fmt(c[5])));
    tr.appendChild(el("td", "num", failed + " / " + c[11].length));
    tr.appendChild(el("td", "num", ms(c[6])));
    tr.appendChild(el("td", "num", usd(c[7])));
    tr.appendChild(el("td", c[13].length > 0 ? "mixed" : "muted", c[13].length > 0 ? c[13].length + " disagree" : ""));
    tr.addEventListener("click", function () { toggle(tr, i); });
    return tr;
  }
  function toggle(tr, i) {
    var next = tr.nextSibling;
    if (next && next.className === "detail") { next.remove(); return; }
    var detailRow = el("tr", "detail"), td = el("td");
    td.colSpan = 9;
    td.appendChild(detail(i));
    detailRow.appendChild(td);
    tr.parentNode.insertBefore(detailRow, tr.nextSibling);
  }
  function table(head, rows) {
    var t = el("table"), thead = el("thead"), hr = el("tr");
    head.forEach(function (h) { hr.appendChild(el("th", null, h)); });
    thead.appendChild(hr);
    t.appendChild(thead);
    var tb = el("tbody");
    rows.forEach(function (r) {
      var tr = el("tr");
      r.forEach(function (v) { tr.appendChild(el("td", v && v.cls ? v.cls : null, v && v.cls ? v.text : v)); });
      tb.appendChild(tr);
    });
    t.appendChild(tb);
    return t;
  }
  function detail(i) {
    var c = cells[i], box = el("div"), suite = suites[c[0]];
    var run = str(c[15]);
    box.appendChild(el("div", "muted", "run " + (run === null ? "\\u2013" : run) + " \\u00b7 score " + fmt(c[5]) + " \\u00b7 " + ms(c[6]) + " \\u00b7 " + usd(c[7])));
    if (c[10] !== 0) {
      box.appendChild(el("h3", "bad", S[c[10][0]] + " error: " + S[c[10][1]]));
      box.appendChild(el("pre", null, S[c[10][2]]));
    }
    if (c[12].length > 0) {
      box.appendChild(el("h3", "bad", "Failures"));
      c[12].forEach(function (f) { box.appendChild(el("pre", null, S[f])); });
    }
    if (c[11].length > 0) {
      box.appendChild(el("h3", null, "Requirements"));
      box.appendChild(table(["requirement", "score", "scored by", "threshold", "", "reason"], c[11].map(function (r) {
        var req = suite[2][r[0]];
        var name = req ? S[req[0]] + (req[1] ? " *" : "") : "?";
        return [name, fmt(r[1]), str(r[5]) || "", fmt(r[3]), { cls: r[4] ? "good" : "bad", text: r[4] ? "pass" : "fail" }, str(r[2]) || ""];
      })));
    }
    if (c[13].length > 0) {
      box.appendChild(el("h3", "mixed", "Verifier disagreements"));
      box.appendChild(table(["requirement", "Maestro", "verifier", "Maestro's reason", "verifier's reason"], c[13].map(function (d) {
        return [S[d[0]], fmt(d[1]), fmt(d[2]), str(d[3]) || "", str(d[4]) || ""];
      })));
    }
    box.appendChild(el("h3", null, "Output" + (c[9] > S[c[8]].length ? " (first " + S[c[8]].length + " of " + c[9] + " characters)" : "")));
    box.appendChild(el("pre", null, S[c[8]]));
    var d = diffByCell.get(i);
    if (d) {
      box.appendChild(el("h3", null, "Diff against the reference, " + cellLabel(d[1]) + " (" + d[3] + (d[2] === 0 ? " changed paths)" : " changed lines)")));
      box.appendChild(diffTable(d));
      if (d[5] === 1) box.appendChild(el("div", "muted", "\\u2026 the diff was cut"));
    } else if (equal.has(i)) {
      box.appendChild(el("div", "muted", "Same output as the reference cell."));
    }
    return box;
  }
  function segments(td, list, side) {
    list.forEach(function (s) {
      if (s[0] === 0) td.appendChild(document.createTextNode(S[s[1]]));
      else if (s[0] === side) td.appendChild(el("span", side === 1 ? "rmw" : "addw", S[s[1]]));
    });
  }
  function diffTable(d) {
    var t = el("table", "diff"), tb = el("tbody");
    d[6].forEach(function (r) {
      var tr = el("tr"), left = el("td"), right = el("td");
      if (r[0] === 4) {
        var skip = el("td", "skip", "\\u22ef " + r[1] + " unchanged line" + (r[1] === 1 ? "" : "s"));
        skip.colSpan = 2;
        tr.appendChild(skip);
      } else {
        if (r[0] === 0) { left.textContent = S[r[1]]; right.textContent = S[r[2]]; }
        if (r[0] === 1) { left.textContent = S[r[1]]; left.className = "rm"; }
        if (r[0] === 2) { right.textContent = S[r[1]]; right.className = "add"; }
        if (r[0] === 3) {
          left.className = "rm"; right.className = "add";
          if (r[3].length > 0) { segments(left, r[3], 1); segments(right, r[3], 2); }
          else { left.textContent = S[r[1]]; right.textContent = S[r[2]]; }
        }
        tr.appendChild(left);
        tr.appendChild(right);
      }
      tb.appendChild(tr);
    });
    t.appendChild(tb);
    return t;
  }

  [fSuite, fModel, fBudget, fFailing].forEach(function (f) { f.addEventListener("change", apply); });
  var timer = 0;
  fText.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(apply, 150); });
  sentinel.addEventListener("click", more);
  if ("IntersectionObserver" in window) {
    new IntersectionObserver(function (entries) {
      if (entries.some(function (e) { return e.isIntersecting; })) more();
    }, { rootMargin: "600px" }).observe(sentinel);
  }
  apply();
  if (loading()) setTimeout(loadMore, 0);
})();
`;

/** The script's hash for the Content-Security-Policy (`script-src 'sha256-…'`). */
export const HTML_REPORT_SCRIPT_HASH = `sha256-${createHash("sha256").update(HTML_REPORT_SCRIPT).digest("base64")}`;

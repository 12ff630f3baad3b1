// Per case, the reference group's output against every other group's (compareCases): equal outputs,
// diffs up to the setting's limit, and how many were left out.
import type {
  CaseReport,
  CellReport,
  EvalReportSettings,
  GroupReport,
  OutputComparer,
  OutputComparison,
} from "./eval-report.js";

/** Per case, the reference group's first run against the first run of every other group. */
export function compareCases(
  cells: readonly CellReport[],
  groups: readonly GroupReport[],
  reference: string,
  settings: EvalReportSettings,
  compareOutputs: OutputComparer,
): CaseReport[] {
  const order = new Map(groups.map((group, index) => [group.id, index]));
  const cases: CaseReport[] = [];
  let start = 0;
  while (start < cells.length) {
    const name = cells[start]!.case;
    let end = start;
    // The first usable run of each group, in group order.
    const firstRuns: (CellReport | undefined)[] = new Array(groups.length);
    while (end < cells.length && cells[end]!.case === name) {
      const cell = cells[end]!;
      const index = order.get(cell.group)!;
      if (firstRuns[index] === undefined && cell.state !== "skipped" && cell.error === null)
        firstRuns[index] = cell;
      end += 1;
    }
    start = end;
    const referenceCell = firstRuns[order.get(reference)!];
    const report: CaseReport = {
      name,
      reference: referenceCell?.key ?? null,
      diffs: [],
      equal: [],
      omitted: 0,
    };
    cases.push(report);
    if (referenceCell === undefined) continue;
    // Groups that gave the same output share one comparison.
    const compared = new Map<string, OutputComparison>();
    for (const cell of firstRuns) {
      if (cell === undefined || cell === referenceCell) continue;
      if (cell.output === referenceCell.output) {
        report.equal.push(cell.key);
        continue;
      }
      if (report.diffs.length >= settings.maxDiffsPerCase) {
        report.omitted += 1;
        continue;
      }
      let comparison = compared.get(cell.output);
      if (comparison === undefined) {
        comparison = compareOutputs(referenceCell.output, cell.output);
        compared.set(cell.output, comparison);
      }
      if (comparison.equal) report.equal.push(cell.key);
      else report.diffs.push({ cell: cell.key, group: cell.group, comparison });
    }
  }
  return cases;
}

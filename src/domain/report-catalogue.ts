// The requirement catalogue: per suite, every requirement the cells' requests and runs named, with its
// mandatory flag and descriptions (addToCatalogue), and a suite's requirements listed from it.
import type { CellMeta } from "./cell-meta.js";
import type { CellReport, SuiteRequirementReport } from "./eval-report.js";
import { compareText } from "./report-order.js";
import { trimText } from "./report-text.js";

const MAX_DESCRIPTION_CHARS = 2000;

/** Suite name → requirement name → what the cells said about it. */
export type RequirementCatalogue = Map<
  string,
  Map<string, { mandatory: boolean; descriptions: Set<string> }>
>;

/** Adds the requirement names, flags and descriptions a cell's request and run carry. */
export function addToCatalogue(catalogue: RequirementCatalogue, meta: CellMeta): void {
  const requested = (meta.request as { requirements?: unknown } | undefined)?.requirements;
  const reported = meta.run.requirements_result?.requirements;
  let bySuite: Map<string, CatalogueEntry> | undefined;
  for (const list of [requested, reported]) {
    if (!Array.isArray(list)) continue;
    for (const item of list as { name?: unknown; description?: unknown; is_mandatory?: unknown }[]) {
      if (typeof item?.name !== "string") continue;
      bySuite ??= suiteCatalogue(catalogue, meta.cell.suite);
      const entry = catalogueEntry(bySuite, item.name);
      if (item.is_mandatory === true) entry.mandatory = true;
      if (typeof item.description === "string")
        entry.descriptions.add(trimText(item.description, MAX_DESCRIPTION_CHARS));
    }
  }
}

/** Adds one requirement to a catalogue. */
export function addCatalogueEntry(
  catalogue: RequirementCatalogue,
  suite: string,
  name: string,
  mandatory: boolean,
  descriptions: readonly string[],
): void {
  const entry = catalogueEntry(suiteCatalogue(catalogue, suite), name);
  entry.mandatory ||= mandatory;
  for (const description of descriptions)
    entry.descriptions.add(trimText(description, MAX_DESCRIPTION_CHARS));
}

type CatalogueEntry = { mandatory: boolean; descriptions: Set<string> };

function suiteCatalogue(catalogue: RequirementCatalogue, suite: string): Map<string, CatalogueEntry> {
  let bySuite = catalogue.get(suite);
  if (bySuite === undefined) {
    bySuite = new Map();
    catalogue.set(suite, bySuite);
  }
  return bySuite;
}

function catalogueEntry(bySuite: Map<string, CatalogueEntry>, name: string): CatalogueEntry {
  let entry = bySuite.get(name);
  if (entry === undefined) {
    entry = { mandatory: false, descriptions: new Set() };
    bySuite.set(name, entry);
  }
  return entry;
}

/** The suite's requirements in order of first appearance across its sorted cells, then those only requested. */
export function listRequirements(
  cells: readonly CellReport[],
  catalogue: Map<string, { mandatory: boolean; descriptions: Set<string> }> | undefined,
): SuiteRequirementReport[] {
  const mandatory = new Map<string, boolean>();
  for (const cell of cells)
    for (const requirement of cell.requirements)
      mandatory.set(requirement.name, (mandatory.get(requirement.name) ?? false) || requirement.mandatory);
  const names = [...mandatory.keys()];
  const requestedOnly = [...(catalogue?.keys() ?? [])]
    .filter((name) => !mandatory.has(name))
    .sort(compareText);
  return [...names, ...requestedOnly].map((name) => {
    const entry = catalogue?.get(name);
    return {
      name,
      mandatory: (mandatory.get(name) ?? false) || entry?.mandatory === true,
      descriptions: [...(entry?.descriptions ?? [])].sort(compareText),
    };
  });
}

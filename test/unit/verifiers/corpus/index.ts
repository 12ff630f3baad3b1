import { caseCases } from "./case.js";
import { dateCases } from "./dates.js";
import { formatCases } from "./format.js";
import { keywordCases } from "./keywords.js";
import { languageCases } from "./language.js";
import { lengthCases } from "./length.js";
import { mixedCases } from "./mixed.js";
import { moneyCases } from "./money.js";
import { punctuationCases } from "./punctuation.js";
import { startEndCases } from "./start-end.js";
import { structureCases } from "./structure.js";
import type { CorpusCase } from "./types.js";

/** Every labelled case, family by family. */
export const corpus: readonly CorpusCase[] = [
  ...lengthCases,
  ...keywordCases,
  ...formatCases,
  ...caseCases,
  ...startEndCases,
  ...dateCases,
  ...moneyCases,
  ...languageCases,
  ...punctuationCases,
  ...mixedCases,
  ...structureCases,
];

export type { CorpusCase } from "./types.js";

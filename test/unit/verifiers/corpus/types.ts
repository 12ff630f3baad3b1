import type { ResponseLanguage } from "../../../../src/domain/index.js";
import type { Verdict } from "../../../../src/verifiers/index.js";

/** One labelled case: a description, a text, and the score (null: unverifiable) the verifiers must give. */
export interface CorpusCase {
  /** Unique and stable: family, then a short name. Printed when the case fails. */
  id: string;
  description: string;
  /** The text, or a function building a large one (so a 1 MB text is not committed). */
  text: string | (() => string);
  score: number | null;
  /** Checked when given; otherwise it follows from the score. */
  verdict?: Verdict;
  responseLanguage?: ResponseLanguage;
}

/** Builds a case; keeps the tables short. */
export function item(
  id: string,
  description: string,
  text: string | (() => string),
  score: number | null,
  extra: Pick<CorpusCase, "verdict" | "responseLanguage"> = {},
): CorpusCase {
  return { id, description, text, score, ...extra };
}

/** `count` paragraphs of one sentence each, separated by blank lines. */
export function paragraphs(count: number): string {
  return Array.from(
    { length: count },
    (_, index) => `This is paragraph number ${index + 1} of the answer.`,
  ).join("\n\n");
}

/** `count` sentences in one paragraph. */
export function sentences(count: number): string {
  return Array.from({ length: count }, (_, index) => `Sentence ${index + 1} is here.`).join(" ");
}

/** `count` words. */
export function words(count: number): string {
  const bank = ["river", "stone", "light", "quiet", "morning", "garden", "letter", "window"];
  return Array.from({ length: count }, (_, index) => bank[index % bank.length]).join(" ");
}

/** `count` markdown bullets. */
export function bullets(count: number, marker = "-"): string {
  return Array.from({ length: count }, (_, index) => `${marker} point ${index + 1}`).join("\n");
}

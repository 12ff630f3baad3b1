import { createBm25Index } from "./bm25.js";
import { tokenize } from "./tokenize.js";

/** A passage scored against a query. */
export interface RankedPassage<T> {
  passage: T;
  /** Normalised BM25, in (0, 1]; see {@link createBm25Index}. */
  score: number;
}

/**
 * Ranks passages against a query with BM25 over these passages only (their count and lengths set the
 * idf and the average length), best first; passages scoring 0 are left out, and ties keep the given
 * order, so the same library and query always give the same ranking.
 */
export function rankPassages<T>(
  passages: readonly T[],
  termsOf: (passage: T) => readonly string[],
  query: string,
): RankedPassage<T>[] {
  const queryTerms = tokenize(query);
  if (queryTerms.length === 0 || passages.length === 0) return [];
  const index = createBm25Index(passages.map(termsOf));
  return passages
    .map((passage, position) => ({ passage, position, score: index.normalisedScore(queryTerms, position) }))
    .filter((ranked) => ranked.score > 0)
    .sort((a, b) => b.score - a.score || a.position - b.position)
    .map(({ passage, score }) => ({ passage, score }));
}

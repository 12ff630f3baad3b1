// Okapi BM25 over pre-tokenised documents, with Lucene's always-positive idf, and a score normalised
// to [0, 1] so that a similarity threshold means the same thing for every query.

/** BM25's two constants: term-frequency saturation and length normalisation. */
export interface Bm25Options {
  /** Default 1.2. */
  k1?: number;
  /** Default 0.75. */
  b?: number;
}

/** An index over documents, each a list of terms. */
export interface Bm25Index {
  readonly documentCount: number;
  readonly averageLength: number;
  /** `ln(1 + (N - n + 0.5) / (n + 0.5))`, where `n` documents of `N` contain the term. */
  idf(term: string): number;
  /** BM25 of a document for the query's distinct terms. */
  score(query: readonly string[], document: number): number;
  /**
   * BM25 divided by the sum of the idf of the query's distinct terms that occur in the index, capped
   * at 1: a document of average length that holds each of them once scores 1, one that holds none
   * scores 0. Query terms no document holds are left out of the sum, since they tell no document
   * apart (a question's "please" or "also" does not lower every score).
   */
  normalisedScore(query: readonly string[], document: number): number;
}

/**
 * Builds a BM25 index.
 *
 * @example
 * const index = createBm25Index([["refund", "policy"], ["shipping", "time"]]);
 * index.normalisedScore(["refund"], 0); // > 0
 */
export function createBm25Index(
  documents: readonly (readonly string[])[],
  options: Bm25Options = {},
): Bm25Index {
  const k1 = options.k1 ?? 1.2;
  const b = options.b ?? 0.75;
  if (!(k1 >= 0) || !(b >= 0 && b <= 1)) {
    throw new RangeError(`createBm25Index: k1 must be >= 0 and b within [0, 1], got k1 ${k1}, b ${b}`);
  }
  const frequencies = documents.map((terms) => {
    const counts = new Map<string, number>();
    for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
    return counts;
  });
  const documentFrequency = new Map<string, number>();
  for (const counts of frequencies) {
    for (const term of counts.keys()) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  }
  const documentCount = documents.length;
  const totalLength = documents.reduce((sum, terms) => sum + terms.length, 0);
  const averageLength = documentCount === 0 ? 0 : totalLength / documentCount;

  const idf = (term: string) => {
    const n = documentFrequency.get(term) ?? 0;
    return Math.log(1 + (documentCount - n + 0.5) / (n + 0.5));
  };
  const score = (query: readonly string[], document: number) => {
    const counts = frequencies[document];
    if (counts === undefined) throw new RangeError(`Bm25Index.score: no document ${document}`);
    const length = documents[document]!.length;
    const lengthRatio = averageLength === 0 ? 1 : length / averageLength;
    let total = 0;
    for (const term of new Set(query)) {
      const tf = counts.get(term) ?? 0;
      if (tf === 0) continue;
      total += (idf(term) * (tf * (k1 + 1))) / (tf + k1 * (1 - b + b * lengthRatio));
    }
    return total;
  };
  return {
    documentCount,
    averageLength,
    idf,
    score,
    normalisedScore(query, document) {
      const ideal = [...new Set(query)]
        .filter((term) => documentFrequency.has(term))
        .reduce((sum, term) => sum + idf(term), 0);
      if (ideal === 0) return 0;
      return Math.min(1, score(query, document) / ideal);
    },
  };
}

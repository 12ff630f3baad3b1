import { matchesUrlPrefix, type WebSearchResult, type WebSearchTool } from "../../domain/index.js";
import { rankPassages } from "../../library/index.js";
import type { WebCorpus } from "./web-corpus.js";

/** How many pages web_search returns at most. */
export const WEB_SEARCH_MAX_RESULTS = 5;

/**
 * Searches the local corpus as a web_search tool asks: pages under one of `urls` (all pages when
 * absent or empty; see {@link matchesUrlPrefix}), passages ranked with normalised BM25, the best
 * passage of each page kept, the {@link WEB_SEARCH_MAX_RESULTS} best pages returned.
 */
export function searchWeb(
  corpus: WebCorpus | undefined,
  tool: WebSearchTool,
  query: string,
): WebSearchResult[] {
  if (corpus === undefined) return [];
  const prefixes = tool.urls ?? [];
  const pages = corpus.pages.filter(
    (page) => prefixes.length === 0 || prefixes.some((prefix) => matchesUrlPrefix(page.url, prefix)),
  );
  const passages = pages.flatMap((page) =>
    page.passages.map((text, index) => ({ page, text, terms: page.terms[index] ?? [] })),
  );
  const results: WebSearchResult[] = [];
  const seen = new Set<string>();
  for (const { passage, score } of rankPassages(passages, (item) => item.terms, query)) {
    if (seen.has(passage.page.url)) continue;
    seen.add(passage.page.url);
    results.push({ url: passage.page.url, text: passage.text, score: Math.round(score * 1e6) / 1e6 });
    if (results.length === WEB_SEARCH_MAX_RESULTS) break;
  }
  return results;
}

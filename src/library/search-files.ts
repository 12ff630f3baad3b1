import type { FileSearchResult, FileSearchTool } from "../domain/index.js";
import type { StoredFile } from "./file-library.js";
import { rankPassages } from "./rank-passages.js";

/** How many passages file_search returns at most. */
export const FILE_SEARCH_MAX_RESULTS = 5;

/**
 * Which stored files a file_search tool may search: `PROCESSED` files among `file_ids` (when given),
 * carrying every label of `labels` (`labels_filter_mode` `AND`, the default) or any of them (`OR`),
 * and whose `path` starts with the tool's `path`.
 */
export function selectFiles(files: readonly StoredFile[], tool: FileSearchTool): StoredFile[] {
  const ids = tool.file_ids !== undefined && tool.file_ids.length > 0 ? new Set(tool.file_ids) : undefined;
  const labels = tool.labels ?? [];
  const mode = tool.labels_filter_mode ?? "AND";
  return files.filter(({ meta }) => {
    if (meta.status !== "PROCESSED") return false;
    if (ids !== undefined && !ids.has(meta.fileId)) return false;
    const own = meta.labels ?? [];
    if (labels.length > 0) {
      const matched =
        mode === "AND" ? labels.every((l) => own.includes(l)) : labels.some((l) => own.includes(l));
      if (!matched) return false;
    }
    if (tool.path !== undefined && tool.path !== "" && !(meta.path ?? "").startsWith(tool.path)) return false;
    return true;
  });
}

/**
 * Searches the library as a file_search tool asks: BM25 over the passages of the selected files,
 * scores normalised to [0, 1], passages below `retrieval_similarity_threshold` dropped, the
 * {@link FILE_SEARCH_MAX_RESULTS} best kept. `retrieval_strategy: add_neighbors` extends each passage
 * with up to `max_neighbors` (default 1) passages on each side; `full_doc` returns each file's whole
 * text once, scored by its best passage.
 */
export function searchFiles(
  files: readonly StoredFile[],
  tool: FileSearchTool,
  query: string,
): FileSearchResult[] {
  const passages = selectFiles(files, tool).flatMap((file) =>
    file.passages.map((text, order) => ({ file, text, order, terms: file.terms[order] ?? [] })),
  );
  const threshold = tool.retrieval_similarity_threshold ?? 0;
  const ranked = rankPassages(passages, (passage) => passage.terms, query).filter(
    (item) => item.score >= threshold,
  );
  const strategy = tool.retrieval_strategy ?? "segments";
  if (strategy === "full_doc") {
    const seen = new Set<string>();
    const results: FileSearchResult[] = [];
    for (const { passage, score } of ranked) {
      if (seen.has(passage.file.meta.fileId)) continue;
      seen.add(passage.file.meta.fileId);
      results.push(toResult(passage.file, passage.file.text ?? passage.text, score, 0));
      if (results.length === FILE_SEARCH_MAX_RESULTS) break;
    }
    return results;
  }
  const neighbors = strategy === "add_neighbors" ? (tool.max_neighbors ?? 1) : 0;
  return ranked.slice(0, FILE_SEARCH_MAX_RESULTS).map(({ passage, score }) => {
    const start = Math.max(0, passage.order - neighbors);
    const text = passage.file.passages.slice(start, passage.order + neighbors + 1).join("\n\n");
    return toResult(passage.file, text, score, passage.order);
  });
}

function toResult(file: StoredFile, text: string, score: number, order: number): FileSearchResult {
  return { file_id: file.meta.fileId, file_name: file.meta.name, text, score: round(score), order };
}

function round(score: number): number {
  return Math.round(score * 1e6) / 1e6;
}

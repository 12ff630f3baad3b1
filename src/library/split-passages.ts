// Cuts a document into the passages file_search and web_search rank and quote.

/** Options of {@link splitPassages}. */
export interface SplitPassagesOptions {
  /** Paragraphs are joined until a passage has at least this many words. Default 40. */
  minWords?: number;
  /** No passage is longer than this, unless one word is. Default 120. */
  maxWords?: number;
}

const SENTENCE_END = /(?<=[.!?。！？])\s+(?=\S)/u;

/**
 * Splits text into passages: paragraphs (separated by blank lines; a Markdown heading starts a new
 * one) joined by a blank line until a passage holds `minWords`, and paragraphs longer than `maxWords`
 * cut at sentence ends (and a sentence longer than that, at word boundaries). White space inside a
 * paragraph is collapsed; empty text gives no passages.
 *
 * @example
 * splitPassages("# Refunds\n\nRefunds take 5 days.\n\n# Shipping\n\nWe ship worldwide.", { minWords: 1 });
 * // ["# Refunds", "Refunds take 5 days.", "# Shipping", "We ship worldwide."]
 */
export function splitPassages(text: string, options: SplitPassagesOptions = {}): string[] {
  const minWords = options.minWords ?? 40;
  const maxWords = options.maxWords ?? 120;
  if (!(maxWords >= 1) || !(minWords >= 0) || minWords > maxWords) {
    throw new RangeError(
      `splitPassages: need 0 <= minWords <= maxWords and maxWords >= 1, got ${minWords} and ${maxWords}`,
    );
  }
  const paragraphs = text
    .replace(/\r\n?/g, "\n")
    // A Markdown heading is a paragraph of its own.
    .replace(/^(#{1,6}[ \t].*)$/gm, "\n$1\n")
    .split(/\n[ \t]*\n/)
    .map((paragraph) => paragraph.replace(/\s+/g, " ").trim())
    .filter((paragraph) => paragraph !== "")
    .flatMap((paragraph) => cutLong(paragraph, maxWords));
  const passages: string[] = [];
  let current: string[] = [];
  let words = 0;
  for (const paragraph of paragraphs) {
    const count = countWords(paragraph);
    if (current.length > 0 && (words >= minWords || words + count > maxWords)) {
      passages.push(current.join("\n\n"));
      current = [];
      words = 0;
    }
    current.push(paragraph);
    words += count;
  }
  if (current.length > 0) passages.push(current.join("\n\n"));
  return passages;
}

function countWords(text: string): number {
  return text.split(" ").filter((word) => word !== "").length;
}

function cutLong(paragraph: string, maxWords: number): string[] {
  if (countWords(paragraph) <= maxWords) return [paragraph];
  const pieces: string[] = [];
  let current: string[] = [];
  let words = 0;
  const sentences = paragraph.split(SENTENCE_END).flatMap((sentence) => chunkWords(sentence, maxWords));
  for (const sentence of sentences) {
    const count = countWords(sentence);
    if (current.length > 0 && words + count > maxWords) {
      pieces.push(current.join(" "));
      current = [];
      words = 0;
    }
    current.push(sentence);
    words += count;
  }
  if (current.length > 0) pieces.push(current.join(" "));
  return pieces;
}

function chunkWords(sentence: string, maxWords: number): string[] {
  const words = sentence.split(" ").filter((word) => word !== "");
  if (words.length <= maxWords) return [sentence];
  const chunks: string[] = [];
  for (let start = 0; start < words.length; start += maxWords) {
    chunks.push(words.slice(start, start + maxWords).join(" "));
  }
  return chunks;
}

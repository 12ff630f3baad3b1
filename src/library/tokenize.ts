// Words as the local search engine compares them: shared by file_search, web_search and the simulated
// tool planner, so that "orders" in a question finds "order" in a document.

/** English words too common to tell passages apart. */
const STOP_WORDS = new Set(
  (
    "a about above after again against all am an and any are as at be because been before being below " +
    "between both but by can could did do does doing down during each few for from further had has have " +
    "having he her here hers herself him himself his how i if in into is it its itself just me more most " +
    "my myself no nor not now of off on once only or other our ours ourselves out over own same she " +
    "should so some such than that the their theirs them themselves then there these they this those " +
    "through to too under until up very was we were what when where which while who whom why will with " +
    "would you your yours yourself yourselves"
  ).split(" "),
);

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

/**
 * Splits text into search terms: runs of letters and digits, lower-cased, possessive `'s` dropped,
 * English stop words left out, and a plural `-s`/`-es`/`-ies` folded to the singular.
 *
 * @example
 * tokenize("The orders' cases, and Dana's boxes"); // ["order", "case", "dana", "box"]
 */
export function tokenize(text: string): string[] {
  const terms: string[] = [];
  for (const match of text.toLowerCase().matchAll(WORD)) {
    const word = match[0].replace(/['’]s$/u, "").replace(/['’]/gu, "");
    if (word === "" || STOP_WORDS.has(word)) continue;
    terms.push(foldPlural(word));
  }
  return terms;
}

/** The singular of a regular English plural; other words unchanged. */
export function foldPlural(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  if (/ies$/.test(word) && word.length > 4) return `${word.slice(0, -3)}y`;
  // "boxes", "matches", "classes"; other -es plurals ("cases", "responses") only lose the -s.
  if (/(?:ss|x|ch|sh)es$/.test(word)) return word.slice(0, -2);
  if (/[^su]s$/.test(word) && !/(?:is|us|ss)$/.test(word)) return word.slice(0, -1);
  return word;
}

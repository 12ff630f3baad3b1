// The count ranges a draft must land in: every count check and the limits other checks imply, made
// feasible together, and what the phrase banks' sentences are worth in words and characters per line.

import type { Check, CountUnit } from "../verifiers/index.js";
import { countCharacters, countWords } from "../verifiers/index.js";
import {
  ANY_COUNT,
  type CountRange,
  intersectRange,
  rangeBounds,
  subtractRange,
  toInterval,
} from "./count-range.js";
import type { PhraseBank } from "./phrase-banks.js";

/** The count units in the order the composer settles them. */
export const COUNT_UNITS: readonly CountUnit[] = [
  "headers",
  "bullets",
  "numbered_items",
  "list_items",
  "paragraphs",
  "lines",
  "sentences",
  "words",
  "characters",
];

/**
 * How dense the composer's text is in one language, measured on its phrase bank: the words and characters
 * of its usual sentence, and the characters per word (space included) it can reach, its bank's mean give
 * or take 0.3. The figures are pessimistic on purpose, so that a range judged feasible is one the composer
 * reaches. Count ranges that ask for denser or sparser
 * text than that are reported as conflicts.
 */
export interface TextDensity {
  minWordsPerSentence: number;
  typicalWordsPerSentence: number;
  minCharactersPerSentence: number;
  /** Characters per word assumed when words must fit under a character limit (pessimistic: mean + 0.3). */
  minCharactersPerWord: number;
  /** Characters per word assumed when words must reach a character minimum (pessimistic: mean - 0.3). */
  maxCharactersPerWord: number;
}

export const densities = new Map<string, TextDensity>();

/** The density of the composer's text in the language of `bank`. */
export function measureDensity(bank: PhraseBank): TextDensity {
  let density = densities.get(bank.code);
  if (density === undefined) {
    const words = bank.fillers.map((filler) => countWords(filler));
    const characters = bank.fillers.map((filler) => countCharacters(filler));
    const perWord =
      characters.reduce((sum, count) => sum + count + 1, 0) / words.reduce((sum, count) => sum + count, 0);
    const mean = (counts: number[]): number => counts.reduce((sum, count) => sum + count, 0) / counts.length;
    density = {
      minWordsPerSentence: Math.round(mean(words)),
      typicalWordsPerSentence: Math.round(mean(words)),
      minCharactersPerSentence: Math.round(mean(characters)),
      minCharactersPerWord: perWord + 0.3,
      maxCharactersPerWord: perWord - 0.3,
    };
    densities.set(bank.code, density);
  }
  return density;
}

/** Words a line of the composer's text takes at the least (half a sentence broken over two lines, a field). */
export const MIN_WORDS_PER_LINE = 5;

/** Characters a line of the composer's text takes at the least (a sentence broken over two lines, a field). */
export const MIN_CHARACTERS_PER_LINE = 35;

/** What the checks force into a draft beyond its counts: a fixed first line, and whole sentences. */
export interface ForcedContent {
  fixedStart: boolean;
  /**
   * Sentences the draft must hold to meet or break its checks: a wrongly formatted date or amount, an
   * explanation line, a postscript, a closing question, each keyword mention.
   */
  sentences: number;
}

/** What `satisfy` and `violate` force into a draft (see {@link ForcedContent}). */
export function readForcedContent(satisfy: readonly Check[], violate: readonly Check[]): ForcedContent {
  let sentences = 0;
  for (const check of satisfy) {
    if (check.kind === "postscript") sentences += 1;
    if (check.kind === "ends_with" && /^[?!]$/.test(check.phrase.trim())) sentences += 1;
    if (check.kind === "keywords") sentences += (check.min ?? 0) * check.keywords.length;
  }
  const kinds = new Set(violate.map((check) => check.kind));
  for (const kind of ["date_format", "currency", "answer_only"] as const) if (kinds.has(kind)) sentences += 1;
  for (const check of violate)
    if (check.kind === "keywords" && check.max !== undefined) sentences += check.max + 1;
  return { fixedStart: satisfy.some((check) => check.kind === "starts_with"), sentences };
}

/** Fewest words and characters a text needs for its language to be detected reliably. */
export const LANGUAGE_MIN_WORDS = 12;
export const LANGUAGE_MIN_CHARACTERS = 80;

/** Count checks and the implicit limits other checks set (a JSON text has no headers or list items). */
export function impliedCounts(check: Check): [CountUnit, number | undefined, number | undefined][] {
  if (check.kind === "count") return [[check.unit, check.min, check.max]];
  if (check.kind === "json") {
    return [
      ["headers", undefined, 0],
      ["bullets", undefined, 0],
      ["numbered_items", undefined, 0],
      ["list_items", undefined, 0],
    ];
  }
  if (check.kind === "no_markdown") {
    return [
      ["headers", undefined, 0],
      ["numbered_items", undefined, 0],
    ];
  }
  return [];
}

/** Why counts in these ranges cannot all hold in one text (each header, item, line holds a sentence...). */
export function countsInfeasible(
  ranges: ReadonlyMap<CountUnit, CountRange>,
  density: TextDensity,
  forced: ForcedContent,
): string | undefined {
  const low = (unit: CountUnit): number => rangeBounds(ranges.get(unit) ?? ANY_COUNT).min;
  const high = (unit: CountUnit): number => rangeBounds(ranges.get(unit) ?? ANY_COUNT).max;
  for (const unit of COUNT_UNITS)
    if ((ranges.get(unit) ?? ANY_COUNT).length === 0) return `no ${unit} count fits`;
  if (low("paragraphs") > high("lines")) return "every paragraph needs a line";
  if (low("paragraphs") > high("sentences")) return "every paragraph needs a sentence";
  if (low("bullets") + low("numbered_items") > high("list_items"))
    return "bullets and numbered items are list items";
  if (low("list_items") > high("bullets") + high("numbered_items"))
    return "list items are bullets or numbered items";
  if (low("headers") + Math.max(low("list_items"), low("bullets") + low("numbered_items")) > high("lines")) {
    return "every header and list item is a line";
  }
  if (
    low("headers") + Math.max(low("list_items"), low("bullets") + low("numbered_items")) >
    high("sentences")
  ) {
    return "every header and list item holds a sentence";
  }
  if (low("headers") > 0 && high("sentences") <= low("headers") + (forced.fixedStart ? 1 : 0)) {
    return "a header is a sentence of its own, and so is the fixed start before it; a text needs more than that";
  }
  const items = Math.max(low("list_items"), low("bullets") + low("numbered_items"));
  if (items > 0 && high("sentences") <= items)
    return "every list item starts a sentence of its own, and a text needs more than its list";
  // Densities of realistic text, so that no range asks for words of one letter or sentences of one word.
  // (Short answers, "in one word" or "under 5 words", stay possible: the densities apply from two sentences
  // or ten words on.)
  const sentences = Math.max(low("sentences"), low("paragraphs"), forced.sentences);
  if (sentences > 1 && sentences * density.minWordsPerSentence > high("words"))
    return "that many sentences need more words";
  if (low("lines") > 1 && low("lines") * MIN_WORDS_PER_LINE > high("words"))
    return "that many lines need more words";
  if (low("lines") > 1 && low("lines") * MIN_CHARACTERS_PER_LINE > high("characters"))
    return "that many lines need more characters";
  if (low("words") >= 10 && low("words") * density.minCharactersPerWord > high("characters"))
    return "that many words need more characters";
  if (high("words") * density.maxCharactersPerWord < low("characters"))
    return "that many characters need more words";
  // A word range split by a count to break ("not 40 to 80 words") needs a part the sentences and the
  // characters allowed can reach.
  const words = ranges.get("words") ?? ANY_COUNT;
  const characters = rangeBounds(ranges.get("characters") ?? ANY_COUNT);
  const reachable = toInterval(
    Math.max(
      Math.ceil(characters.min / density.maxCharactersPerWord),
      sentences > 1 ? sentences * density.minWordsPerSentence : 0,
    ),
    characters.max === Number.POSITIVE_INFINITY
      ? undefined
      : Math.floor(characters.max / density.minCharactersPerWord),
  );
  if (words.length > 1 && intersectRange(words, reachable).length === 0) {
    return "no word count allowed fits the sentences and characters allowed";
  }
  if (sentences > 1 && sentences * density.minCharactersPerSentence > high("characters"))
    return "that many sentences need more characters";
  if (high("words") === 0 && Math.max(low("paragraphs"), low("lines"), low("sentences")) > 0)
    return "text needs words";
  return undefined;
}

export function addRange(
  ranges: Map<CountUnit, CountRange>,
  unit: CountUnit,
  apply: (range: CountRange) => CountRange,
): void {
  ranges.set(unit, apply(ranges.get(unit) ?? ANY_COUNT));
}

/**
 * The count ranges a draft must reach: what every count check to meet allows (and the limits JSON and
 * plain text imply), minus what every count check to break allows.
 */
export function computeCountRanges(
  satisfy: readonly Check[],
  violate: readonly Check[],
): Map<CountUnit, CountRange> {
  const ranges = new Map<CountUnit, CountRange>();
  // A draft is never empty, and a draft whose language is judged needs enough text for the detector.
  for (const unit of ["paragraphs", "lines", "sentences", "words", "characters"] as const)
    ranges.set(unit, [toInterval(1, undefined)]);
  // A JSON string (a quoted JSON text) is one line; a JSON object without commas has a single key: three
  // lines and three paragraphs at most.
  if (satisfy.some((check) => check.kind === "json") && satisfy.some((check) => check.kind === "quoted")) {
    addRange(ranges, "lines", (range) => intersectRange(range, toInterval(undefined, 1)));
    addRange(ranges, "paragraphs", (range) => intersectRange(range, toInterval(undefined, 1)));
  }
  if (
    satisfy.some((check) => check.kind === "json") &&
    satisfy.some((check) => check.kind === "forbid_marks" && check.mark === "commas")
  ) {
    addRange(ranges, "lines", (range) => intersectRange(range, toInterval(undefined, 3)));
    addRange(ranges, "paragraphs", (range) => intersectRange(range, toInterval(undefined, 3)));
  }
  if ([...satisfy, ...violate].some((check) => check.kind === "language")) {
    addRange(ranges, "words", (range) => intersectRange(range, toInterval(LANGUAGE_MIN_WORDS, undefined)));
    addRange(ranges, "characters", (range) =>
      intersectRange(range, toInterval(LANGUAGE_MIN_CHARACTERS, undefined)),
    );
  }
  for (const check of satisfy) {
    for (const [unit, min, max] of impliedCounts(check))
      addRange(ranges, unit, (range) => intersectRange(range, toInterval(min, max)));
  }
  for (const check of violate) {
    if (check.kind !== "count") continue;
    addRange(ranges, check.unit, (range) => subtractRange(range, toInterval(check.min, check.max)));
  }
  return ranges;
}

/**
 * Narrows the word range to what the character range allows at realistic densities (and the reverse),
 * so that a draft aims for a word count from which the character count can be reached. A range that
 * would become empty is left as it was.
 */
export function tightenCountRanges(
  ranges: Map<CountUnit, CountRange>,
  density: TextDensity,
  forced: ForcedContent = { fixedStart: false, sentences: 0 },
): Map<CountUnit, CountRange> {
  const tightened = new Map(ranges);
  const low = (unit: CountUnit): number => {
    const found = rangeBounds(ranges.get(unit) ?? ANY_COUNT).min;
    return unit === "sentences" ? Math.max(found, low2("paragraphs"), forced.sentences) : found;
  };
  const low2 = (unit: CountUnit): number => rangeBounds(ranges.get(unit) ?? ANY_COUNT).min;
  const narrow = (unit: CountUnit, floor: number, ceiling: number | undefined): void => {
    const range = tightened.get(unit) ?? ANY_COUNT;
    // Of a range split in two by a count to break, aim for the part the other counts can reach.
    const reachable = range.filter((part) => part.max >= floor);
    const narrowed = intersectRange(reachable.length > 0 ? reachable : range, toInterval(undefined, ceiling));
    if (narrowed.length > 0) tightened.set(unit, narrowed);
  };
  const chars = rangeBounds(ranges.get("characters") ?? ANY_COUNT);
  const wordFloor = Math.max(
    Math.ceil(chars.min / density.maxCharactersPerWord),
    low("sentences") * density.typicalWordsPerSentence,
  );
  narrow(
    "words",
    wordFloor,
    chars.max === Number.POSITIVE_INFINITY ? undefined : Math.floor(chars.max / density.minCharactersPerWord),
  );
  const characterFloor = Math.max(
    Math.ceil(low("words") * density.minCharactersPerWord),
    low("sentences") * density.minCharactersPerSentence,
  );
  narrow("characters", characterFloor, undefined);
  return tightened;
}

/** Whether a text meeting every count range can be long enough for its language to be detected. */
export function tooShortForLanguage(ranges: ReadonlyMap<CountUnit, CountRange>): boolean {
  const high = (unit: CountUnit): number => rangeBounds(ranges.get(unit) ?? ANY_COUNT).max;
  return high("words") < LANGUAGE_MIN_WORDS || high("characters") < LANGUAGE_MIN_CHARACTERS;
}

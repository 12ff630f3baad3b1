// Which of the checks a draft was asked to meet and to break can be honoured together. The composer writes
// for the checks this keeps and reports the rest, so that "met" always means met: a conflict never makes
// it drop a check silently, and a check kept here is one the composer is expected to honour.

import {
  CONFLICT_RULES,
  endImplies,
  findCheckConflict,
  forcedText,
  startImplies,
} from "../verifiers/find-conflicts.js";
import type { Check, CountUnit } from "../verifiers/index.js";
import { countCharacters, countKeyword, countWords, verify } from "../verifiers/index.js";
import { formatDate } from "./calendar-date.js";
import {
  ANY_COUNT,
  type CountRange,
  intersectRange,
  rangeBounds,
  subtractRange,
  toInterval,
} from "./count-range.js";
import { choosePhraseBank, findPhraseBank, type PhraseBank } from "./phrase-banks.js";

/** Whether a check was to be met (`satisfy`) or broken (`violate`). */
export type CheckRole = "satisfy" | "violate";

/** A check the composer will not honour, and why. */
export interface CheckConflict {
  check: Check;
  role: CheckRole;
  /** The kept check it conflicts with; undefined when it cannot be honoured at all. */
  conflictsWith: Check | undefined;
  reason: string;
}

/** Options of {@link resolveCheckConflicts}. */
export interface ResolveCheckConflictsOptions {
  /** The plan's language (see `ComposePlan.language`), which sets the text densities count ranges are judged by. */
  language?: string;
}

/** The checks a draft can honour together, and the ones it cannot. */
export interface ResolvedChecks {
  satisfy: Check[];
  violate: Check[];
  conflicts: CheckConflict[];
}

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

const densities = new Map<string, TextDensity>();

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
const MIN_WORDS_PER_LINE = 5;

/** Characters a line of the composer's text takes at the least (a sentence broken over two lines, a field). */
const MIN_CHARACTERS_PER_LINE = 35;

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
const LANGUAGE_MIN_WORDS = 12;
const LANGUAGE_MIN_CHARACTERS = 80;

/** A check without its `source`, as a string, so that two checks asking the same thing compare equal. */
export function identifyCheck(check: Check): string {
  const { source: _source, ...identity } = check;
  return JSON.stringify(identity, Object.keys(identity).sort());
}

function passes(text: string, check: Check): boolean {
  return verify(text, [check]).score === 1;
}

function lower(text: string): string {
  return text.trim().toLowerCase();
}

const DATE_SAMPLES = [
  { year: 2026, month: 3, day: 5 },
  { year: 2026, month: 11, day: 23 },
];

/** The format a draft meeting every one of `formats` writes its dates in; undefined if there is none. */
export function chooseDateFormat(formats: readonly string[]): string | undefined {
  return formats.find((candidate) =>
    DATE_SAMPLES.every((date) =>
      formats.every((format) =>
        passes(formatDate(date, candidate), { kind: "date_format", format, source: "" }),
      ),
    ),
  );
}

/**
 * The shared conflict rules (`src/verifiers/find-conflicts.ts`), which `maestro-eval lint` reads too, so
 * that what the lint calls a conflict is one the composer does not pretend to meet. All but
 * `json-language`: the composer writes a JSON object's values in the language asked for.
 */
const SHARED_RULES = CONFLICT_RULES.filter((rule) => rule.name !== "json-language");

/**
 * Why a draft cannot meet both `a` and `b`; undefined when it can: a shared rule first, then what only
 * this composer cannot write.
 */
function satisfyConflict(a: Check, b: Check): string | undefined {
  return findCheckConflict(a, b, SHARED_RULES)?.reason ?? composerConflict(a, b) ?? composerConflict(b, a);
}

/** What a text could do but this composer cannot: it writes JSON as an object, braces first and last. */
function composerConflict(a: Check, b: Check): string | undefined {
  if (b.kind !== "json") return undefined;
  if (a.kind === "starts_with") return "a JSON text starts with a bracket";
  if (a.kind === "ends_with") return "a JSON text ends with a bracket";
  return undefined;
}

/** Why a draft meeting `kept` cannot break `check`; undefined when it can. */
function violateConflict(check: Check, kept: Check): string | undefined {
  if (identifyCheck(check) === identifyCheck(kept)) return "the same check is to be met";
  switch (check.kind) {
    case "json":
      if (kept.kind === "json") {
        const needed = kept.keys ?? [];
        const broken = check.keys ?? [];
        if (broken.every((key) => needed.includes(key)))
          return "a text meeting the other JSON check meets this one";
      }
      return undefined;
    case "answer_only":
      if (kept.kind === "json") return "a JSON text has no room for a preamble or an explanation";
      return undefined;
    case "starts_with":
      if (kept.kind === "starts_with" && startImplies(kept.phrase, check.phrase))
        return "the required start includes this phrase";
      return undefined;
    case "ends_with":
      if (kept.kind === "ends_with" && endImplies(kept.phrase, check.phrase))
        return "the required end includes this phrase";
      return undefined;
    case "postscript":
      if (kept.kind === "postscript" && passes(`Text.\n\n${kept.marker} More.`, check)) {
        return "the required postscript marker matches this one";
      }
      return undefined;
    case "date_format":
      if (kept.kind === "date_format") {
        const written = DATE_SAMPLES.map((date) => formatDate(date, kept.format));
        if (written.every((date) => passes(date, check)))
          return "dates in the required format follow this one too";
      }
      return undefined;
    case "keywords": {
      // Breaking needs one keyword outside [min, max] while every kept bound on it still holds.
      if (kept.kind === "keywords") {
        const breakable = check.keywords.some((keyword) => {
          if (!kept.keywords.some((other) => lower(other) === lower(keyword))) return true;
          const range = intersectRange(ANY_COUNT, toInterval(kept.min, kept.max));
          return subtractRange(range, toInterval(check.min, check.max)).length > 0;
        });
        if (!breakable) return "the required keyword counts meet this one";
      }
      const forced = forcedText(kept);
      if (forced.length > 0 && check.max === undefined && (check.min ?? 0) > 0) {
        const min = check.min ?? 1;
        if (
          check.keywords.every(
            (keyword) => forced.reduce((sum, text) => sum + countKeyword(text, keyword), 0) >= min,
          )
        ) {
          return "the required text already contains the keyword";
        }
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/** Count checks and the implicit limits other checks set (a JSON text has no headers or list items). */
function impliedCounts(check: Check): [CountUnit, number | undefined, number | undefined][] {
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
function countsInfeasible(
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

function addRange(
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
function tooShortForLanguage(ranges: ReadonlyMap<CountUnit, CountRange>): boolean {
  const high = (unit: CountUnit): number => rangeBounds(ranges.get(unit) ?? ANY_COUNT).max;
  return high("words") < LANGUAGE_MIN_WORDS || high("characters") < LANGUAGE_MIN_CHARACTERS;
}

/**
 * Splits the checks a draft is asked to meet and to break into those it can honour together and the
 * conflicts. Checks to meet are kept in order, each only if it is compatible with those kept before it
 * (so on a conflict between two of them the earlier wins); then each check to break is kept only if
 * breaking it is compatible with every kept check to meet and every kept check to break (so meeting
 * always wins over breaking). The rules: see the table in the composer's documentation and
 * `test/unit/sim/resolve-check-conflicts.test.ts`.
 *
 * @example
 * resolveCheckConflicts([{ kind: "case", case: "lower", source: "" }], [{ kind: "case", case: "lower", source: "" }]).conflicts[0].reason;
 * // "the same check is to be met"
 */
export function resolveCheckConflicts(
  satisfy: readonly Check[],
  violate: readonly Check[] = [],
  options: ResolveCheckConflictsOptions = {},
): ResolvedChecks {
  const density = measureDensity(choosePhraseBank(satisfy, violate, options.language));
  const keptSatisfy: Check[] = [];
  const keptViolate: Check[] = [];
  const conflicts: CheckConflict[] = [];
  const seen = new Set<string>();
  for (const check of satisfy) {
    const identity = identifyCheck(check);
    if (seen.has(identity)) {
      keptSatisfy.push(check);
      continue;
    }
    const conflict = findSatisfyConflict(check, keptSatisfy, density);
    if (conflict !== undefined) {
      conflicts.push({ check, role: "satisfy", conflictsWith: conflict.with, reason: conflict.reason });
      continue;
    }
    seen.add(identity);
    keptSatisfy.push(check);
  }
  for (const check of violate) {
    const conflict = findViolateConflict(check, keptSatisfy, keptViolate, density);
    if (conflict !== undefined) {
      conflicts.push({ check, role: "violate", conflictsWith: conflict.with, reason: conflict.reason });
      continue;
    }
    keptViolate.push(check);
  }
  return { satisfy: keptSatisfy, violate: keptViolate, conflicts };
}

// Checks the composer does not write yet: it neither meets nor breaks them on purpose, so they are
// reported as conflicts and the verifiers score whatever the text happens to do.
const UNWRITTEN_KINDS: Readonly<Partial<Record<Check["kind"], string>>> = {
  paragraph_start: "the first word of a given paragraph",
  letter_count: "a letter's frequency",
  repeat_request: "repeating the request",
  responses: "several responses with a separator",
  sections: "numbered section markers",
  one_of: "a fixed set of answers",
};
const UNWRITTEN_UNITS: readonly CountUnit[] = ["capital_words", "highlights", "placeholders"];

/** Why the composer cannot honour `check` at all, or undefined when it can. */
function describeUnwritten(check: Check): string | undefined {
  const kind = UNWRITTEN_KINDS[check.kind];
  if (kind !== undefined) return `the composer does not write ${kind}`;
  if (check.kind === "count" && UNWRITTEN_UNITS.includes(check.unit)) {
    return `the composer does not write counts of ${check.unit.replace("_", " ")}`;
  }
  if (check.kind === "count" && check.divider !== undefined) {
    return `the composer does not separate paragraphs with ${check.divider}`;
  }
  return undefined;
}

function findSatisfyConflict(
  check: Check,
  kept: readonly Check[],
  density: TextDensity,
): { with: Check | undefined; reason: string } | undefined {
  const unwritten = describeUnwritten(check);
  if (unwritten !== undefined) return { with: undefined, reason: unwritten };
  if (check.kind === "language" && findPhraseBank(check.language) === undefined) {
    return {
      with: undefined,
      reason: `no phrase bank for ${check.name}; the composer writes the nine Maestro languages`,
    };
  }
  for (const other of kept) {
    const reason = satisfyConflict(check, other);
    if (reason !== undefined) return { with: other, reason };
  }
  if (check.kind === "date_format") {
    const formats = [
      ...kept.filter((other) => other.kind === "date_format").map((other) => other.format),
      check.format,
    ];
    if (formats.length > 1 && chooseDateFormat(formats) === undefined) {
      return {
        with: kept.find((other) => other.kind === "date_format"),
        reason: "no date can follow both formats",
      };
    }
  }
  const language = [...kept, check].find((other) => other.kind === "language");
  if (
    language !== undefined &&
    tooShortForLanguage(
      computeCountRanges(
        [...kept, check].filter((other) => other.kind !== "language"),
        [],
      ),
    )
  ) {
    const other = check === language ? [...kept].reverse().find((item) => item.kind === "count") : language;
    return { with: other, reason: "a text this short is too short for its language to be detected" };
  }
  const infeasible = countsInfeasible(
    computeCountRanges([...kept, check], []),
    density,
    readForcedContent([...kept, check], []),
  );
  if (infeasible !== undefined) {
    return { with: [...kept].reverse().find((other) => impliedCounts(other).length > 0), reason: infeasible };
  }
  return undefined;
}

function findViolateConflict(
  check: Check,
  satisfy: readonly Check[],
  violate: readonly Check[],
  density: TextDensity,
): { with: Check | undefined; reason: string } | undefined {
  const unwritten = describeUnwritten(check);
  if (unwritten !== undefined) return { with: undefined, reason: unwritten };
  for (const other of satisfy) {
    const reason = violateConflict(check, other);
    if (reason !== undefined) return { with: other, reason };
  }
  if (
    check.kind === "language" &&
    tooShortForLanguage(
      computeCountRanges(
        satisfy.filter((item) => item.kind !== "language"),
        violate,
      ),
    )
  ) {
    return {
      with: [...satisfy].reverse().find((item) => item.kind === "count"),
      reason: "a text this short is too short for its language to be detected",
    };
  }
  // Breaking a count moves a range; breaking a date, an amount, a keyword adds sentences. Either may leave
  // the counts to meet out of reach.
  const infeasible = countsInfeasible(
    computeCountRanges(satisfy, [...violate, check]),
    density,
    readForcedContent(satisfy, [...violate, check]),
  );
  if (infeasible !== undefined) {
    const unit = check.kind === "count" ? check.unit : undefined;
    const other = [...satisfy, ...violate]
      .reverse()
      .find((item) => item.kind === "count" && (unit === undefined || item.unit === unit));
    return { with: other, reason: `breaking it leaves no count to meet the rest: ${infeasible}` };
  }
  if (check.kind === "answer_only") {
    const ranges = computeCountRanges(satisfy, violate);
    const oneLine = rangeBounds(ranges.get("lines") ?? ANY_COUNT).max <= 1;
    const start = satisfy.find((item) => item.kind === "starts_with");
    if (oneLine && start !== undefined)
      return {
        with: start,
        reason: "a one-line text with a fixed start has no room for a preamble or an explanation",
      };
  }
  return undefined;
}

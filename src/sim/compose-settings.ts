// What a composition decides once, before any draft is written: the language, the shape of the answer,
// the count ranges to reach, how dates and amounts are written, which keywords to add or avoid. Every
// draft of every attempt is built from these settings.
import { type CalendarDate, formatDate } from "../verifiers/calendar-date.js";
import { type Check, type CountUnit, countKeyword, type ForbiddenMark, verify } from "../verifiers/index.js";
import {
  ANY_COUNT,
  type CountRange,
  intersectRange,
  rangeBounds,
  subtractRange,
  toInterval,
} from "./count-range.js";
import type { RandomSource } from "./create-random.js";
import type { DraftFacts } from "./extract-facts.js";
import { choosePhraseBank, type PhraseBank } from "./phrase-banks.js";
import { applyCase, type RenderStyle, stripMarks } from "./render-draft.js";
import {
  chooseDateFormat,
  computeCountRanges,
  measureDensity,
  readForcedContent,
  tightenCountRanges,
} from "./resolve-check-conflicts.js";

/** The shape of answer a draft takes when the request does not decide it. */
export type ComposeStyle = "fields" | "summary" | "reply" | "answer";

/** What to write: the request's facts, the checks to meet and to break, and a seeded random source. */
export interface ComposePlan {
  facts: DraftFacts;
  /** Checks the text must meet (score 1). */
  satisfy: readonly Check[];
  /** Checks the text must break (score below 1); meeting wins where the two cannot both hold. */
  violate?: readonly Check[];
  /**
   * The language to write in when no language check decides it: an ISO 639-3 code ("fra") or a
   * `response_language` name ("french"); English by default and for languages without a phrase bank.
   */
  language?: string;
  /** Seeded random numbers in [0, 1), such as {@link createRandom} returns; drives every choice. */
  random: RandomSource;
  /** The shape of the answer; chosen from the facts when absent. */
  style?: ComposeStyle;
}

/** An English word with letter case, for drafts in Arabic or Hebrew that must not be all lowercase or capitals. */
export const ENGLISH_TITLE = "Summary";

interface KeywordPlan {
  keyword: string;
  range: CountRange;
}

/** Everything decided once per composition, before any draft is written. */
export interface ComposeSettings {
  facts: DraftFacts;
  satisfy: readonly Check[];
  violate: readonly Check[];
  random: RandomSource;
  bank: PhraseBank;
  style: ComposeStyle;
  render: RenderStyle;
  ranges: Map<CountUnit, CountRange>;
  json: { keys: string[]; omit: string[] } | undefined;
  title: string | undefined;
  postscript: string | undefined;
  start: string | undefined;
  end: string | undefined;
  answerOnly: "preamble" | "note" | undefined;
  bold: boolean;
  dateFormat: string | undefined;
  badDate: { format: string; date: CalendarDate | undefined } | undefined;
  currency: "usd" | "code" | undefined;
  keywords: KeywordPlan[];
  /** Lowercased keywords that may appear only a bounded number of times: content holding them is avoided. */
  bounded: string[];
  /** Checks a single piece must pass to be used (dates, amounts, markdown). */
  pieceChecks: Check[];
  /** Whether the language is judged, so sentences are joined rather than dropped. */
  keepSentences: boolean;
}

/** How much a draft is allowed to say on a given attempt: later attempts add fillers or strip to the essentials. */
export interface AttemptShape {
  fillers: number;
  minimal: boolean;
  /** Breaks "output only the answer" with an explanation line after the answer instead of a preamble. */
  noteOnly: boolean;
}

/** Whether `text` fully meets `check`. */
export function passes(text: string, check: Check): boolean {
  return verify(text, [check]).score === 1;
}

function chooseStyle(plan: ComposePlan): ComposeStyle {
  if (plan.style !== undefined) return plan.style;
  const { facts } = plan;
  // A request to reply is answered as a reply, even when the message it quotes has `key: value` lines.
  if (/\b(?:reply|respond to|customer|complaint|support|e-?mail)\b/i.test(facts.instruction)) return "reply";
  if (facts.fields.length >= 2) return "fields";
  if (facts.question !== undefined) return "answer";
  return "summary";
}

/** The keyword count ranges: what every check to meet allows, minus one break per check to break. */
function planKeywords(satisfy: readonly Check[], violate: readonly Check[]): KeywordPlan[] {
  const plans = new Map<string, KeywordPlan>();
  const get = (keyword: string): KeywordPlan => {
    const key = keyword.toLowerCase();
    let plan = plans.get(key);
    if (plan === undefined) {
      plan = { keyword, range: ANY_COUNT };
      plans.set(key, plan);
    }
    return plan;
  };
  for (const check of satisfy) {
    if (check.kind !== "keywords") continue;
    for (const keyword of check.keywords) {
      const plan = get(keyword);
      plan.range = intersectRange(plan.range, toInterval(check.min, check.max));
    }
  }
  for (const check of violate) {
    if (check.kind !== "keywords") continue;
    for (const keyword of check.keywords) {
      const plan = get(keyword);
      const broken = subtractRange(plan.range, toInterval(check.min, check.max));
      if (broken.length > 0) {
        plan.range = broken;
        break;
      }
    }
  }
  return [...plans.values()].filter((plan) => plan.range.length > 0);
}

/**
 * The count ranges of the checks, and, when the plan names a language no check judges, enough words for
 * that language to be detected (where the ranges leave room for them).
 */
function readRanges(
  plan: ComposePlan,
  satisfy: readonly Check[],
  violate: readonly Check[],
): Map<CountUnit, CountRange> {
  const ranges = computeCountRanges(satisfy, violate);
  const judged = [...satisfy, ...violate].some((check) => check.kind === "language");
  if (plan.language === undefined || judged) return ranges;
  const withLanguage = computeCountRanges(
    [...satisfy, { kind: "language", language: "und", name: "", source: "" }],
    violate,
  );
  for (const unit of ["words", "characters"] as const) {
    if ((withLanguage.get(unit) ?? []).length > 0) ranges.set(unit, withLanguage.get(unit)!);
  }
  return ranges;
}

/** The date formats the composer writes to break a date-format requirement, in order of preference. */
export const ALTERNATIVE_DATE_FORMATS: readonly string[] = [
  "MM/DD/YYYY",
  "DD.MM.YYYY",
  "MMMM D, YYYY",
  "YYYY-MM-DD",
  "DD/MM/YYYY",
];

/** A date text that passes every date format to meet and fails every one to break. */
function findBadDate(
  satisfy: readonly Check[],
  violate: readonly Check[],
  facts: DraftFacts,
  forbidden: ReadonlySet<ForbiddenMark>,
) {
  const broken = violate.filter((check) => check.kind === "date_format");
  if (broken.length === 0) return undefined;
  const kept = satisfy.filter((check) => check.kind === "date_format");
  const chosen = chooseDateFormat(kept.map((check) => check.format));
  const formats = [
    ...(chosen ? [chosen] : []),
    ...ALTERNATIVE_DATE_FORMATS,
    "YYYY-M-D",
    "D/M/YYYY",
    "D.M.YYYY",
  ];
  const samples: (CalendarDate | undefined)[] = [...facts.dates, undefined];
  for (const format of formats) {
    for (const date of samples) {
      const written = stripMarks(formatDate(date ?? { year: 2026, month: 3, day: 5 }, format), forbidden);
      if (kept.every((check) => passes(written, check)) && broken.every((check) => !passes(written, check))) {
        return { format, date };
      }
    }
  }
  return undefined;
}

/** Decides everything a composition fixes before its first draft, from the plan and the checks kept. */
export function decideComposeSettings(
  plan: ComposePlan,
  satisfy: Check[],
  violate: Check[],
): ComposeSettings {
  const { facts, random } = plan;
  const bank = choosePhraseBank(satisfy, violate, plan.language);
  const has = (kind: Check["kind"]): boolean => satisfy.some((check) => check.kind === kind);
  const breaks = (kind: Check["kind"]): boolean => violate.some((check) => check.kind === kind);
  const forbidden = new Set(satisfy.flatMap((check) => (check.kind === "forbid_marks" ? [check.mark] : [])));
  const decorations = [
    ...new Set(violate.flatMap((check) => (check.kind === "forbid_marks" ? [check.mark] : []))),
  ];
  const letterCase = satisfy.find((check) => check.kind === "case")?.case;
  const jsonChecks = satisfy.filter((check) => check.kind === "json");
  const json =
    jsonChecks.length === 0
      ? undefined
      : {
          keys: [...new Set(jsonChecks.flatMap((check) => check.keys ?? []))],
          omit: violate.flatMap((check) => {
            if (check.kind !== "json" || check.keys === undefined) return [];
            const needed = new Set(jsonChecks.flatMap((item) => item.keys ?? []));
            const missing = check.keys.find((key) => !needed.has(key));
            return missing === undefined ? [] : [missing];
          }),
        };
  const keywords = planKeywords(satisfy, violate);
  const bounded = keywords
    .filter((item) => rangeBounds(item.range).max < Number.POSITIVE_INFINITY)
    .map((item) => item.keyword);
  const starts = satisfy.filter((check) => check.kind === "starts_with").map((check) => check.phrase.trim());
  const ends = satisfy.filter((check) => check.kind === "ends_with").map((check) => check.phrase.trim());
  const longest = (phrases: string[]): string | undefined => phrases.sort((a, b) => b.length - a.length)[0];
  const pieceChecks = satisfy.filter((check) =>
    ["date_format", "currency", "no_markdown"].includes(check.kind),
  );
  const dateFormats = satisfy.filter((check) => check.kind === "date_format").map((check) => check.format);
  const straightQuotes = satisfy.some((check) => check.kind === "quoted" && check.straight === true);
  const render: RenderStyle = {
    bank,
    bullet: has("no_markdown") ? "•" : "-",
    letterCase,
    // A text in straight double quotes may parse as a JSON string; curly quotes wrap it too and never do,
    // unless a check asks for straight ones.
    quoted: has("quoted") ? (breaks("json") && !straightQuotes ? "curly" : "straight") : false,
    forbidden,
    decorations,
  };
  const titleText = [bank.title, ...bank.sections].find(
    (title) => !bounded.some((keyword) => countKeyword(title, keyword) > 0),
  );
  return {
    facts,
    satisfy,
    violate,
    random,
    bank,
    style: chooseStyle(plan),
    render,
    ranges: tightenCountRanges(
      readRanges(plan, satisfy, violate),
      measureDensity(bank),
      readForcedContent(satisfy, violate),
    ),
    json,
    title: has("title") ? `<<${titleText ?? bank.title}>>` : undefined,
    postscript: satisfy.find((check) => check.kind === "postscript")?.marker,
    start: longest(starts),
    end: longest(ends),
    answerOnly: breaks("answer_only") ? (starts.length > 0 ? "note" : "preamble") : undefined,
    bold: breaks("no_markdown"),
    dateFormat: dateFormats.length > 0 ? chooseDateFormat(dateFormats) : undefined,
    badDate: findBadDate(satisfy, violate, facts, forbidden),
    currency: has("currency") ? "usd" : breaks("currency") ? "code" : undefined,
    keywords,
    bounded,
    pieceChecks,
    keepSentences: [...satisfy, ...violate].some((check) => check.kind === "language") || bank.code !== "eng",
  };
}

/** Whether a piece of text may appear in the draft: it passes the per-piece checks and holds no bounded keyword. */
export function isClean(text: string, settings: ComposeSettings): boolean {
  const written = applyCase(stripMarks(text, settings.render.forbidden), settings.render.letterCase);
  if (settings.bounded.some((keyword) => countKeyword(written, keyword) > 0)) return false;
  return settings.pieceChecks.every((check) => passes(written, check));
}

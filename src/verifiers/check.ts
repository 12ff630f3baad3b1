// The data the verifiers pass around. Every check is plain JSON so it can be printed by the CLI, cached,
// stored in reports and sent across vitest's worker boundary without losing anything.

/** What a count check counts; the definitions are in docs/verifiers.md and in `text-facts.ts`. */
export type CountUnit =
  | "paragraphs"
  | "sentences"
  | "words"
  | "characters"
  | "lines"
  | "bullets"
  | "numbered_items"
  | "list_items"
  | "headers"
  | "capital_words"
  | "highlights"
  | "placeholders";

/** Length and structure: the number of `unit` in the text lies within `[min, max]` (either bound optional). */
export interface CountCheck {
  kind: "count";
  unit: CountUnit;
  min?: number;
  max?: number;
  /**
   * For `paragraphs` only: the divider that separates paragraphs ("***"), when the description names one;
   * paragraphs are then the non-empty parts between dividers instead of blocks between blank lines.
   */
  divider?: string;
  /** The fragment of the description this check was read from. */
  source: string;
}

/** Every keyword occurs between `min` and `max` times (whole words, case-insensitive; `max: 0` forbids it). */
export interface KeywordsCheck {
  kind: "keywords";
  keywords: readonly string[];
  min?: number;
  max?: number;
  source: string;
}

/** The text is only the answer: no preamble ("Sure! Here is...") and no trailing explanation. */
export interface AnswerOnlyCheck {
  kind: "answer_only";
  source: string;
}

/** The whole text is valid JSON, and, when `keys` is given, a JSON object with those top-level keys. */
export interface JsonCheck {
  kind: "json";
  keys?: readonly string[];
  /** Every named key (every key, when none is named) holds a value: not empty, blank or null. */
  nonEmpty?: boolean;
  source: string;
}

/** The text contains a title wrapped in double angular brackets, such as `<<A poem of joy>>`. */
export interface TitleCheck {
  kind: "title";
  source: string;
}

/** The text ends with a postscript: its last paragraph starts with `marker` (such as "P.S."). */
export interface PostscriptCheck {
  kind: "postscript";
  marker: string;
  source: string;
}

/** The text uses no markdown: no headers, list markers, emphasis, code, links or tables. */
export interface NoMarkdownCheck {
  kind: "no_markdown";
  source: string;
}

/** Every cased letter of the text is lowercase, or every one is uppercase. */
export interface CaseCheck {
  kind: "case";
  case: "lower" | "upper";
  source: string;
}

/** The text, leading whitespace aside, starts with `phrase` (case-insensitive, on a word boundary). */
export interface StartsWithCheck {
  kind: "starts_with";
  phrase: string;
  source: string;
}

/** The text, trailing whitespace aside, ends with `phrase` (case-insensitive, on a word boundary). */
export interface EndsWithCheck {
  kind: "ends_with";
  phrase: string;
  source: string;
}

/**
 * The whole text, surrounding whitespace aside, is wrapped in double quotation marks: straight (`"`) or
 * typographic (“ ”), or only straight ones when `straight` is set ("in straight double quotes").
 */
export interface QuotedCheck {
  kind: "quoted";
  straight?: true;
  source: string;
}

/** Every date in the text follows `format`: a pattern such as "YYYY-MM-DD" or "DD/MM/YYYY", or "ISO-8601". */
export interface DateFormatCheck {
  kind: "date_format";
  format: string;
  source: string;
}

/** Every money amount in the text is written in US format, `$1,234.56`. */
export interface CurrencyCheck {
  kind: "currency";
  currency: "USD";
  source: string;
}

/**
 * The text is written in `language` (an ISO 639-3 code, detected with franc; Chinese may name its script
 * too, as in BCP 47: "cmn-Hans" for simplified characters, "cmn-Hant" for traditional ones); `name` is
 * for reasons.
 */
export interface LanguageCheck {
  kind: "language";
  language: string;
  name: string;
  source: string;
}

/** Marks a forbidden-mark check can forbid. */
export type ForbiddenMark = "commas" | "exclamation marks" | "semicolons" | "em dashes" | "emojis";

/** The text contains none of `mark` (commas include the fullwidth, Arabic and ideographic commas). */
export interface ForbidMarksCheck {
  kind: "forbid_marks";
  mark: ForbiddenMark;
  source: string;
}

/** Paragraph number `paragraph` (1-based) starts with `word` (case-insensitive; leading quotes and markdown aside). */
export interface ParagraphStartCheck {
  kind: "paragraph_start";
  paragraph: number;
  word: string;
  /** The divider between paragraphs when the description names one; blank lines otherwise. */
  divider?: string;
  source: string;
}

/** The letter (or any single character) `letter` occurs between `min` and `max` times, case-insensitive. */
export interface LetterCountCheck {
  kind: "letter_count";
  letter: string;
  min?: number;
  max?: number;
  source: string;
}

/**
 * The text starts by repeating the request word for word (case and spacing aside). Needs the request
 * (`input`); `excluding` is the instruction itself, which is not part of what is repeated.
 */
export interface RepeatRequestCheck {
  kind: "repeat_request";
  excluding: string;
  source: string;
}

/** The text holds `count` different responses separated by `separator` (such as six asterisks). */
export interface ResponsesCheck {
  kind: "responses";
  count: number;
  separator: string;
  source: string;
}

/** Sections whose first line starts with `marker` and a number ("SECTION 1"); their count within bounds. */
export interface SectionsCheck {
  kind: "sections";
  marker: string;
  min?: number;
  max?: number;
  source: string;
}

/** The text answers with one of `options` (it contains one of them, case-insensitive). */
export interface OneOfCheck {
  kind: "one_of";
  options: readonly string[];
  source: string;
}

/** One deterministic check read from a requirement description; a union discriminated on `kind`. */
export type Check =
  | CountCheck
  | KeywordsCheck
  | AnswerOnlyCheck
  | JsonCheck
  | TitleCheck
  | PostscriptCheck
  | NoMarkdownCheck
  | CaseCheck
  | StartsWithCheck
  | EndsWithCheck
  | QuotedCheck
  | DateFormatCheck
  | CurrencyCheck
  | LanguageCheck
  | ForbidMarksCheck
  | ParagraphStartCheck
  | LetterCountCheck
  | RepeatRequestCheck
  | ResponsesCheck
  | SectionsCheck
  | OneOfCheck;

/** The `kind` of every check. */
export type CheckKind = Check["kind"];

/** Every check kind, for validation and documentation. */
export const CHECK_KINDS: readonly CheckKind[] = [
  "count",
  "keywords",
  "answer_only",
  "json",
  "title",
  "postscript",
  "no_markdown",
  "case",
  "starts_with",
  "ends_with",
  "quoted",
  "date_format",
  "currency",
  "language",
  "forbid_marks",
  "paragraph_start",
  "letter_count",
  "repeat_request",
  "responses",
  "sections",
  "one_of",
];

/**
 * How much of a description the verifiers understood: all of it, some of it (the rest is listed in
 * `unchecked`), or none of it.
 */
export type ParseVerdict = "verifiable" | "partially_verifiable" | "unverifiable";

/** A requirement description read into checks; deep-frozen, because parsed descriptions are cached and shared. */
export interface ParsedRequirement {
  description: string;
  verdict: ParseVerdict;
  checks: readonly Check[];
  /** Fragments of the description no verifier understood, as written. */
  unchecked: readonly string[];
  /** One line: how many checks, and what was not understood. */
  reason: string;
}

/**
 * The outcome of scoring. Each value has one meaning, for one check and for a whole requirement:
 * - `pass`: everything in the description was checked and met (score 1).
 * - `fail`: at least one checked clause is not met; the score is the mean over the decided checks, so it
 *   may lie between 0 and 1 ("3 of 4 dates well formed" is 0.75), but the verdict is a fail regardless.
 * - `partial`: partly verified. Every checked clause is met (score 1), but some clause was not understood
 *   (listed in `unchecked`) or some check could not decide (a text too short to tell its language); the
 *   score says nothing about those. Reports and the gate show it as "partly verified".
 * - `unverifiable`: nothing could be checked or decided (score null).
 * - `error`: a judge failed or answered badly (score null).
 *
 * These values are stable: reports and the gate read them.
 */
export type Verdict = "pass" | "fail" | "partial" | "unverifiable" | "error";

/** One check scored against one text. */
export interface CheckResult {
  check: Check;
  verdict: Verdict;
  /** Within [0, 1], or null when the check could not be decided (verdict `unverifiable`). */
  score: number | null;
  /** What was found and what was required: "4 paragraphs found; at most 3 allowed". */
  reason: string;
}

/** A text scored against a requirement: never a silent 1, so `score` is null unless something was checked. */
export interface VerifyResult {
  verdict: Verdict;
  score: number | null;
  reason: string;
  checks: CheckResult[];
  /** Fragments of the description that were not checked; the score says nothing about them. */
  unchecked: string[];
  /** Who produced the score: the deterministic verifiers, or the judge model for an unverifiable requirement. */
  source: "verifier" | "judge";
}

// The simulated model's pen: given the facts of a request and the checks a draft must meet or break, it
// writes a plausible extractive answer (the request's fields restated, a short summary, a reply) that
// the verifiers score exactly as decided. It never guesses: every count is measured with the verifiers'
// own counters while the draft is edited, and every draft is verified before it is returned, with a few
// deterministic fallbacks tried when the first draft misses.
import type { Check, CountUnit, ForbiddenMark } from "../../verifiers/index.js";
import { countKeyword, countUnit, verify } from "../../verifiers/index.js";
import { ALTERNATIVE_DATE_FORMATS, type CalendarDate, findDates, formatDate } from "./calendar-date.js";
import {
  ANY_COUNT,
  type CountRange,
  inRange,
  intersectRange,
  nearestInRange,
  rangeBounds,
  subtractRange,
  toInterval,
} from "./count-range.js";
import type { RandomSource } from "./create-random.js";
import type { DraftFacts, DraftField } from "./extract-facts.js";
import { readFieldRole } from "./extract-facts.js";
import { findMoneyAmounts, formatCodeAmount, formatUsd } from "./money-amount.js";
import { choosePhraseBank, type PhraseBank } from "./phrase-banks.js";
import {
  applyCase,
  cloneDraft,
  type Draft,
  type DraftLine,
  type Piece,
  type RenderStyle,
  renderDraft,
  stripMarks,
} from "./render-draft.js";
import {
  type CheckConflict,
  chooseDateFormat,
  computeCountRanges,
  measureDensity,
  readForcedContent,
  resolveCheckConflicts,
  tightenCountRanges,
} from "./resolve-check-conflicts.js";
import { type ContentSupply, tuneCounts } from "./tune-counts.js";

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

/** A composed text and how it relates to the plan. */
export interface ComposeResult {
  text: string;
  /** The checks kept to meet and to break, after conflicts were resolved. */
  satisfy: Check[];
  violate: Check[];
  /** Checks of the plan that were not honoured because they conflict (see `resolveCheckConflicts`). */
  conflicts: CheckConflict[];
  /** Kept checks to meet that the text still fails; empty unless the composer ran out of attempts. */
  unmet: Check[];
  /** Kept checks to break that the text still meets; empty unless the composer ran out of attempts. */
  unbroken: Check[];
  /** ISO 639-3 code of the language written. */
  language: string;
  style: ComposeStyle;
}

const ATTEMPTS = 4;
const ENGLISH_TITLE = "Summary";
const GREETING_WORDS =
  /^(?:dear|hello|hi|hey|greetings|good (?:morning|afternoon|evening)|bonjour|hola|hallo|ciao|olá|salut)$/i;

interface KeywordPlan {
  keyword: string;
  range: CountRange;
}

/** Everything decided once per composition, before any draft is written. */
interface Settings {
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

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `${typeof value} ${JSON.stringify(value)}`;
}

function assertPlan(plan: ComposePlan): void {
  if (typeof plan !== "object" || plan === null)
    throw new TypeError(`composeOutput: plan must be an object, got ${describe(plan)}`);
  if (typeof plan.random !== "function") {
    throw new TypeError(
      `composeOutput: plan.random must be a function returning numbers in [0, 1), got ${describe(plan.random)}`,
    );
  }
  if (typeof plan.facts !== "object" || plan.facts === null || !Array.isArray(plan.facts.fields)) {
    throw new TypeError(
      `composeOutput: plan.facts must be the facts extractFacts returns, got ${describe(plan.facts)}`,
    );
  }
  if (!Array.isArray(plan.satisfy))
    throw new TypeError(
      `composeOutput: plan.satisfy must be an array of checks, got ${describe(plan.satisfy)}`,
    );
  if (plan.violate !== undefined && !Array.isArray(plan.violate)) {
    throw new TypeError(
      `composeOutput: plan.violate must be an array of checks, got ${describe(plan.violate)}`,
    );
  }
}

function shuffle<T>(items: readonly T[], random: RandomSource): T[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [copy[index], copy[other]] = [copy[other]!, copy[index]!];
  }
  return copy;
}

function passes(text: string, check: Check): boolean {
  return verify(text, [check]).score === 1;
}

function chooseStyle(plan: ComposePlan): ComposeStyle {
  if (plan.style !== undefined) return plan.style;
  const { facts } = plan;
  if (facts.fields.length >= 2) return "fields";
  if (/\b(?:reply|respond to|customer|complaint|support|e-?mail)\b/i.test(facts.instruction)) return "reply";
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

function decideSettings(plan: ComposePlan, satisfy: Check[], violate: Check[]): Settings {
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
  const render: RenderStyle = {
    bank,
    bullet: has("no_markdown") ? "•" : "-",
    letterCase,
    // A text in straight double quotes may parse as a JSON string; curly quotes wrap it too and never do.
    quoted: has("quoted") ? (breaks("json") ? "curly" : "straight") : false,
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
function isClean(text: string, settings: Settings): boolean {
  const written = applyCase(stripMarks(text, settings.render.forbidden), settings.render.letterCase);
  if (settings.bounded.some((keyword) => countKeyword(written, keyword) > 0)) return false;
  return settings.pieceChecks.every((check) => passes(written, check));
}

function formatDateValue(date: CalendarDate, settings: Settings): string {
  if (settings.badDate !== undefined) return formatDate(date, settings.badDate.format);
  if (settings.dateFormat !== undefined) return formatDate(date, settings.dateFormat);
  return date.text;
}

/** Rewrites the dates and amounts of a sentence as the settings ask; undefined when it cannot be used. */
function rewriteSentence(sentence: string, settings: Settings): string {
  let text = sentence;
  if (settings.dateFormat !== undefined || settings.badDate !== undefined) {
    for (const date of findDates(text)) text = text.replace(date.text, formatDateValue(date, settings));
  }
  if (settings.currency !== undefined) {
    for (const amount of findMoneyAmounts(text)) {
      const written =
        settings.currency === "usd"
          ? formatUsd(amount.value)
          : formatCodeAmount(amount.value, amount.currency);
      text = text.replace(amount.text, written);
    }
  }
  return text;
}

const KEY_ROLE_WORDS: Readonly<Record<string, string>> = {
  vendor: "vendor_name",
  customer: "customer",
  invoice_number: "invoice_number",
  order_number: "order_number",
  reference: "reference",
  total: "total_amount",
  amount: "amount",
  tax: "tax",
  date: "date",
  due_date: "due_date",
  issue_date: "issue_date",
  subject: "subject",
  status: "status",
  email: "email",
  phone: "phone",
  address: "address",
  name: "name",
  answer: "answer",
};

/** A field's label in the draft's language and its value written as the settings ask; undefined if unusable. */
function renderField(
  field: DraftField,
  settings: Settings,
): { label: string; value: string; key: string } | undefined {
  let value = field.value;
  if (field.date !== undefined) value = value.replace(field.date.text, formatDateValue(field.date, settings));
  if (field.money !== undefined && settings.currency !== undefined) {
    const amount = field.money;
    if (settings.currency === "usd") {
      // "$1,234.50" needs a comma; without commas only amounts under a thousand can be written in USD format.
      if (settings.render.forbidden.has("commas") && Math.abs(amount.value) >= 1000) return undefined;
      value = value.replace(amount.text, formatUsd(amount.value));
    } else {
      value = value.replace(amount.text, formatCodeAmount(amount.value, amount.currency));
    }
  }
  const label = field.role !== undefined ? settings.bank.labels[field.role] : field.label;
  const key =
    field.role !== undefined
      ? KEY_ROLE_WORDS[field.role]!
      : field.label
          .toLowerCase()
          .replace(/[^\p{L}\p{N}]+/gu, "_")
          .replace(/^_|_$/g, "");
  if (!isClean(`${label}: ${value}`, settings)) return undefined;
  return { label, value, key: key || "field" };
}

function sentencePiece(text: string, priority: number, removable = true): Piece {
  return { kind: "sentence", text, removable, priority, pad: 0 };
}

function rawPiece(text: string, priority: number, removable = false): Piece {
  return { kind: "raw", text, removable, priority, pad: 0 };
}

/** Content the tuner draws from: fillers without bounded keywords, in a seeded order. */
function createSupply(settings: Settings, order: readonly number[]): ContentSupply {
  const { bank } = settings;
  const allowed = order.filter((index) => isClean(bank.fillers[index]!, settings));
  const sections = bank.sections.filter((section) => isClean(section, settings));
  let next = 0;
  let nextSection = 0;
  const fillerAt = (index: number): Piece | undefined =>
    allowed.includes(index)
      ? { kind: "sentence", text: bank.fillers[index]!, removable: true, priority: 1, filler: index, pad: 0 }
      : undefined;
  return {
    fillerIndexes: allowed,
    fillerAt,
    nextFiller() {
      if (allowed.length === 0) return undefined;
      const index = allowed[next % allowed.length]!;
      next++;
      return fillerAt(index);
    },
    nextSection() {
      const section = sections[nextSection % Math.max(1, sections.length)] ?? bank.sections[0]!;
      nextSection++;
      return section;
    },
  };
}

/** The line a draft must start with, written as a greeting when the phrase is one. */
function renderStart(phrase: string, bank: PhraseBank): string {
  if (/[.!?:,;]$/.test(phrase)) return phrase;
  if (/^dear$/i.test(phrase)) return bank.code === "eng" ? `${phrase} customer,` : `${phrase},`;
  if (GREETING_WORDS.test(phrase)) return `${phrase},`;
  return `${phrase}.`;
}

/** The text a draft must end with: a question or exclamation of the bank for "?" and "!", else the phrase. */
function renderEnd(phrase: string, bank: PhraseBank): string {
  if (phrase === "?") return bank.question;
  if (phrase === "!") return bank.exclamation;
  return /^\p{Ll}/u.test(phrase) ? phrase.charAt(0).toUpperCase() + phrase.slice(1) : phrase;
}

function mentionSentences(settings: Settings, keyword: string, count: number): Piece[] {
  const templates = settings.bank.mentions.filter((template) =>
    settings.bounded.every(
      (other) =>
        other.toLowerCase() === keyword.toLowerCase() ||
        countKeyword(template.replace("{keyword}", ""), other) === 0,
    ),
  );
  const pieces: Piece[] = [];
  for (let index = 0; index < count; index++) {
    const template = templates[index % Math.max(1, templates.length)];
    const text = template === undefined ? `${keyword}.` : template.replace("{keyword}", keyword);
    pieces.push(sentencePiece(text, 6, false));
  }
  return pieces;
}

/** Sentences that make a draft break the date and currency checks it must break. */
function violationSentences(settings: Settings): Piece[] {
  const pieces: Piece[] = [];
  const { bank } = settings;
  const hasDateField =
    settings.facts.fields.some((field) => field.date !== undefined) || settings.facts.dates.length > 0;
  if (settings.badDate !== undefined && (settings.badDate.date === undefined || !hasDateField)) {
    const date = settings.badDate.date ?? { year: 2026, month: 3, day: 5 };
    pieces.push(
      sentencePiece(bank.date.replace("{date}", formatDate(date, settings.badDate.format)), 6, false),
    );
  }
  if (settings.currency === "code" && settings.facts.amounts.length === 0) {
    const value = 100 + Math.floor(settings.random() * 900) + 0.5;
    pieces.push(sentencePiece(bank.amount.replace("{amount}", formatCodeAmount(value, "USD")), 6, false));
  }
  return pieces;
}

function relevantSentences(settings: Settings, count: number): string[] {
  const { facts } = settings;
  const candidates = facts.sentences
    .map((sentence) => rewriteSentence(sentence, settings))
    .filter((sentence) => isClean(sentence, settings));
  if (settings.style !== "answer" || facts.question === undefined) return candidates.slice(0, count);
  const words = new Set(facts.question.toLowerCase().match(/\p{L}{4,}/gu) ?? []);
  const scored = candidates.map((sentence, index) => ({
    sentence,
    index,
    score: (sentence.toLowerCase().match(/\p{L}{4,}/gu) ?? []).filter((word) => words.has(word)).length,
  }));
  scored.sort((a, b) => b.score - a.score || a.index - b.index);
  return scored.slice(0, count).map((item) => item.sentence);
}

/** How much a draft is allowed to say on a given attempt: later attempts add fillers or strip to the essentials. */
interface AttemptShape {
  fillers: number;
  minimal: boolean;
  /** Breaks "output only the answer" with an explanation line after the answer instead of a preamble. */
  noteOnly: boolean;
}

const ATTEMPT_SHAPES: readonly AttemptShape[] = [
  { fillers: 0, minimal: false, noteOnly: false },
  { fillers: 2, minimal: false, noteOnly: false },
  { fillers: 2, minimal: false, noteOnly: true },
  { fillers: 0, minimal: true, noteOnly: true },
];

function buildProseDraft(settings: Settings, supply: ContentSupply, shape: AttemptShape): Draft {
  const { bank, facts } = settings;
  const english = bank.code === "eng";
  const opening: DraftLine[] = [];
  const answerOnly = settings.answerOnly === "preamble" && shape.noteOnly ? "note" : settings.answerOnly;
  if (settings.start !== undefined)
    opening.push({ kind: "plain", pieces: [rawPiece(renderStart(settings.start, bank), 9)], fixed: "start" });
  else if (answerOnly === "preamble") {
    opening.push({
      kind: "plain",
      pieces: [sentencePiece("Sure, here is what I found.", 9, false)],
      fixed: "start",
    });
  }
  // An explanation after the answer: any line but the first that starts with "Note:".
  const note: DraftLine | undefined =
    answerOnly === "note"
      ? {
          kind: "plain",
          pieces: [sentencePiece("Note: the values were copied from the request.", 9, false)],
          fixed: "note",
        }
      : undefined;
  if (note !== undefined && settings.start !== undefined) opening.push(note);
  if (settings.title !== undefined)
    opening.push({ kind: "plain", pieces: [rawPiece(settings.title, 9)], fixed: "title" });
  if (
    settings.style === "reply" &&
    !shape.minimal &&
    isClean(bank.greeting, settings) &&
    settings.start === undefined
  ) {
    opening.push({ kind: "plain", pieces: [rawPiece(bank.greeting, 2, true)] });
  }

  const lead: Piece[] = [];
  if (!shape.minimal) {
    if (settings.style === "fields" && isClean(bank.fieldsLead, settings))
      lead.push(sentencePiece(bank.fieldsLead, 2));
    if (settings.style === "reply" && isClean(bank.replyLead, settings))
      lead.push(sentencePiece(bank.replyLead, 3));
  }
  const fillerCount = shape.fillers + (english ? 0 : 2);
  for (let index = 0; index < fillerCount; index++) {
    const filler = supply.nextFiller();
    if (filler !== undefined) lead.push(filler);
  }

  const body: DraftLine[] = [];
  const fields = facts.fields
    .map((field) => renderField(field, settings))
    .filter((field) => field !== undefined);
  if (settings.style === "fields" || (fields.length > 0 && settings.style !== "reply")) {
    for (const field of fields) {
      body.push({
        kind: "plain",
        pieces: [
          { kind: "field", text: `${field.label}: ${field.value}`, removable: true, priority: 4, pad: 0 },
        ],
      });
    }
  }
  if (settings.style === "reply") {
    const replies = bank.replyBody
      .filter((sentence) => isClean(sentence, settings))
      .slice(0, shape.minimal ? 1 : 2);
    if (replies.length > 0)
      body.push({ kind: "plain", pieces: replies.map((sentence) => sentencePiece(sentence, 3)) });
  } else if (english && settings.style !== "fields") {
    const count =
      settings.style === "answer"
        ? 1 + Math.floor(settings.random() * 2)
        : 2 + Math.floor(settings.random() * 2);
    const sentences = relevantSentences(settings, shape.minimal ? 1 : count);
    if (sentences.length > 0)
      body.push({
        kind: "plain",
        pieces: sentences.map((sentence, index) => sentencePiece(sentence, index === 0 ? 5 : 3)),
      });
  }

  const extras = [...violationSentences(settings)];
  // Arabic and Hebrew have no letter case: a draft that must not be all lowercase (or all capitals) needs a
  // word that has one.
  if (!/\p{Lu}/u.test(bank.fillers.join("")) && settings.violate.some((check) => check.kind === "case")) {
    extras.push(sentencePiece(`${ENGLISH_TITLE}.`, 6, false));
  }
  const prose: Piece[] = [...lead, ...extras];
  if (body.length === 0 && prose.length === 0) {
    const filler = supply.nextFiller();
    if (filler !== undefined) prose.push({ ...filler, removable: false });
  }

  const paragraphs: DraftLine[][] = [];
  const first: DraftLine[] = [...opening];
  if (prose.length > 0) first.push({ kind: "plain", pieces: prose });
  if (note !== undefined && settings.start === undefined) {
    if (first.length === 0 && body.length === 0)
      first.push({ kind: "plain", pieces: [sentencePiece(bank.fillers[0]!, 1, false)] });
    (body.length > 0 ? body : first).push(note);
  }
  if (first.length > 0) paragraphs.push(first);
  if (body.length > 0) paragraphs.push(body);
  if (
    settings.style === "reply" &&
    !shape.minimal &&
    settings.end === undefined &&
    isClean(bank.signOff, settings)
  ) {
    paragraphs.push([{ kind: "plain", pieces: [{ ...sentencePiece(bank.signOff, 2), closing: true }] }]);
  }
  if (settings.postscript !== undefined) {
    const piece = sentencePiece(`${settings.postscript} ${bank.postscript}`, 9, false);
    const letters = settings.postscript.replace(/[^\p{L}]/gu, "");
    // "P.S." ends a sentence of its own; "PS:" does not, for drafts that must keep to few sentences.
    if (letters !== "")
      piece.compact = `${letters}: ${bank.postscript.charAt(0).toLowerCase()}${bank.postscript.slice(1)}`;
    paragraphs.push([{ kind: "plain", pieces: [piece], fixed: "postscript" }]);
  }
  const draft: Draft = { paragraphs };
  if (settings.end !== undefined) {
    draft.end = renderEnd(settings.end, bank);
    // A reply signs off on its own line, unless that line would read as an explanation after the answer.
    const answerOnly = settings.satisfy.find((check) => check.kind === "answer_only");
    if (
      settings.style === "reply" &&
      (answerOnly === undefined || passes(`Answer.\n${draft.end}`, answerOnly))
    ) {
      draft.endOnOwnLine = true;
    }
  }
  return draft;
}

/**
 * Adds pieces to a draft in place: to the last plain line holding a sentence, else a new paragraph before
 * the postscript, never before the draft's fixed start.
 */
function addPieces(draft: Draft, pieces: Piece[]): void {
  const lines = draft.paragraphs.flat();
  const open = (line: DraftLine): boolean =>
    line.fixed === undefined && line.kind === "plain" && !line.pieces.some((piece) => piece.closing);
  const holder =
    lines.findLast((line) => open(line) && line.pieces.some((piece) => piece.kind === "sentence")) ??
    lines.findLast(open);
  if (holder !== undefined) {
    holder.pieces.push(...pieces);
    return;
  }
  const postscript = draft.paragraphs.findIndex((paragraph) =>
    paragraph.some((line) => line.fixed === "postscript"),
  );
  draft.paragraphs.splice(postscript === -1 ? draft.paragraphs.length : postscript, 0, [
    { kind: "plain", pieces },
  ]);
}

/** All pieces of a draft, in order, with where they are. */
function eachPiece(draft: Draft, visit: (piece: Piece, line: DraftLine) => void): void {
  for (const lines of draft.paragraphs)
    for (const line of lines) for (const piece of line.pieces) visit(piece, line);
}

/**
 * Spreads the marks a draft must show over its sentences (one mark each while there are sentences, those
 * with an "and" first) and makes one piece bold when the draft must use markdown; adds a filler to carry
 * them when the draft has no sentence to spare.
 */
function markPieces(draft: Draft, settings: Settings, supply: ContentSupply): Draft {
  const marks = settings.render.decorations;
  if (marks.length === 0 && !settings.bold) return draft;
  const copy = cloneDraft(draft);
  const { word, attach } = settings.bank.conjunction;
  const sentences: Piece[] = [];
  eachPiece(copy, (piece, line) => {
    if (
      line.fixed === undefined &&
      line.kind !== "header" &&
      piece.kind === "sentence" &&
      /\s/.test(piece.text)
    )
      sentences.push(piece);
  });
  const withAnd = (piece: Piece): number => (!attach && piece.text.includes(` ${word} `) ? 0 : 1);
  sentences.sort((a, b) => withAnd(a) - withAnd(b));
  if (marks.length > 0 && sentences.length === 0) {
    const filler = supply.nextFiller() ?? sentencePiece(settings.bank.fillers[0]!, 1);
    const piece: Piece = { ...filler, removable: false };
    addPieces(copy, [piece]);
    sentences.push(piece);
  }
  marks.forEach((mark, index) => {
    const piece = sentences[index % sentences.length]!;
    piece.marks = [...(piece.marks ?? []), mark];
    piece.removable = false;
  });
  if (settings.bold) {
    let target: Piece | undefined;
    eachPiece(copy, (piece, line) => {
      if (
        target === undefined &&
        line.fixed === undefined &&
        line.kind !== "header" &&
        piece.kind !== "raw" &&
        piece.marks === undefined
      )
        target = piece;
    });
    if (target === undefined) {
      target = { ...(supply.nextFiller() ?? sentencePiece(settings.bank.fillers[0]!, 1)), removable: false };
      addPieces(copy, [target]);
    }
    target.bold = true;
    target.removable = false;
  }
  return copy;
}

/** Adds or removes keyword mentions until every keyword's count is within its range; false if one cannot be. */
function settleKeywords(draft: Draft, settings: Settings, render: (draft: Draft) => string): Draft {
  let current = draft;
  for (const plan of settings.keywords) {
    const text = render(current);
    const count = countKeyword(text, plan.keyword);
    const target = nearestInRange(plan.range, count);
    if (target === undefined || target === count) continue;
    const copy = cloneDraft(current);
    if (target > count) {
      const mentions = mentionSentences(settings, plan.keyword, target - count);
      addPieces(copy, mentions);
    } else {
      // Too many: drop pieces holding the keyword (mentions last) until the count fits.
      let excess = count - target;
      for (const lines of copy.paragraphs) {
        for (const line of lines) {
          if (line.fixed !== undefined) continue;
          line.pieces = line.pieces.filter((piece) => {
            if (excess <= 0) return true;
            const found = countKeyword(piece.text, plan.keyword);
            if (found === 0) return true;
            excess -= found;
            return false;
          });
        }
      }
      copy.paragraphs = copy.paragraphs
        .map((lines) => lines.filter((line) => line.pieces.length > 0))
        .filter((lines) => lines.length > 0);
    }
    current = copy;
  }
  return current;
}

/** The JSON value for a required key, read from its name. */
function jsonValueFor(
  key: string,
  settings: Settings,
  mainText: string,
  fields: Map<string, string>,
  confidence: number,
): string | number {
  const normalized = key
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replace(/[_-]+/g, " ")
    .toLowerCase()
    .trim();
  if (/^(?:confidence|score|probability|certainty)$/.test(normalized)) return confidence;
  if (/^(?:language|lang)$/.test(normalized)) return settings.bank.name;
  if (/^(?:title|heading)$/.test(normalized)) return settings.title ?? settings.bank.title;
  const role = readFieldRole(normalized);
  if (role !== undefined && role !== "answer") {
    const value = fields.get(role);
    if (value !== undefined) return value;
  }
  return mainText;
}

/** How a JSON draft is laid out: indented or on one line, with blank lines and a list of details for line counts. */
interface JsonLayout {
  pretty: boolean;
  blank: number;
  details: number;
}

function buildJson(
  settings: Settings,
  supply: ContentSupply,
  shape: AttemptShape,
): { draft: Draft; render: (draft: Draft) => string; layout: JsonLayout; details: Piece[] } {
  const { bank, facts } = settings;
  const json = settings.json!;
  const fields = new Map<string, string>();
  const fieldEntries: [string, string][] = [];
  for (const field of facts.fields) {
    const rendered = renderField(field, settings);
    if (rendered === undefined) continue;
    if (field.role !== undefined && !fields.has(field.role)) fields.set(field.role, rendered.value);
    // A key is text too: "invoice_number" holds the word "invoice".
    if (isClean(rendered.key.replace(/_/g, " "), settings)) fieldEntries.push([rendered.key, rendered.value]);
  }
  const pieces: Piece[] = [];
  if (settings.title !== undefined && !json.keys.some((key) => /^title$/i.test(key)))
    pieces.push(rawPiece(settings.title, 9));
  const sentences = bank.code === "eng" ? relevantSentences(settings, shape.minimal ? 1 : 2) : [];
  for (const sentence of sentences) pieces.push(sentencePiece(sentence, 4));
  const fillerCount = shape.fillers + (bank.code === "eng" ? (sentences.length === 0 ? 1 : 0) : 2);
  for (let index = 0; index < fillerCount; index++) {
    const filler = supply.nextFiller();
    if (filler !== undefined) pieces.push(filler);
  }
  pieces.push(...violationSentences(settings));
  if (pieces.length === 0) pieces.push(sentencePiece(bank.fieldsLead, 1, false));
  const single = settings.render.forbidden.has("commas");
  // Drawn once, so the value does not change while the draft is tuned.
  const confidence = Math.round((0.6 + 0.35 * settings.random()) * 100) / 100;
  const details: Piece[] = [];
  if (!single) {
    for (let index = 0; index < 12; index++) {
      const filler = supply.nextFiller();
      if (filler !== undefined) details.push(filler);
    }
  }
  // The key holding the answer, unless the draft must break a JSON check by leaving that key out.
  const mainKey =
    ["answer", "summary", "response", "text", "result"].find((key) => !json.omit.includes(key)) ?? "content";
  const detailsKey = ["details", "notes", "extra_details"].find((key) => !json.keys.includes(key)) ?? "more";
  const layout: JsonLayout = { pretty: !shape.minimal, blank: 0, details: 0 };
  const pieceStyle: RenderStyle = { ...settings.render, letterCase: undefined, quoted: false };
  const writePieces = (items: readonly Piece[]): string =>
    applyCase(
      items
        .map((piece) => renderDraft({ paragraphs: [[{ kind: "plain", pieces: [piece] }]] }, pieceStyle))
        .join(" "),
      settings.render.letterCase,
    );
  const render = (draft: Draft): string => {
    const mainText = writePieces(draft.paragraphs.flat().flatMap((line) => line.pieces));
    if (settings.render.quoted) return JSON.stringify(mainText);
    const entries: [string, string | number | string[]][] = [];
    if (json.keys.length > 0) {
      for (const key of json.keys)
        entries.push([key, jsonValueFor(key, settings, mainText, fields, confidence)]);
    } else if (single || fieldEntries.length === 0) {
      entries.push([mainKey, mainText]);
    } else {
      entries.push(...fieldEntries);
      entries.push([mainKey === "answer" ? "summary" : mainKey, mainText]);
    }
    if (layout.details > 0)
      entries.push([detailsKey, details.slice(0, layout.details).map((piece) => writePieces([piece]))]);
    const cased = entries
      .filter(([key]) => !json.omit.includes(key))
      .map(
        ([key, value]) =>
          [
            json.keys.includes(key) ? key : applyCase(key, settings.render.letterCase),
            typeof value === "string" ? applyCase(value, settings.render.letterCase) : value,
          ] as const,
      );
    if (!layout.pretty)
      return `{${cased.map(([key, value]) => `${JSON.stringify(key)}: ${JSON.stringify(value)}`).join(", ")}}`;
    const body = cased.map(([key, value], index) => {
      const written = Array.isArray(value)
        ? `[\n${value.map((item) => `    ${JSON.stringify(item)}`).join(",\n")}\n  ]`
        : JSON.stringify(value);
      return `  ${JSON.stringify(key)}: ${written}${index < cased.length - 1 ? "," : ""}`;
    });
    // JSON allows blank lines between any two tokens: they make paragraphs without changing the value.
    const lines = `{\n${body.join("\n")}\n}`.split("\n");
    return lines
      .map((line, index) => (index < layout.blank && index < lines.length - 1 ? `${line}\n` : line))
      .join("\n");
  };
  return { draft: { paragraphs: [[{ kind: "plain", pieces }]] }, render, layout, details };
}

/** Chooses the JSON layout whose line and paragraph counts fit: one line, or indented with details and blank lines. */
function chooseJsonLayout(
  settings: Settings,
  draft: Draft,
  render: (draft: Draft) => string,
  layout: JsonLayout,
  details: number,
): void {
  const lines = settings.ranges.get("lines") ?? ANY_COUNT;
  const paragraphs = settings.ranges.get("paragraphs") ?? ANY_COUNT;
  const fits = (): boolean => {
    const text = render(draft);
    return inRange(lines, countUnit(text, "lines")) && inRange(paragraphs, countUnit(text, "paragraphs"));
  };
  if (fits()) return;
  const natural = { ...layout };
  for (const pretty of [natural.pretty, !natural.pretty]) {
    for (let count = 0; count <= details; count++) {
      for (let blank = 0; blank <= (pretty ? count + 6 : 0); blank++) {
        Object.assign(layout, { pretty, details: count, blank });
        if (fits()) return;
      }
    }
  }
  Object.assign(layout, natural);
}

interface Evaluation {
  text: string;
  unmet: Check[];
  unbroken: Check[];
}

function evaluate(text: string, satisfy: readonly Check[], violate: readonly Check[]): Evaluation {
  return {
    text,
    unmet: satisfy.filter((check) => !passes(text, check)),
    unbroken: violate.filter((check) => passes(text, check)),
  };
}

function badness(evaluation: Evaluation): number {
  return evaluation.unmet.length * 1000 + evaluation.unbroken.length;
}

/** Last edits for checks a settled draft still gets wrong, each keeping the counts as they are where it can. */
function repairDraft(draft: Draft, settings: Settings, evaluation: Evaluation, supply: ContentSupply): Draft {
  let copy = draft;
  for (const check of evaluation.unbroken) {
    switch (check.kind) {
      case "starts_with": {
        copy = cloneDraft(copy);
        const filler = supply.nextFiller();
        if (filler !== undefined)
          copy.paragraphs.unshift([{ kind: "plain", pieces: [{ ...filler, removable: false }] }]);
        break;
      }
      case "ends_with": {
        copy = cloneDraft(copy);
        delete copy.end;
        const filler = supply.nextFiller();
        const last = copy.paragraphs.at(-1)?.at(-1);
        if (filler !== undefined && last !== undefined) last.pieces.push({ ...filler, removable: false });
        break;
      }
      case "case": {
        copy = cloneDraft(copy);
        const word = check.case === "lower" ? ENGLISH_TITLE : ENGLISH_TITLE.toLowerCase();
        addPieces(copy, [sentencePiece(`${word}.`, 9, false)]);
        break;
      }
      case "date_format": {
        copy = cloneDraft(copy);
        const date = settings.badDate?.date ?? { year: 2026, month: 3, day: 5 };
        const format =
          settings.badDate?.format ??
          ALTERNATIVE_DATE_FORMATS.find((candidate) => !passes(formatDate(date, candidate), check));
        addPieces(copy, [
          sentencePiece(
            settings.bank.date.replace("{date}", formatDate(date, format ?? "MMMM D, YYYY")),
            6,
            false,
          ),
        ]);
        break;
      }
      case "currency": {
        copy = cloneDraft(copy);
        addPieces(copy, [
          sentencePiece(settings.bank.amount.replace("{amount}", formatCodeAmount(640.5, "USD")), 6, false),
        ]);
        break;
      }
      case "no_markdown": {
        // The bold piece was dropped while tuning (it held a keyword the draft must not repeat).
        copy = cloneDraft(copy);
        let done = false;
        eachPiece(copy, (piece, line) => {
          if (done || line.fixed !== undefined || line.kind === "header" || piece.kind === "raw") return;
          piece.bold = true;
          done = true;
        });
        break;
      }
      case "json": {
        copy = cloneDraft(copy);
        const line = copy.paragraphs
          .flat()
          .find((item) => item.fixed === undefined && item.pieces.some((piece) => piece.kind !== "raw"));
        const piece = line?.pieces.find((item) => item.kind !== "raw");
        if (piece !== undefined) piece.text = piece.text.replace(/(\p{L}{4,})/u, '"$1"');
        break;
      }
      default:
        break;
    }
  }
  return copy;
}

function composeProse(settings: Settings, shape: AttemptShape, order: readonly number[]): Evaluation {
  const supply = createSupply(settings, order);
  const render = (draft: Draft): string => renderDraft(draft, settings.render);
  let draft = markPieces(buildProseDraft(settings, supply, shape), settings, supply);
  let evaluation: Evaluation | undefined;
  for (let round = 0; round < 4; round++) {
    draft = settleKeywords(draft, settings, render);
    const tuned = tuneCounts(draft, {
      ranges: settings.ranges,
      style: settings.render,
      supply,
      keepSentences: settings.keepSentences,
    });
    draft = settleKeywords(tuned.draft, settings, render);
    // Mentions added back after tuning (the tuner dropped a sentence holding a keyword) need another pass.
    if (draft !== tuned.draft && round < 3) continue;
    const text = render(draft);
    evaluation = evaluate(text, settings.satisfy, settings.violate);
    if (badness(evaluation) === 0) return evaluation;
    const repaired = repairDraft(draft, settings, evaluation, supply);
    if (repaired === draft) break;
    draft = repaired;
  }
  return evaluation ?? evaluate(render(draft), settings.satisfy, settings.violate);
}

function composeJson(settings: Settings, shape: AttemptShape, order: readonly number[]): Evaluation {
  const supply = createSupply(settings, order);
  const { draft: built, render, layout, details } = buildJson(settings, supply, shape);
  let draft = markPieces(built, settings, supply);
  const ranges = new Map(
    [...settings.ranges].filter(
      ([unit]) => unit === "sentences" || unit === "words" || unit === "characters",
    ),
  );
  let evaluation: Evaluation | undefined;
  for (let round = 0; round < 4; round++) {
    draft = settleKeywords(draft, settings, render);
    chooseJsonLayout(settings, draft, render, layout, details.length);
    const tuned = tuneCounts(draft, {
      ranges,
      style: settings.render,
      supply,
      render,
      keepSentences: settings.keepSentences,
      openEnd: true,
    });
    draft = settleKeywords(tuned.draft, settings, render);
    if (draft !== tuned.draft && round < 3) continue;
    chooseJsonLayout(settings, draft, render, layout, details.length);
    evaluation = evaluate(render(draft), settings.satisfy, settings.violate);
    if (badness(evaluation) === 0) return evaluation;
    const repaired = repairDraft(draft, settings, evaluation, supply);
    if (repaired === draft) break;
    draft = repaired;
  }
  return evaluation ?? evaluate(render(draft), settings.satisfy, settings.violate);
}

/**
 * Composes a draft that meets every check of `plan.satisfy` and breaks every check of `plan.violate`,
 * built extractively from `plan.facts` (their fields restated, their sentences quoted, a reply written
 * around them) and slotted into a phrase bank of the chosen language. Conflicting checks are resolved
 * first ({@link resolveCheckConflicts}: meeting wins over breaking, and of two checks to meet the
 * earlier wins); the result lists them, and `unmet`/`unbroken` list any kept check the text still gets
 * wrong after every attempt (expected empty). Pure and deterministic: the same plan and the same random
 * sequence give the same text, byte for byte.
 *
 * @example
 * const facts = extractFacts("Extract the fields.\nVendor: Acme Corp\nTotal: 1234.5 USD\nDue: 03/15/2026");
 * const satisfy = parseRequirement("Dates must follow YYYY-MM-DD and amounts should be in USD format").checks;
 * composeDraft({ facts, satisfy, random: createRandom("seed") }).text;
 * // "The document contains the following details.\n\nVendor name: Acme Corp\nTotal amount: $1,234.50\nDue date: 2026-03-15"
 */
export function composeDraft(plan: ComposePlan): ComposeResult {
  assertPlan(plan);
  const resolved = resolveCheckConflicts(
    plan.satisfy,
    plan.violate ?? [],
    plan.language === undefined ? {} : { language: plan.language },
  );
  const settings = decideSettings(plan, resolved.satisfy, resolved.violate);
  const order = shuffle(
    settings.bank.fillers.map((_, index) => index),
    settings.random,
  );
  let best: Evaluation | undefined;
  for (const shape of ATTEMPT_SHAPES.slice(0, ATTEMPTS)) {
    const evaluation =
      settings.json !== undefined
        ? composeJson(settings, shape, order)
        : composeProse(settings, shape, order);
    if (best === undefined || badness(evaluation) < badness(best)) best = evaluation;
    if (badness(best) === 0) break;
  }
  return {
    text: best!.text,
    satisfy: resolved.satisfy,
    violate: resolved.violate,
    conflicts: resolved.conflicts,
    unmet: best!.unmet,
    unbroken: best!.unbroken,
    language: settings.bank.code,
    style: settings.style,
  };
}

/**
 * Composes the text of a draft; see {@link composeDraft} for the contract.
 *
 * @example
 * composeOutput({ facts: extractFacts("Respond in French."), satisfy: parseRequirement("Respond in French").checks, random: createRandom(1) });
 */
export function composeOutput(plan: ComposePlan): string {
  return composeDraft(plan).text;
}

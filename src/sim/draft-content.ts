// The pieces a draft is built from: the request's fields and sentences written as the settings ask, the
// phrase bank's fillers, keyword mentions, and the sentences that break a date or currency check.
import { type CalendarDate, findDates, formatDate } from "../verifiers/calendar-date.js";
import { countKeyword } from "../verifiers/index.js";
import { findMoneyAmounts, formatCodeAmount, writeUsdAmount } from "../verifiers/money-amount.js";
import { type ComposeSettings, isClean } from "./compose-settings.js";
import type { DraftField } from "./extract-facts.js";
import type { Draft, DraftLine, Piece } from "./render-draft.js";
import type { ContentSupply } from "./tune-counts.js";

function formatDateValue(date: CalendarDate, settings: ComposeSettings): string {
  if (settings.badDate !== undefined) return formatDate(date, settings.badDate.format);
  if (settings.dateFormat !== undefined) return formatDate(date, settings.dateFormat);
  return date.text;
}

/** Rewrites the dates and amounts of a sentence as the settings ask; undefined when it cannot be used. */
function rewriteSentence(sentence: string, settings: ComposeSettings): string {
  let text = sentence;
  if (settings.dateFormat !== undefined || settings.badDate !== undefined) {
    for (const date of findDates(text)) text = text.replace(date.text, formatDateValue(date, settings));
  }
  if (settings.currency !== undefined) {
    for (const amount of findMoneyAmounts(text)) {
      const written =
        settings.currency === "usd"
          ? writeUsdAmount(amount.value)
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
export function renderField(
  field: DraftField,
  settings: ComposeSettings,
): { label: string; value: string; key: string } | undefined {
  let value = field.value;
  if (field.date !== undefined) value = value.replace(field.date.text, formatDateValue(field.date, settings));
  if (field.money !== undefined && settings.currency !== undefined) {
    const amount = field.money;
    if (settings.currency === "usd") {
      // "$1,234.50" needs a comma; without commas only amounts under a thousand can be written in USD format.
      if (settings.render.forbidden.has("commas") && Math.abs(amount.value) >= 1000) return undefined;
      value = value.replace(amount.text, writeUsdAmount(amount.value));
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

/** A sentence piece with its own terminator. */
export function sentencePiece(text: string, priority: number, removable = true): Piece {
  return { kind: "sentence", text, removable, priority, pad: 0 };
}

/** A piece written verbatim (a phrase, a title, a greeting). */
export function rawPiece(text: string, priority: number, removable = false): Piece {
  return { kind: "raw", text, removable, priority, pad: 0 };
}

/** Content the tuner draws from: fillers without bounded keywords, in a seeded order. */
export function createSupply(settings: ComposeSettings, order: readonly number[]): ContentSupply {
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

/** `count` sentences that mention `keyword` once each, from templates that hold no other bounded keyword. */
export function mentionSentences(settings: ComposeSettings, keyword: string, count: number): Piece[] {
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
export function violationSentences(settings: ComposeSettings): Piece[] {
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

/** Up to `count` of the request's sentences, rewritten and clean; for a question, those sharing most words with it. */
export function relevantSentences(settings: ComposeSettings, count: number): string[] {
  // A request of megabytes holds thousands of sentences, and rewriting and checking them all held the
  // local server's thread for about 0.1 s per create: they are checked in the order they would be taken,
  // only until `count` are clean (rewritten as they go, unless a question orders them by their words).
  const taken: string[] = [];
  for (const sentence of sentencesInOrder(settings)) {
    if (taken.length >= count) break;
    if (isClean(sentence, settings)) taken.push(sentence);
  }
  return taken;
}

/** The request's sentences rewritten, in the order an answer takes them: for a question, those sharing most words with it first. */
function* sentencesInOrder(settings: ComposeSettings): Generator<string> {
  const { facts } = settings;
  if (settings.style !== "answer" || facts.question === undefined) {
    for (const sentence of facts.sentences) yield rewriteSentence(sentence, settings);
    return;
  }
  const words = new Set(facts.question.toLowerCase().match(/\p{L}{4,}/gu) ?? []);
  const scored = facts.sentences.map((sentence, index) => {
    const rewritten = rewriteSentence(sentence, settings);
    const shared = (rewritten.toLowerCase().match(/\p{L}{4,}/gu) ?? []).filter((word) => words.has(word));
    return { sentence: rewritten, index, score: shared.length };
  });
  scored.sort((a, b) => b.score - a.score || a.index - b.index);
  for (const item of scored) yield item.sentence;
}

/**
 * Adds pieces to a draft in place: to the last plain line holding a sentence, else a new paragraph before
 * the postscript, never before the draft's fixed start.
 */
export function addPieces(draft: Draft, pieces: Piece[]): void {
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
export function eachPiece(draft: Draft, visit: (piece: Piece, line: DraftLine) => void): void {
  for (const lines of draft.paragraphs)
    for (const line of lines) for (const piece of line.pieces) visit(piece, line);
}

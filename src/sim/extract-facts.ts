// Reads a request the way an extractive model would: what is being asked, which sentences carry content,
// which `key: value` facts, dates and amounts it holds. The composer builds every draft from these facts,
// so a simulated answer to an invoice restates the invoice and a reply to a complaint quotes the complaint.
import type { MaestroInput } from "../domain/index.js";
import { type CalendarDate, findDates } from "../verifiers/calendar-date.js";
import { findMoneyAmounts, type MoneyAmount } from "../verifiers/money-amount.js";
import type { FieldRole } from "./phrase-banks.js";

/** What a `key: value` fact holds, read from its value. */
export type FieldKind = "date" | "money" | "number" | "text";

/** One `key: value` fact of the request ("Vendor: Acme Corp"). */
export interface DraftField {
  /** The label as written ("Vendor"). */
  label: string;
  /** The role guessed from the label, used to name the fact in another language; undefined if unknown. */
  role: FieldRole | undefined;
  /** The value as written ("Acme Corp", "1234.5 USD"). */
  value: string;
  kind: FieldKind;
  /** The date, when the value is one. */
  date?: CalendarDate;
  /** The amount, when the value is one. */
  money?: MoneyAmount;
}

/** The facts a simulated model draws its answer from. */
export interface DraftFacts {
  /** The text being answered: the input string, or the last user turn. */
  instruction: string;
  /** The first question asked in the instruction, when there is one. */
  question: string | undefined;
  /** Sentences carrying content (from the input and the documents), instructions and questions left out. */
  sentences: string[];
  /** The `key: value` facts, in order, without duplicates. */
  fields: DraftField[];
  /** Every date found, in order. */
  dates: CalendarDate[];
  /** Every money amount found, in order. */
  amounts: MoneyAmount[];
}

const ROLE_PATTERNS: readonly [RegExp, FieldRole][] = [
  [/\b(?:invoice|bill)\s*(?:no\b|number\b|num\b|#|id\b)|^invoice$/i, "invoice_number"],
  [/\border\b/i, "order_number"],
  [/\b(?:vendor|supplier|seller|merchant|issuer|from)\b/i, "vendor"],
  [/\b(?:customer|client|buyer|bill(?:ed)? to|sold to|recipient)\b/i, "customer"],
  [/\b(?:total|grand total|amount due|balance(?: due)?)\b/i, "total"],
  [/\b(?:due|payable|deadline)\b/i, "due_date"],
  [/\b(?:issued?|invoice date|issue date)\b/i, "issue_date"],
  [/\b(?:tax|vat|gst)\b/i, "tax"],
  [/\b(?:amount|price|cost|fee|subtotal|sum)\b/i, "amount"],
  [/\b(?:date|dated|shipped|delivered|sent|created)\b/i, "date"],
  [/\b(?:ref(?:erence)?|ticket|case)\b/i, "reference"],
  [/\b(?:subject|topic|re)\b/i, "subject"],
  [/\bstatus\b/i, "status"],
  [/\be-?mail\b/i, "email"],
  [/\b(?:phone|tel(?:ephone)?|mobile)\b/i, "phone"],
  [/\baddress\b/i, "address"],
  [/\bname\b/i, "name"],
];

/** Guesses the role of a field from its label; undefined when no rule applies. */
export function readFieldRole(label: string): FieldRole | undefined {
  return ROLE_PATTERNS.find(([pattern]) => pattern.test(label))?.[1];
}

// A label is one to five words starting with a letter, and not a sentence ("Note that the total is: x").
const FIELD_LINE =
  /^\s*(?:[-*+•]\s+|\d{1,2}[.)]\s+)?\**([\p{L}][\p{L}\p{N} #'’/()&.-]{0,40}?)\**\s*[:：]\s*(\S.{0,200}?)\s*$/u;
const IMPERATIVE =
  /^(?:please\s+)?(?:extract|summari[sz]e|write|return|respond|reply|answer|draft|give|list|translate|explain|create|tell|describe|provide|compose|classify|rewrite|generate|produce|output|find|identify|read|use|make|prepare|compare|analy[sz]e|convert|format|check|review|send|help|can you|could you|would you|i need|i want|i'd like)\b/i;
const SENTENCE_END = /(?<=[.!?。！？])\s+(?=\S)/u;
const BULLET_PREFIX = /^\s*(?:[-*+•]\s+|\d{1,2}[.)]\s+|#{1,6}\s+|>\s*)/;

function readInstruction(input: MaestroInput | string): string {
  if (typeof input === "string") return input;
  for (let index = input.length - 1; index >= 0; index--) {
    const message = input[index];
    if (message?.role === "user") return message.content;
  }
  return input.at(-1)?.content ?? "";
}

function readField(label: string, value: string): DraftField {
  const cleanLabel = label.replace(/\s+/g, " ").trim();
  const cleanValue = value.replace(/^["'“]|["'”]$/g, "").trim();
  const role = readFieldRole(cleanLabel);
  const money = findMoneyAmounts(cleanValue)[0];
  const date = findDates(cleanValue)[0];
  const field: DraftField = { label: cleanLabel, role, value: cleanValue, kind: "text" };
  if (date !== undefined && date.text.length >= cleanValue.length - 2) {
    field.kind = "date";
    field.date = date;
  } else if (money !== undefined && money.text.length >= cleanValue.length - 2) {
    field.kind = "money";
    field.money = money;
  } else if (/^-?\d[\d,]*(?:\.\d+)?$/.test(cleanValue)) {
    field.kind = "number";
  }
  return field;
}

/** Whether a label looks like the name of a fact rather than the start of a sentence. */
function isLabel(label: string): boolean {
  const words = label.trim().split(/\s+/);
  if (words.length > 4 || IMPERATIVE.test(label.trim())) return false;
  // "Note", "Example", "Question" introduce text rather than name a fact.
  return !/^(?:note|example|question|answer|here|the following|instructions?|task|context|document|text|email|message|requirements?)$/i.test(
    label.trim(),
  );
}

/** Whether a value is a fact rather than prose introduced by a colon ("Reply to this email: My order..."). */
function isFieldValue(value: string): boolean {
  return value.length <= 80 && !/[.!?]\s+\S/.test(value);
}

/** Splits a block of prose into sentences, dropping markdown list markers. */
function splitSentences(block: string): string[] {
  return block
    .split(/\n+/)
    .map((line) => line.replace(BULLET_PREFIX, "").trim())
    .filter((line) => line !== "")
    .flatMap((line) => line.split(SENTENCE_END))
    .map((sentence) => sentence.replace(/^["'“]+|["'”]+$/g, "").trim())
    .filter((sentence) => /[\p{L}\p{N}]/u.test(sentence));
}

/**
 * Reads a request into the facts a simulated model answers from: the instruction (the input string, or
 * the last user turn), its first question, its `key: value` lines as fields with a guessed role, its
 * content sentences (imperatives such as "Extract the total" and questions left out), and every date and
 * money amount. `documents` (file or tool contents) add sentences and fields after the input's own.
 *
 * @example
 * extractFacts("Extract the fields.\nVendor: Acme Corp\nTotal: 1234.5 USD").fields[1];
 * // { label: "Total", role: "total", value: "1234.5 USD", kind: "money", money: { value: 1234.5, currency: "USD", ... } }
 */
export function extractFacts(input: MaestroInput | string, documents: readonly string[] = []): DraftFacts {
  const instruction = readInstruction(input).trim();
  const context =
    typeof input === "string"
      ? []
      : input.filter((message) => message.content !== instruction).map((m) => m.content);
  const sources = [instruction, ...context, ...documents];
  const fields: DraftField[] = [];
  const sentences: string[] = [];
  let question: string | undefined;
  const seenFields = new Set<string>();
  const seenSentences = new Set<string>();
  for (const source of sources) {
    const prose: string[] = [];
    for (const line of source.split(/\r?\n/)) {
      const field = FIELD_LINE.exec(line);
      if (field && isLabel(field[1]!) && isFieldValue(field[2]!)) {
        const parsed = readField(field[1]!, field[2]!);
        const key = `${parsed.label.toLowerCase()}\u0000${parsed.value}`;
        if (!seenFields.has(key)) {
          seenFields.add(key);
          fields.push(parsed);
        }
        continue;
      }
      prose.push(line);
    }
    for (const sentence of splitSentences(prose.join("\n"))) {
      if (/\?["'”)]?$/.test(sentence)) {
        question ??= sentence;
        continue;
      }
      // The instruction's own imperatives and lead-ins ("... from this invoice:") are not content, but what
      // follows a lead-in on the same line is ("Reply to this email: My order arrived broken.").
      let content = sentence;
      if (source === instruction && IMPERATIVE.test(content)) {
        const colon = content.indexOf(": ");
        if (colon === -1) continue;
        content = content.slice(colon + 2).replace(/^["'“]+/, "");
      }
      if (source === instruction && /:$/.test(content)) continue;
      const clean = content;
      if (seenSentences.has(clean)) continue;
      seenSentences.add(clean);
      sentences.push(clean);
    }
  }
  const everything = sources.join("\n");
  return {
    instruction,
    question,
    sentences,
    fields,
    dates: findDates(everything),
    amounts: findMoneyAmounts(everything),
  };
}

// The state one clause goes through while the families read it. Each family finds phrasings with regexes
// over the working text and "consumes" what it understood, so later families never read the same words
// twice and whatever is left over can be reported as not checked.
import type { ResponseLanguage } from "../domain/index.js";
import type { Check } from "./check.js";
import { restoreQuotes } from "./split-clauses.js";

/** Replaces consumed characters; not a word character, so no later pattern can match across it. */
export const CONSUMED = "\uE002";

/** Regex source matching a quoted-string placeholder and capturing its index. */
export const QUOTE = "\\uE000(\\d+)\\uE001";

/** Spans waiting to be applied past which {@link ClauseState.slice} rewrites the working copy at once. */
const PENDING_SPANS = 64;

/** What every family's reader needs beside the clause. */
export interface ParseContext {
  quotes: readonly string[];
  responseLanguage: ResponseLanguage | undefined;
  /** The whole description's clauses, for a clause that refers back ("the second one"). */
  clauses?: readonly string[];
}

const NEGATION =
  /n't\b|\b(?:not|never|no|none|without|avoid|avoiding|refrain|exclude|excluding|omit|omitting|forget|fail|neglect|dont|cannot|nor|forbidden|prohibited|instead of|rather than)\b/gi;
const CONTRAST = /\b(?:but|however|although|though|whereas|while|yet)\b/gi;

/** One clause being read: the original text, the working copy, and what was found so far. */
export class ClauseState {
  readonly original: string;
  readonly context: ParseContext;
  #text: string;
  /**
   * Spans consumed since the working copy was last written: applied together when it is next read, so
   * that a family consuming each of many matches (a description of "bullet points " repeated) writes the
   * copy once, not once per match (4.1 s for 84,000 characters, quadratic, before).
   */
  #consumed: [number, number][] = [];
  readonly checks: Check[] = [];
  /** Fragments a family recognised but cannot check (a negated language, a per-paragraph count...). */
  readonly unsupported: string[] = [];
  readonly #positions = new Map<Check, number>();

  constructor(original: string, context: ParseContext) {
    this.original = original;
    this.#text = original;
    this.context = context;
  }

  /** The working copy: the clause with what was understood so far replaced by {@link CONSUMED}. */
  get text(): string {
    if (this.#consumed.length > 0) {
      const spans = this.#consumed.sort((a, b) => a[0] - b[0]);
      this.#consumed = [];
      const parts: string[] = [];
      let at = 0;
      for (const [start, end] of spans) {
        const from = Math.max(start, at);
        if (end <= from) continue;
        parts.push(this.#text.slice(at, from), CONSUMED.repeat(end - from));
        at = end;
      }
      parts.push(this.#text.slice(at));
      this.#text = parts.join("");
    }
    return this.#text;
  }

  /**
   * `text.slice(start, end)`, without rewriting the whole working copy while few spans wait to be applied:
   * a family that reads around each of many matches, consuming as it goes, would otherwise rewrite the
   * clause once per match (quadratic: "two words, at most, " repeated over 80,000 characters took 3.4 s).
   */
  slice(start: number, end: number): string {
    const from = Math.max(0, start);
    const to = Math.max(from, Math.min(end, this.original.length));
    if (this.#consumed.length === 0 || this.#consumed.length > PENDING_SPANS)
      return this.text.slice(from, to);
    const chars = this.#text.slice(from, to).split("");
    for (const [spanStart, spanEnd] of this.#consumed) {
      for (let index = Math.max(spanStart, from); index < Math.min(spanEnd, to); index += 1)
        chars[index - from] = CONSUMED;
    }
    return chars.join("");
  }

  /** Where the next understood character is from `start` on (`text.indexOf(CONSUMED, start)`), or -1. */
  nextConsumed(start: number): number {
    if (this.#consumed.length === 0 || this.#consumed.length > PENDING_SPANS)
      return this.text.indexOf(CONSUMED, start);
    let next = this.#text.indexOf(CONSUMED, start);
    for (const [spanStart, spanEnd] of this.#consumed) {
      if (spanEnd <= start) continue;
      const at = Math.max(spanStart, start);
      if (next === -1 || at < next) next = at;
    }
    return next;
  }

  /** Marks `[start, end)` as understood. */
  consume(start: number, end: number): void {
    const from = Math.max(0, start);
    const to = Math.min(end, this.original.length);
    if (to > from) this.#consumed.push([from, to]);
  }

  /** The original words of `[start, end)`, quotes restored, for a check's `source`. */
  source(start: number, end: number): string {
    return restoreQuotes(this.original.slice(start, end), this.context.quotes).trim();
  }

  /** The quoted string behind placeholder `index` (a capture of {@link QUOTE}). */
  quote(index: string | undefined): string {
    return this.context.quotes[Number(index)] ?? "";
  }

  /**
   * Whether the words before `index` in this clause negate what follows: an odd number of negations
   * ("don't", "never", "avoid", "without", "instead of"...) since the last contrast word ("but", "while").
   * "Don't not mention" and "Don't forget to mention" count two and so do not negate.
   */
  isNegatedBefore(index: number): boolean {
    // A negation reaches a few words, not across a long clause: the window keeps this linear.
    let prefix = this.original.slice(Math.max(0, index - 200), index);
    let lastContrast = -1;
    for (const match of prefix.matchAll(CONTRAST)) lastContrast = match.index + match[0].length;
    if (lastContrast >= 0) prefix = prefix.slice(lastContrast);
    let count = 0;
    for (const _ of prefix.matchAll(NEGATION)) count++;
    return count % 2 === 1;
  }

  /** Records `[start, end)` as recognised but not checkable, and consumes it. */
  reject(start: number, end: number): void {
    this.unsupported.push(this.source(start, end));
    this.consume(start, end);
  }

  /** Adds `check` read from `[start, end)` and consumes the span. */
  accept(start: number, end: number, check: Check): void {
    this.record(start, check);
    this.consume(start, end);
  }

  /** Adds `check` read at `start` without consuming anything. */
  record(start: number, check: Check): void {
    this.checks.push(check);
    this.#positions.set(check, start);
  }

  /** The checks in the order their phrasings appear in the clause. */
  orderedChecks(): Check[] {
    return [...this.checks].sort((a, b) => (this.#positions.get(a) ?? 0) - (this.#positions.get(b) ?? 0));
  }
}

/** A family's reader: finds its phrasings in a clause and records checks on it. */
export type Recognizer = (state: ClauseState) => void;

/**
 * Runs `pattern` (global) over the clause's working text and calls `handle` for each match in order.
 * Matches are found on a snapshot, so spans consumed by `handle` do not shift later indices.
 */
export function eachMatch(
  state: ClauseState,
  pattern: RegExp,
  handle: (match: RegExpExecArray) => void,
): void {
  pattern.lastIndex = 0;
  const snapshot = state.text;
  let match = pattern.exec(snapshot);
  while (match !== null) {
    if (match[0].length === 0) pattern.lastIndex++;
    else handle(match);
    match = pattern.exec(snapshot);
  }
}

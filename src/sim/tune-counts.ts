// Brings a draft's counts (headers, list items, paragraphs, lines, sentences, words, characters) into the
// ranges its count checks allow. Counts interact (a new sentence adds words, a new item adds a line), so
// the tuner settles them in a fixed order and accepts an edit only when it brings the counts closer in
// that order: an edit that fixes the word count may never break the sentence count, while one that fixes
// the sentence count may move the words, which are settled after. Every count is measured on the rendered
// text with the verifiers' own counter, so the tuner agrees with them by construction.
import { type CountUnit, countUnit } from "../verifiers/index.js";
import { ANY_COUNT, type CountRange, distanceToRange, nearestInRange } from "./count-range.js";
import {
  cloneDraft,
  type Draft,
  type DraftLine,
  type LineKind,
  type Piece,
  type RenderStyle,
  renderDraft,
} from "./render-draft.js";
import { COUNT_UNITS } from "./resolve-check-conflicts.js";

const ALWAYS_PRESENT: ReadonlySet<CountUnit> = new Set([
  "paragraphs",
  "lines",
  "sentences",
  "words",
  "characters",
]);

/** Where new content comes from while tuning. */
export interface ContentSupply {
  /** The next filler sentence to add, or undefined when none may be used. */
  nextFiller(): Piece | undefined;
  /** A filler of the bank by index, with the same settings as `nextFiller` gives. */
  fillerAt(index: number): Piece | undefined;
  /** Indexes of the fillers that may be used. */
  fillerIndexes: readonly number[];
  /** Section names for new headers. */
  nextSection(): string;
}

/** Options of {@link tuneCounts}. */
export interface TuneOptions {
  ranges: ReadonlyMap<CountUnit, CountRange>;
  style: RenderStyle;
  supply: ContentSupply;
  /** Most edits tried before giving up; each one renders and measures the draft a few times. */
  maxRounds?: number;
  /** Whether the last sentence may drop its terminator (in a JSON text, whose closing lines join it). */
  openEnd?: boolean;
  /** Prefer joining sentences over dropping them (a draft whose language is judged needs its text). */
  keepSentences?: boolean;
  /** Writes the draft out; {@link renderDraft} with `style` unless given (the JSON composer gives its own). */
  render?: (draft: Draft) => string;
}

/** The draft after tuning, its text, and whether every count is within its range. */
export interface TuneResult {
  draft: Draft;
  text: string;
  settled: boolean;
}

type Distances = number[];

function measure(text: string, units: readonly CountUnit[]): Map<CountUnit, number> {
  return new Map(units.map((unit) => [unit, countUnit(text, unit)]));
}

function compareDistances(a: Distances, b: Distances): number {
  for (let index = 0; index < a.length; index++) {
    const difference = a[index]! - b[index]!;
    if (difference !== 0) return difference;
  }
  return 0;
}

function isMovable(line: DraftLine): boolean {
  return line.fixed === undefined;
}

function lastProseParagraph(draft: Draft): number {
  for (let index = draft.paragraphs.length - 1; index >= 0; index--) {
    const lines = draft.paragraphs[index]!;
    if (lines.some((line) => line.fixed === "postscript")) continue;
    if (
      lines.some(
        (line) =>
          line.kind === "plain" &&
          line.fixed === undefined &&
          line.pieces.some((piece) => piece.kind === "sentence"),
      )
    ) {
      return index;
    }
  }
  return -1;
}

/** Index of the paragraph holding the postscript, or the paragraph count when there is none. */
function postscriptIndex(draft: Draft): number {
  const index = draft.paragraphs.findIndex((lines) => lines.some((line) => line.fixed === "postscript"));
  return index === -1 ? draft.paragraphs.length : index;
}

/** Adds `lines` as a new paragraph before the postscript. */
function addParagraph(draft: Draft, lines: DraftLine[]): Draft {
  const copy = cloneDraft(draft);
  copy.paragraphs.splice(postscriptIndex(copy), 0, lines);
  return copy;
}

/** Candidates that add `line` at the end of each paragraph (before a postscript line). */
function addLineAnywhere(draft: Draft, line: DraftLine): Draft[] {
  const candidates: Draft[] = [];
  draft.paragraphs.forEach((lines, p) => {
    if (lines.every((item) => item.fixed !== undefined)) return;
    const copy = cloneDraft(draft);
    const target = copy.paragraphs[p]!;
    const at = target.findIndex((item) => item.fixed === "postscript");
    target.splice(at === -1 ? target.length : at, 0, {
      ...line,
      pieces: line.pieces.map((piece) => ({ ...piece })),
    });
    candidates.push(copy);
  });
  return candidates.slice(-3);
}

/** Candidates that add `line` after a line whose sentence runs on into it, so no sentence is added. */
function addChainedLine(draft: Draft, line: DraftLine): Draft[] {
  const candidates: Draft[] = [];
  draft.paragraphs.forEach((lines, p) => {
    lines.forEach((item, l) => {
      if (item.fixed !== undefined || item.kind === "header") return;
      const last = item.pieces.at(-1);
      const chainable = canChain(last);
      const open = last?.kind === "field" || last?.chained === true;
      if (!chainable && !open) return;
      const copy = cloneDraft(draft);
      const target = copy.paragraphs[p]!;
      if (chainable) target[l]!.pieces.at(-1)!.chained = true;
      // The new line runs on into what followed, unless that was the end of a paragraph.
      const piece = { ...line.pieces[0]!, chained: l + 1 < lines.length && lines[l + 1]!.kind === "plain" };
      target.splice(l + 1, 0, { kind: "plain", pieces: [piece] });
      candidates.push(copy);
    });
  });
  return candidates.slice(-3);
}

/** Adds a line to the last prose paragraph (or a new one), before the postscript line. */
function addLine(draft: Draft, line: DraftLine): Draft {
  const target = lastProseParagraph(draft);
  if (target === -1) return addParagraph(draft, [line]);
  const copy = cloneDraft(draft);
  const lines = copy.paragraphs[target]!;
  const at = lines.findIndex((item) => item.fixed === "postscript");
  lines.splice(at === -1 ? lines.length : at, 0, line);
  return copy;
}

function fillerLines(
  supply: ContentSupply,
  count: number,
  kind: LineKind = "plain",
): DraftLine[] | undefined {
  const lines: DraftLine[] = [];
  for (let index = 0; index < count; index++) {
    const piece = supply.nextFiller();
    if (piece === undefined) return lines.length > 0 ? lines : undefined;
    lines.push({ kind, pieces: [piece] });
  }
  return lines;
}

/** Every way to add a filler sentence to an existing line, one candidate per line. */
function addFillerInline(draft: Draft, supply: ContentSupply, count: number): Draft[] {
  const candidates: Draft[] = [];
  draft.paragraphs.forEach((lines, p) => {
    lines.forEach((line, l) => {
      if (line.fixed !== undefined || line.kind === "header") return;
      if (!line.pieces.some((piece) => piece.kind === "sentence")) return;
      const copy = cloneDraft(draft);
      const target = copy.paragraphs[p]![l]!;
      for (let index = 0; index < count; index++) {
        const piece = supply.nextFiller();
        if (piece === undefined) break;
        target.pieces.push(piece);
      }
      candidates.push(copy);
    });
  });
  return candidates.slice(-3);
}

function removePieces(draft: Draft, inline: boolean): Draft[] {
  const found: { p: number; l: number; i: number; priority: number }[] = [];
  draft.paragraphs.forEach((lines, p) => {
    lines.forEach((line, l) => {
      if (line.fixed !== undefined) return;
      line.pieces.forEach((piece, i) => {
        if (!piece.removable) return;
        if (inline && line.pieces.length < 2) return;
        if (!inline && line.pieces.length !== 1) return;
        found.push({ p, l, i, priority: piece.priority });
      });
    });
  });
  found.sort((a, b) => a.priority - b.priority);
  return found.slice(0, 4).map(({ p, l, i }) => {
    const copy = cloneDraft(draft);
    const lines = copy.paragraphs[p]!;
    if (inline) lines[l]!.pieces.splice(i, 1);
    else lines.splice(l, 1);
    copy.paragraphs = copy.paragraphs.filter((paragraph) => paragraph.length > 0);
    return copy;
  });
}

function convertLines(draft: Draft, from: readonly LineKind[], to: LineKind): Draft[] {
  const candidates: { draft: Draft; score: number }[] = [];
  draft.paragraphs.forEach((lines, p) => {
    lines.forEach((line, l) => {
      if (!from.includes(line.kind) || !isMovable(line) || line.pieces.length === 0) return;
      if (to !== "plain" && line.pieces.some((piece) => piece.kind === "raw")) return;
      if (to === "header" && line.pieces.length !== 1) return;
      const copy = cloneDraft(draft);
      copy.paragraphs[p]![l]!.kind = to;
      // Prefer lines beside lines of the same kind, then fields, so lists stay together.
      const neighbours = lines.filter((other) => other.kind === to).length;
      const fields = line.pieces.every((piece) => piece.kind === "field") ? 1 : 0;
      candidates.push({ draft: copy, score: neighbours * 2 + fields });
    });
  });
  candidates.sort((a, b) => b.score - a.score);
  // Converting every field of a paragraph at once keeps a list whole ("use bullet points").
  if (to !== "plain" && to !== "header") {
    draft.paragraphs.forEach((lines, p) => {
      const convertible = lines.filter(
        (line) =>
          from.includes(line.kind) && isMovable(line) && line.pieces.every((piece) => piece.kind === "field"),
      );
      if (convertible.length < 2) return;
      const copy = cloneDraft(draft);
      for (const line of copy.paragraphs[p]!) {
        if (
          from.includes(line.kind) &&
          isMovable(line) &&
          line.pieces.every((piece) => piece.kind === "field")
        )
          line.kind = to;
      }
      candidates.unshift({ draft: copy, score: 10 });
    });
  }
  return candidates.slice(0, 4).map((candidate) => candidate.draft);
}

function addItems(draft: Draft, supply: ContentSupply, kind: LineKind, count: number): Draft[] {
  const lines = fillerLines(supply, count, kind);
  if (lines === undefined) return [];
  const holder = draft.paragraphs.findIndex((paragraph) => paragraph.some((line) => line.kind === kind));
  if (holder === -1) return [addParagraph(draft, lines)];
  const copy = cloneDraft(draft);
  const paragraph = copy.paragraphs[holder]!;
  const last = paragraph.map((line) => line.kind).lastIndexOf(kind);
  paragraph.splice(last + 1, 0, ...lines);
  return [copy, addParagraph(draft, lines)];
}

function insertHeaders(draft: Draft, supply: ContentSupply): Draft[] {
  const candidates: Draft[] = [];
  draft.paragraphs.forEach((lines, p) => {
    const first = lines[0];
    if (first === undefined || first.kind === "header" || first.fixed === "start" || first.fixed === "title")
      return;
    if (lines.some((line) => line.fixed === "postscript")) return;
    const copy = cloneDraft(draft);
    copy.paragraphs[p]!.unshift({
      kind: "header",
      pieces: [{ kind: "raw", text: supply.nextSection(), removable: true, priority: 1, pad: 0 }],
    });
    candidates.push(copy);
  });
  const filler = supply.nextFiller();
  if (filler !== undefined) {
    candidates.push(
      addParagraph(draft, [
        {
          kind: "header",
          pieces: [{ kind: "raw", text: supply.nextSection(), removable: true, priority: 1, pad: 0 }],
        },
        { kind: "plain", pieces: [filler] },
      ]),
    );
  }
  return candidates.slice(0, 3);
}

function removeLinesOfKind(draft: Draft, kind: LineKind): Draft[] {
  const candidates: Draft[] = [];
  draft.paragraphs.forEach((lines, p) => {
    lines.forEach((line, l) => {
      if (line.kind !== kind || !isMovable(line) || !line.pieces.every((piece) => piece.removable)) return;
      const copy = cloneDraft(draft);
      copy.paragraphs[p]!.splice(l, 1);
      copy.paragraphs = copy.paragraphs.filter((paragraph) => paragraph.length > 0);
      candidates.push(copy);
    });
  });
  return candidates.slice(-2);
}

function splitParagraphs(draft: Draft): Draft[] {
  const candidates: { draft: Draft; score: number }[] = [];
  draft.paragraphs.forEach((lines, p) => {
    for (let at = 1; at < lines.length; at++) {
      const before = lines[at - 1]!;
      const after = lines[at]!;
      if (before.fixed === "start" && after.fixed === "note") continue;
      const copy = cloneDraft(draft);
      const moved = copy.paragraphs[p]!.splice(at);
      copy.paragraphs.splice(p + 1, 0, moved);
      // Splitting where the kind of line changes keeps lists and headers together.
      const score =
        (before.kind !== after.kind ? 2 : 0) +
        (after.kind === "header" ? 2 : 0) +
        (after.fixed === "postscript" ? 1 : 0);
      candidates.push({ draft: copy, score });
    }
  });
  candidates.sort((a, b) => b.score - a.score);
  return candidates.slice(0, 4).map((candidate) => candidate.draft);
}

function mergeParagraphs(draft: Draft): Draft[] {
  const candidates: Draft[] = [];
  for (let p = 0; p + 1 < draft.paragraphs.length; p++) {
    const copy = cloneDraft(draft);
    const [next] = copy.paragraphs.splice(p + 1, 1);
    copy.paragraphs[p]!.push(...next!);
    candidates.push(copy);
  }
  return candidates.slice(0, 4);
}

function splitLines(draft: Draft): Draft[] {
  const candidates: Draft[] = [];
  draft.paragraphs.forEach((lines, p) => {
    lines.forEach((line, l) => {
      if (line.pieces.length < 2 || line.fixed !== undefined || line.kind === "header") return;
      const copy = cloneDraft(draft);
      const target = copy.paragraphs[p]![l]!;
      const rest = target.pieces.splice(1);
      copy.paragraphs[p]!.splice(l + 1, 0, {
        kind: target.kind === "plain" ? "plain" : target.kind,
        pieces: rest,
      });
      candidates.push(copy);
    });
  });
  return candidates.slice(0, 3);
}

function joinLines(draft: Draft): Draft[] {
  const candidates: Draft[] = [];
  draft.paragraphs.forEach((lines, p) => {
    for (let l = 0; l + 1 < lines.length; l++) {
      const a = lines[l]!;
      const b = lines[l + 1]!;
      if (a.fixed !== undefined || b.fixed !== undefined || a.kind === "header" || b.kind !== "plain")
        continue;
      const copy = cloneDraft(draft);
      const [next] = copy.paragraphs[p]!.splice(l + 1, 1);
      copy.paragraphs[p]![l]!.pieces.push(...next!.pieces);
      candidates.push(copy);
    }
  });
  return candidates.slice(0, 3);
}

const FUNCTION_WORDS =
  /^(?:the|a|an|this|that|these|those|it|its|we|our|you|your|each|every|all|no|nothing|please|there|they|he|she|in|on|at|for|as|some|any|one|many|most)\b/i;

/** Joins two sentences into one with the bank's "and", lowercasing the second's first word when it is safe. */
function joinSentences(a: Piece, b: Piece, style: RenderStyle): Piece {
  const { word, attach } = style.bank.conjunction;
  const head = a.text.replace(/[.!?؟]+$/u, "");
  const lowerable = b.filler !== undefined || FUNCTION_WORDS.test(b.text);
  const tail =
    lowerable && /^\p{Lu}/u.test(b.text) ? b.text.charAt(0).toLowerCase() + b.text.slice(1) : b.text;
  const joined: Piece = {
    kind: "sentence",
    text: attach ? `${head} ${word}${tail}` : `${head} ${word} ${tail}`,
    removable: a.removable && b.removable,
    priority: Math.max(a.priority, b.priority),
    pad: b.pad,
    paddable: true,
  };
  if (a.chained || b.chained) joined.chained = true;
  if (a.open || b.open) joined.open = true;
  if (a.marks !== undefined || b.marks !== undefined) joined.marks = [...(a.marks ?? []), ...(b.marks ?? [])];
  if (a.bold || b.bold) joined.bold = true;
  return joined;
}

/** Candidates that append a filler to an existing sentence as a clause: more words, the same sentences. */
function addFillerClause(draft: Draft, supply: ContentSupply, style: RenderStyle): Draft[] {
  const candidates: Draft[] = [];
  draft.paragraphs.forEach((lines, p) => {
    lines.forEach((line, l) => {
      if (line.fixed !== undefined || line.kind === "header") return;
      const i = line.pieces.findLastIndex((piece) => piece.kind === "sentence");
      if (i === -1) return;
      const filler = supply.nextFiller();
      if (filler === undefined) return;
      const copy = cloneDraft(draft);
      const pieces = copy.paragraphs[p]![l]!.pieces;
      pieces[i] = joinSentences(pieces[i]!, filler, style);
      candidates.push(copy);
    });
  });
  return candidates.slice(-2);
}

/** Joins two sentences of a line into one with the bank's "and". */
function mergeSentences(draft: Draft, style: RenderStyle): Draft[] {
  const candidates: Draft[] = [];
  draft.paragraphs.forEach((lines, p) => {
    lines.forEach((line, l) => {
      for (let i = 0; i + 1 < line.pieces.length; i++) {
        const a = line.pieces[i]!;
        const b = line.pieces[i + 1]!;
        if (a.kind !== "sentence" || b.kind !== "sentence" || a.chained || b.chained) continue;
        const copy = cloneDraft(draft);
        copy.paragraphs[p]![l]!.pieces.splice(i, 2, joinSentences(a, b, style));
        candidates.push(copy);
        return;
      }
    });
  });
  return candidates.slice(0, 3);
}

function canChain(piece: Piece | undefined): piece is Piece {
  return piece !== undefined && piece.kind === "sentence" && !piece.chained && !piece.open;
}

/**
 * Candidates that let a sentence run on into what follows it: the next line of its paragraph, the next
 * paragraph (merged into this one), or the phrase the draft ends with. One sentence fewer each time.
 */
function chainLines(draft: Draft, openEnd: boolean): Draft[] {
  const candidates: Draft[] = [];
  draft.paragraphs.forEach((lines, p) => {
    lines.forEach((line, l) => {
      if (line.kind === "header" || !canChain(line.pieces.at(-1))) return;
      const next = lines[l + 1];
      const nextParagraph = draft.paragraphs[p + 1]?.[0];
      const isLast = p === draft.paragraphs.length - 1 && l === lines.length - 1;
      if (next !== undefined) {
        if (next.kind !== "plain") return;
        const copy = cloneDraft(draft);
        copy.paragraphs[p]![l]!.pieces.at(-1)!.chained = true;
        candidates.push(copy);
      } else if (nextParagraph !== undefined && nextParagraph.kind === "plain") {
        const copy = cloneDraft(draft);
        copy.paragraphs[p]![l]!.pieces.at(-1)!.chained = true;
        const [moved] = copy.paragraphs.splice(p + 1, 1);
        copy.paragraphs[p]!.push(...moved!);
        candidates.push(copy);
      } else if (isLast && draft.end !== undefined) {
        const copy = cloneDraft(draft);
        copy.paragraphs[p]![l]!.pieces.at(-1)!.chained = true;
        candidates.push(copy);
      } else if (isLast && openEnd) {
        const copy = cloneDraft(draft);
        copy.paragraphs[p]![l]!.pieces.at(-1)!.open = true;
        candidates.push(copy);
      }
    });
  });
  return candidates.slice(-4);
}

/**
 * Candidates that move a header to the top of the text and run the text below it together: a header is a
 * sentence of its own and ends the one before it, so text above it, and paragraph breaks, cost sentences.
 */
function hoistHeader(draft: Draft): Draft[] {
  const first = draft.paragraphs[0]?.[0];
  if (first === undefined || first.kind === "header" || first.fixed !== undefined) return [];
  const headers = draft.paragraphs.flat().filter((line) => line.kind === "header");
  if (headers.length !== 1) return [];
  const copy = cloneDraft(draft);
  const rest = copy.paragraphs
    .map((lines) => lines.filter((line) => line.kind !== "header"))
    .filter((lines) => lines.length > 0);
  rest.forEach((lines, index) => {
    const last = lines.at(-1)!.pieces.at(-1);
    const next = rest[index + 1]?.[0];
    if (next !== undefined && next.kind === "plain" && canChain(last)) last.chained = true;
  });
  copy.paragraphs = [
    [{ ...headers[0]!, pieces: headers[0]!.pieces.map((piece) => ({ ...piece })) }, ...rest.flat()],
  ];
  return [copy];
}

/** Candidates that move the title into the line after it, where it ends no sentence of its own. */
function inlineTitle(draft: Draft): Draft[] {
  for (const [p, lines] of draft.paragraphs.entries()) {
    const l = lines.findIndex((line) => line.fixed === "title");
    if (l === -1) continue;
    const copy = cloneDraft(draft);
    const [title] = copy.paragraphs[p]!.splice(l, 1);
    const target = copy.paragraphs[p]![l] ?? copy.paragraphs[p + 1]?.find((line) => line.kind !== "header");
    if (target === undefined || target.fixed === "postscript") return [];
    target.pieces.unshift(...title!.pieces);
    copy.paragraphs = copy.paragraphs.filter((paragraph) => paragraph.length > 0);
    return [copy];
  }
  return [];
}

/** Candidates that write the postscript marker without its dots ("PS:"), which ends no sentence. */
function compactPostscript(draft: Draft): Draft[] {
  for (const [p, lines] of draft.paragraphs.entries()) {
    for (const [l, line] of lines.entries()) {
      const piece = line.pieces[0];
      if (line.fixed !== "postscript" || piece?.compact === undefined || piece.text === piece.compact)
        continue;
      const copy = cloneDraft(draft);
      const target = copy.paragraphs[p]![l]!.pieces[0]!;
      target.text = piece.compact;
      return [copy];
    }
  }
  return [];
}

/** Candidates that break a sentence over two lines at its middle space: one line more, the same sentences and words. */
function breakSentences(draft: Draft): Draft[] {
  const candidates: Draft[] = [];
  draft.paragraphs.forEach((lines, p) => {
    lines.forEach((line, l) => {
      if (line.fixed !== undefined || line.kind === "header") return;
      const i = line.pieces.findIndex(
        (piece) => piece.kind === "sentence" && piece.marks === undefined && !piece.bold && piece.pad === 0,
      );
      if (i === -1) return;
      const piece = line.pieces[i]!;
      const spaces = [...piece.text.matchAll(/(?<=\p{L}) (?=\p{L})/gu)].map((found) => found.index);
      if (spaces.length < 2) return;
      const middle = piece.text.length / 2;
      const at = spaces.reduce((best, space) =>
        Math.abs(space - middle) < Math.abs(best - middle) ? space : best,
      );
      const copy = cloneDraft(draft);
      const target = copy.paragraphs[p]![l]!;
      const after = target.pieces.splice(i);
      target.pieces.push({
        kind: "raw",
        text: piece.text.slice(0, at),
        removable: false,
        priority: piece.priority,
        pad: 0,
      });
      const tail: Piece = { ...piece, text: piece.text.slice(at + 1), removable: false };
      copy.paragraphs[p]!.splice(l + 1, 0, { kind: "plain", pieces: [tail, ...after.slice(1)] });
      candidates.push(copy);
    });
  });
  return candidates.slice(-2);
}

/** Candidates that pad fillers, or swap them for longer or shorter ones, to move words and characters. */
function resizeFillers(
  draft: Draft,
  supply: ContentSupply,
  style: RenderStyle,
  grow: boolean,
  amount: number,
): Draft[] {
  const candidates: Draft[] = [];
  const lengths = new Map(supply.fillerIndexes.map((index) => [index, style.bank.fillers[index]!.length]));
  draft.paragraphs.forEach((lines, p) => {
    lines.forEach((line, l) => {
      line.pieces.forEach((piece, i) => {
        if ((piece.filler === undefined && !piece.paddable) || piece.marks !== undefined) return;
        if (grow && piece.pad < 4) {
          const copy = cloneDraft(draft);
          copy.paragraphs[p]![l]!.pieces[i]!.pad = Math.min(4, piece.pad + Math.max(1, Math.min(amount, 4)));
          candidates.push(copy);
          if (amount > 1) {
            const small = cloneDraft(draft);
            small.paragraphs[p]![l]!.pieces[i]!.pad = piece.pad + 1;
            candidates.push(small);
          }
        }
        if (!grow && piece.pad > 0) {
          const copy = cloneDraft(draft);
          copy.paragraphs[p]![l]!.pieces[i]!.pad = Math.max(0, piece.pad - Math.max(1, Math.min(amount, 4)));
          candidates.push(copy);
          if (amount > 1) {
            const small = cloneDraft(draft);
            small.paragraphs[p]![l]!.pieces[i]!.pad = piece.pad - 1;
            candidates.push(small);
          }
        }
        if (piece.filler === undefined) return;
        const current = lengths.get(piece.filler) ?? style.bank.fillers[piece.filler]!.length;
        const used = new Set(
          draft.paragraphs.flatMap((paragraph) =>
            paragraph.flatMap((item) => item.pieces.map((other) => other.filler)),
          ),
        );
        const options = [...lengths.entries()]
          .filter(([index, length]) => !used.has(index) && (grow ? length > current : length < current))
          .sort((a, b) => (grow ? a[1] - b[1] : b[1] - a[1]));
        for (const [index] of [options[0], options.at(-1)].filter((option) => option !== undefined)) {
          const replacement = supply.fillerAt(index);
          if (replacement === undefined) continue;
          const copy = cloneDraft(draft);
          // The replacement takes over everything but the words: padding, role, bold, marks, run-on.
          copy.paragraphs[p]![l]!.pieces[i] = { ...piece, text: replacement.text, filler: index };
          candidates.push(copy);
        }
      });
    });
  });
  return candidates.slice(0, 8);
}

function candidatesFor(
  draft: Draft,
  unit: CountUnit,
  grow: boolean,
  amount: number,
  options: TuneOptions,
  bulletsRoom: boolean,
): Draft[] {
  const { supply, style } = options;
  const bulk = Math.max(1, Math.min(amount, 12));
  switch (unit) {
    case "headers":
      return grow
        ? insertHeaders(draft, supply)
        : removeLinesOfKind(draft, "header").concat(convertLines(draft, ["header"], "plain"));
    case "bullets":
    case "numbered_items": {
      const kind: LineKind = unit === "bullets" ? "bullet" : "numbered";
      if (grow) return [...convertLines(draft, ["plain"], kind), ...addItems(draft, supply, kind, 1)];
      return [...convertLines(draft, [kind], "plain"), ...removeLinesOfKind(draft, kind)];
    }
    case "list_items": {
      if (grow) {
        const kind: LineKind = bulletsRoom ? "bullet" : "numbered";
        return [...convertLines(draft, ["plain"], kind), ...addItems(draft, supply, kind, 1)];
      }
      return [
        ...convertLines(draft, ["bullet", "numbered"], "plain"),
        ...removeLinesOfKind(draft, "bullet"),
        ...removeLinesOfKind(draft, "numbered"),
      ];
    }
    // Not written by the composer: such checks are resolved as conflicts before any tuning.
    case "capital_words":
    case "highlights":
    case "placeholders":
      return [];
    case "paragraphs": {
      if (!grow) return mergeParagraphs(draft);
      const lines = fillerLines(supply, 1);
      return [...splitParagraphs(draft), ...(lines ? [addParagraph(draft, lines)] : [])];
    }
    case "lines": {
      if (!grow) return [...joinLines(draft), ...removePieces(draft, false), ...mergeParagraphs(draft)];
      const lines = fillerLines(supply, 1);
      return [
        ...splitLines(draft),
        ...breakSentences(draft),
        ...(lines ? [addLine(draft, lines[0]!), ...addLineAnywhere(draft, lines[0]!)] : []),
      ];
    }
    case "sentences": {
      if (!grow) {
        const keep = [
          ...mergeSentences(draft, style),
          ...chainLines(draft, options.openEnd === true),
          ...inlineTitle(draft),
          ...hoistHeader(draft),
          ...compactPostscript(draft),
          ...mergeParagraphs(draft),
        ];
        const drop = [...removePieces(draft, true), ...removePieces(draft, false), ...joinLines(draft)];
        // A draft whose language is judged keeps its sentences (joined) rather than dropping them.
        return options.keepSentences ? [...keep, ...drop] : [...drop, ...keep];
      }
      const lines = fillerLines(supply, 1);
      return [
        ...addFillerInline(draft, supply, Math.min(bulk, 4)),
        ...addFillerInline(draft, supply, 1),
        ...(lines ? [addLine(draft, lines[0]!), ...addLineAnywhere(draft, lines[0]!)] : []),
      ];
    }
    case "words":
    case "characters": {
      const perFiller = unit === "words" ? 10 : 60;
      const fillers = Math.max(1, Math.min(8, Math.floor(amount / perFiller)));
      if (grow) {
        const lines = fillerLines(supply, 1);
        return [
          ...resizeFillers(draft, supply, style, true, unit === "words" ? amount : Math.ceil(amount / 6)),
          ...addFillerInline(draft, supply, fillers),
          ...addFillerClause(draft, supply, style),
          ...(lines
            ? [
                addLine(draft, lines[0]!),
                ...addLineAnywhere(draft, lines[0]!),
                ...addChainedLine(draft, lines[0]!),
              ]
            : []),
        ];
      }
      return [
        ...resizeFillers(draft, supply, style, false, unit === "words" ? amount : Math.ceil(amount / 6)),
        ...removePieces(draft, true),
        ...removePieces(draft, false),
      ];
    }
  }
}

/**
 * Edits `draft` until every count is within its range or no edit brings the counts closer, settling
 * headers, bullets, numbered items, list items, paragraphs, lines, sentences, words and characters in
 * that order.
 */
export function tuneCounts(draft: Draft, options: TuneOptions): TuneResult {
  // At least one paragraph, line, sentence, word and character: every draft has them, and they are not
  // worth measuring after every edit.
  const units = COUNT_UNITS.filter((unit) => {
    const range = options.ranges.get(unit);
    if (range === undefined) return false;
    const trivial = range.length === 1 && range[0]!.min <= 1 && range[0]!.max === Number.POSITIVE_INFINITY;
    return !(trivial && ALWAYS_PRESENT.has(unit));
  });
  const ranges = new Map(options.ranges);
  const rangeOf = (unit: CountUnit): CountRange => ranges.get(unit) ?? ANY_COUNT;
  const render = options.render ?? ((item: Draft) => renderDraft(item, options.style));
  let current = draft;
  let text = render(current);
  let counts = measure(text, units);
  const distancesOf = (found: Map<CountUnit, number>): Distances =>
    units.map((unit) => distanceToRange(rangeOf(unit), found.get(unit)!));
  let distances = distancesOf(counts);
  const maxRounds = options.maxRounds ?? 60;
  for (let round = 0; round < maxRounds; round++) {
    const failing = distances.findIndex((distance) => distance > 0);
    if (failing === -1) return { draft: current, text, settled: true };
    const unit = units[failing]!;
    const count = counts.get(unit)!;
    const range = rangeOf(unit);
    const grow = (nearestInRange(range, count) ?? count) > count;
    const bullets = counts.get("bullets") ?? countUnit(text, "bullets");
    const bulletsRoom =
      rangeOf("bullets").some((part) => part.max > bullets) && options.style.bullet !== undefined;
    let best:
      | { draft: Draft; text: string; counts: Map<CountUnit, number>; distances: Distances }
      | undefined;
    for (const candidate of candidatesFor(current, unit, grow, distances[failing]!, options, bulletsRoom)) {
      const candidateText = render(candidate);
      const candidateCounts = measure(candidateText, units);
      const candidateDistances = distancesOf(candidateCounts);
      if (compareDistances(candidateDistances, best?.distances ?? distances) < 0) {
        best = {
          draft: candidate,
          text: candidateText,
          counts: candidateCounts,
          distances: candidateDistances,
        };
      }
    }
    if (best === undefined) {
      // Stuck short of the nearest part of a split range ("not 40 to 80 words"): aim for another part.
      const parts = rangeOf(unit);
      if (parts.length < 2) break;
      const nearest = nearestInRange(parts, count);
      ranges.set(
        unit,
        parts.filter((part) => nearest === undefined || nearest < part.min || nearest > part.max),
      );
      distances = distancesOf(counts);
      continue;
    }
    current = best.draft;
    text = best.text;
    counts = best.counts;
    distances = best.distances;
  }
  return { draft: current, text, settled: distances.every((distance) => distance === 0) };
}

// The sentence-level edits the count tuner (tune-counts.ts) tries: sentences joined and broken, filler
// clauses, chained lines, hoisted headers and titles, a compact postscript, fillers resized.
import { type ContentSupply, canChain } from "./draft-edits.js";
import { cloneDraft, type Draft, type Piece, type RenderStyle } from "./render-draft.js";

export const FUNCTION_WORDS =
  /^(?:the|a|an|this|that|these|those|it|its|we|our|you|your|each|every|all|no|nothing|please|there|they|he|she|in|on|at|for|as|some|any|one|many|most)\b/i;

/** Joins two sentences into one with the bank's "and", lowercasing the second's first word when it is safe. */
export function joinSentences(a: Piece, b: Piece, style: RenderStyle): Piece {
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
    parts: [...(a.parts ?? [a]), ...(b.parts ?? [b])],
  };
  if (a.chained || b.chained) joined.chained = true;
  if (a.open || b.open) joined.open = true;
  if (a.marks !== undefined || b.marks !== undefined) joined.marks = [...(a.marks ?? []), ...(b.marks ?? [])];
  if (a.bold || b.bold) joined.bold = true;
  return joined;
}

/**
 * Candidates that take a filler out of a joined sentence and join the rest again: fewer words, the same
 * sentences (a single sentence that holds a date, an amount and fillers, under a word limit).
 */
export function dropJoinedFillers(draft: Draft, style: RenderStyle): Draft[] {
  const candidates: Draft[] = [];
  draft.paragraphs.forEach((lines, p) => {
    lines.forEach((line, l) => {
      if (line.fixed !== undefined) return;
      line.pieces.forEach((piece, i) => {
        const parts = piece.parts ?? [];
        // A sentence left with one part is no longer joined: dropping that part drops the piece
        // (removePieces does).
        if (parts.length < 2) return;
        parts.forEach((part, at) => {
          if (!part.removable || part.filler === undefined || candidates.length >= 4) return;
          const rest = parts.filter((_, index) => index !== at);
          const rejoined = rest.reduce((joined, next) => joinSentences(joined, next, style));
          const copy = cloneDraft(draft);
          copy.paragraphs[p]![l]!.pieces[i] = {
            ...piece,
            text: rejoined.text,
            removable: piece.removable || rest.every((item) => item.removable),
            parts: rest,
          };
          candidates.push(copy);
        });
      });
    });
  });
  return candidates;
}

/** Candidates that append a filler to an existing sentence as a clause: more words, the same sentences. */
export function addFillerClause(draft: Draft, supply: ContentSupply, style: RenderStyle): Draft[] {
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

/** Joins two sentences of a line into one with the bank's "and"; when the second runs on into the next line, the joined one does. */
export function mergeSentences(draft: Draft, style: RenderStyle): Draft[] {
  const candidates: Draft[] = [];
  draft.paragraphs.forEach((lines, p) => {
    lines.forEach((line, l) => {
      for (let i = 0; i + 1 < line.pieces.length; i++) {
        const a = line.pieces[i]!;
        const b = line.pieces[i + 1]!;
        if (a.kind !== "sentence" || b.kind !== "sentence" || a.chained) continue;
        const copy = cloneDraft(draft);
        copy.paragraphs[p]![l]!.pieces.splice(i, 2, joinSentences(a, b, style));
        candidates.push(copy);
        return;
      }
    });
  });
  return candidates.slice(0, 3);
}

/**
 * Candidates that let a sentence run on into what follows it: the next line of its paragraph, the next
 * paragraph (merged into this one), or the phrase the draft ends with. One sentence fewer each time.
 */
export function chainLines(draft: Draft, openEnd: boolean): Draft[] {
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
 * A title may go below the header (the title check reads it anywhere, and a title line without a
 * terminator runs into the sentence after it); a fixed start or a note keeps its place. A second candidate
 * keeps the header as a paragraph of its own, for a draft that must keep two paragraphs.
 */
export function hoistHeader(draft: Draft): Draft[] {
  const first = draft.paragraphs[0]?.[0];
  if (first === undefined || first.kind === "header") return [];
  if (first.fixed !== undefined && first.fixed !== "title") return [];
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
  const header = () => ({ ...headers[0]!, pieces: headers[0]!.pieces.map((piece) => ({ ...piece })) });
  // Or the header as a paragraph of its own, for a draft that must keep its paragraphs.
  const apart = cloneDraft({ ...copy, paragraphs: [[header()], rest.flat()] });
  copy.paragraphs = [[header(), ...rest.flat()]];
  return [copy, apart];
}

/**
 * Candidates that move a line of prose to the end of a list item's sentence: an item starts a sentence of
 * its own, so prose standing between a header and a list costs one more; after the item's fields it runs
 * on with them, and after the item's sentence it is joined to it with the bank's "and". The item taken is
 * the first after the line, else the last before it.
 */
export function foldIntoItem(draft: Draft, style: RenderStyle): Draft[] {
  // Where each item's sentence ends: the item line, or the last of the plain lines its fields run on into.
  const ends: { p: number; l: number }[] = [];
  draft.paragraphs.forEach((lines, p) => {
    lines.forEach((line, l) => {
      if (line.kind !== "bullet" && line.kind !== "numbered") return;
      let end = l;
      const runsOn = (at: number): boolean => {
        const last = lines[at]!.pieces.at(-1);
        return last?.kind === "field" || last?.chained === true;
      };
      while (runsOn(end) && lines[end + 1]?.kind === "plain" && lines[end + 1]!.fixed === undefined) end++;
      ends.push({ p, l: end });
    });
  });
  if (ends.length === 0) return [];
  const candidates: Draft[] = [];
  draft.paragraphs.forEach((lines, p) => {
    lines.forEach((line, l) => {
      if (line.kind !== "plain" || line.fixed !== undefined) return;
      if (!line.pieces.some((piece) => piece.kind === "sentence")) return;
      if (line.pieces.some((piece) => piece.closing || piece.chained || piece.open)) return;
      const before = l > 0 ? lines[l - 1]! : draft.paragraphs[p - 1]?.at(-1);
      if (before?.pieces.at(-1)?.chained === true) return;
      if (ends.some((end) => end.p === p && end.l === l)) return;
      const after = (end: { p: number; l: number }): boolean => end.p > p || (end.p === p && end.l > l);
      const target = ends.find(after) ?? ends.at(-1)!;
      const copy = cloneDraft(draft);
      const into = copy.paragraphs[target.p]![target.l]!;
      const moved = copy.paragraphs[p]![l]!.pieces;
      const last = into.pieces.at(-1);
      if (last?.kind === "sentence" && !last.chained && !last.open && moved[0]!.kind === "sentence") {
        into.pieces.splice(-1, 1, joinSentences(last, moved[0]!, style), ...moved.slice(1));
      } else into.pieces.push(...moved);
      copy.paragraphs[p]!.splice(l, 1);
      copy.paragraphs = copy.paragraphs.filter((paragraph) => paragraph.length > 0);
      candidates.push(copy);
    });
  });
  return candidates.slice(0, 3);
}

/**
 * Candidates that put a list item first (below a leading header) and run its sentence on into the lines
 * after it: an item starts a sentence of its own, so prose above it costs one more, and when that prose
 * cannot move into the item (it runs over several lines, or into fields), the item can move above it.
 */
export function leadWithItem(draft: Draft): Draft[] {
  const flat = draft.paragraphs.flat();
  const item = flat.find((line) => line.kind === "bullet" || line.kind === "numbered");
  if (item === undefined || !canChain(item.pieces.at(-1))) return [];
  const lead = flat[0]?.kind === "header" ? 1 : 0;
  if (flat.indexOf(item) === lead) return [];
  const after = flat.filter((line) => line !== item);
  if (after.slice(0, lead + 1).some((line) => line.fixed !== undefined)) return [];
  if (after[lead]?.kind !== "plain") return [];
  const copy = cloneDraft({ ...draft, paragraphs: [after.slice(0, lead).concat(item, after.slice(lead))] });
  copy.paragraphs[0]![lead]!.pieces.at(-1)!.chained = true;
  return [copy];
}

/** Candidates that move the title into the line after it, where it ends no sentence of its own. */
export function inlineTitle(draft: Draft): Draft[] {
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
export function compactPostscript(draft: Draft): Draft[] {
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
export function breakSentences(draft: Draft): Draft[] {
  const candidates: Draft[] = [];
  draft.paragraphs.forEach((lines, p) => {
    lines.forEach((line, l) => {
      if (line.fixed !== undefined || line.kind === "header") return;
      const i = line.pieces.findIndex(
        (piece) =>
          (piece.kind === "sentence" || piece.brokenHead === true) &&
          piece.marks === undefined &&
          !piece.bold &&
          piece.pad === 0,
      );
      if (i === -1) return;
      const piece = line.pieces[i]!;
      const spaces = [...piece.text.matchAll(/(?<=\p{L}) (?=\p{L})/gu)].map((found) => found.index);
      // Two words are enough: a line of one word is a line, and a tail left by an earlier break is often short.
      if (spaces.length === 0) return;
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
        brokenHead: true,
      });
      const tail: Piece = { ...piece, text: piece.text.slice(at + 1), removable: false };
      copy.paragraphs[p]!.splice(l + 1, 0, { kind: "plain", pieces: [tail, ...after.slice(1)] });
      candidates.push(copy);
    });
  });
  return candidates.slice(-2);
}

/** Candidates that pad fillers, or swap them for longer or shorter ones, to move words and characters. */
export function resizeFillers(
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

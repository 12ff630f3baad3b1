// The structural edits the count tuner (tune-counts.ts) tries on a draft: paragraphs, lines, list items
// and headers added, removed, split and joined. Each returns edited copies (none when it does not apply).
import { cloneDraft, type Draft, type DraftLine, type LineKind, type Piece } from "./render-draft.js";

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

export function isMovable(line: DraftLine): boolean {
  return line.fixed === undefined;
}

export function lastProseParagraph(draft: Draft): number {
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
export function postscriptIndex(draft: Draft): number {
  const index = draft.paragraphs.findIndex((lines) => lines.some((line) => line.fixed === "postscript"));
  return index === -1 ? draft.paragraphs.length : index;
}

/** Adds `lines` as a new paragraph before the postscript. */
export function addParagraph(draft: Draft, lines: DraftLine[]): Draft {
  const copy = cloneDraft(draft);
  copy.paragraphs.splice(postscriptIndex(copy), 0, lines);
  return copy;
}

/** Candidates that add `line` at the end of each paragraph (before a postscript line). */
export function addLineAnywhere(draft: Draft, line: DraftLine): Draft[] {
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
export function addChainedLine(draft: Draft, line: DraftLine): Draft[] {
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
export function addLine(draft: Draft, line: DraftLine): Draft {
  const target = lastProseParagraph(draft);
  if (target === -1) return addParagraph(draft, [line]);
  const copy = cloneDraft(draft);
  const lines = copy.paragraphs[target]!;
  const at = lines.findIndex((item) => item.fixed === "postscript");
  lines.splice(at === -1 ? lines.length : at, 0, line);
  return copy;
}

export function fillerLines(
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
export function addFillerInline(draft: Draft, supply: ContentSupply, count: number): Draft[] {
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

export function removePieces(draft: Draft, inline: boolean): Draft[] {
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

export function convertLines(draft: Draft, from: readonly LineKind[], to: LineKind): Draft[] {
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

export function addItems(draft: Draft, supply: ContentSupply, kind: LineKind, count: number): Draft[] {
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

/**
 * Every way to give a list item's last piece to another item of the same list whose own pieces are all
 * removable fillers: the item count stays, and the filler goes (fewer words, sentences and characters when
 * no item may be dropped, "exactly 3 bullet points" in under 40 words).
 */
export function spreadItems(draft: Draft): Draft[] {
  const candidates: Draft[] = [];
  draft.paragraphs.forEach((lines, p) => {
    lines.forEach((giver, g) => {
      if (giver.kind !== "bullet" && giver.kind !== "numbered") return;
      if (!isMovable(giver) || giver.pieces.length < 2) return;
      const moved = giver.pieces.at(-1)!;
      if (moved.chained || moved.open) return;
      lines.forEach((taker, t) => {
        if (t === g || taker.kind !== giver.kind || !isMovable(taker)) return;
        if (!taker.pieces.every((piece) => piece.removable && piece.filler !== undefined)) return;
        const copy = cloneDraft(draft);
        const copied = copy.paragraphs[p]!;
        copied[t]!.pieces = [copied[g]!.pieces.pop()!];
        candidates.push(copy);
      });
    });
  });
  return candidates.slice(0, 3);
}

/**
 * Every way to cut a list item of fillers down to a short label (a section name of the bank): the item
 * count stays, with far fewer words and characters (a list of exactly 3 bullets under 40 words).
 */
export function shortenItems(draft: Draft, supply: ContentSupply): Draft[] {
  const candidates: Draft[] = [];
  draft.paragraphs.forEach((lines, p) => {
    lines.forEach((line, l) => {
      if (line.kind !== "bullet" && line.kind !== "numbered") return;
      if (!isMovable(line) || line.pieces.length === 0) return;
      if (!line.pieces.every((piece) => piece.removable && piece.filler !== undefined)) return;
      const copy = cloneDraft(draft);
      copy.paragraphs[p]![l]!.pieces = [
        { kind: "raw", text: supply.nextSection(), removable: true, priority: 1, pad: 0 },
      ];
      candidates.push(copy);
    });
  });
  return candidates.slice(-2);
}

export function insertHeaders(draft: Draft, supply: ContentSupply): Draft[] {
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

export function removeLinesOfKind(draft: Draft, kind: LineKind): Draft[] {
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

export function splitParagraphs(draft: Draft): Draft[] {
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

/**
 * Candidates that start a new paragraph inside a line, between two of its sentences: one paragraph more
 * without a line of new text, for a draft whose sentences all sit on one line but that must keep its
 * length. The rest of the line, and the lines after it, go to the new paragraph.
 */
export function splitLineParagraphs(draft: Draft): Draft[] {
  const candidates: Draft[] = [];
  draft.paragraphs.forEach((lines, p) => {
    lines.forEach((line, l) => {
      if (line.fixed !== undefined || line.kind !== "plain") return;
      // Between two whole sentences, nearest the middle of the line.
      const cuts: number[] = [];
      for (let at = 1; at < line.pieces.length; at++) {
        const before = line.pieces[at - 1]!;
        if (before.kind === "sentence" && !before.chained && !before.open) cuts.push(at);
      }
      if (cuts.length === 0) return;
      const middle = line.pieces.length / 2;
      const at = cuts.reduce((best, cut) => (Math.abs(cut - middle) < Math.abs(best - middle) ? cut : best));
      const copy = cloneDraft(draft);
      const target = copy.paragraphs[p]!;
      const rest = target.splice(l + 1);
      const moved = target[l]!.pieces.splice(at);
      copy.paragraphs.splice(p + 1, 0, [{ kind: "plain", pieces: moved }, ...rest]);
      candidates.push(copy);
    });
  });
  return candidates.slice(0, 3);
}

export function mergeParagraphs(draft: Draft): Draft[] {
  const candidates: Draft[] = [];
  for (let p = 0; p + 1 < draft.paragraphs.length; p++) {
    const copy = cloneDraft(draft);
    const [next] = copy.paragraphs.splice(p + 1, 1);
    copy.paragraphs[p]!.push(...next!);
    candidates.push(copy);
  }
  return candidates.slice(0, 4);
}

export function splitLines(draft: Draft): Draft[] {
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

export function joinLines(draft: Draft): Draft[] {
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

export function canChain(piece: Piece | undefined): piece is Piece {
  return piece !== undefined && piece.kind === "sentence" && !piece.chained && !piece.open;
}

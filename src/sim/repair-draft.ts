// The edits every draft goes through after it is built: marks and bold placed, keyword counts settled,
// the result verified, and last repairs for checks a settled draft still gets wrong.
import { formatDate } from "../verifiers/calendar-date.js";
import { type Check, countKeyword, verify } from "../verifiers/index.js";
import { formatCodeAmount } from "../verifiers/money-amount.js";
import { ALTERNATIVE_DATE_FORMATS, type ComposeSettings, ENGLISH_TITLE, passes } from "./compose-settings.js";
import { nearestInRange } from "./count-range.js";
import { addPieces, eachPiece, mentionSentences, sentencePiece } from "./draft-content.js";
import { cloneDraft, type Draft, type Piece } from "./render-draft.js";
import type { ContentSupply } from "./tune-counts.js";

/** A text and the kept checks it still gets wrong. */
export interface Evaluation {
  text: string;
  unmet: Check[];
  unbroken: Check[];
}

/** Verifies `text` against every kept check. */
export function evaluate(text: string, satisfy: readonly Check[], violate: readonly Check[]): Evaluation {
  return {
    text,
    unmet: satisfy.filter((check) => !passes(text, check)),
    // Broken only when the verifier can tell: a score it cannot give (a text too short for its language
    // to be detected) breaks nothing.
    unbroken: violate.filter((check) => {
      const { score } = verify(text, [check]);
      return score === null || score >= 1;
    }),
  };
}

/** How far a text is from the plan: a check to meet missed weighs more than any number of checks to break. */
export function badness(evaluation: Evaluation): number {
  return evaluation.unmet.length * 1000 + evaluation.unbroken.length;
}

/**
 * Spreads the marks a draft must show over its sentences (one mark each while there are sentences, those
 * with an "and" first) and makes one piece bold when the draft must use markdown; adds a filler to carry
 * them when the draft has no sentence to spare.
 */
export function markPieces(draft: Draft, settings: ComposeSettings, supply: ContentSupply): Draft {
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
export function settleKeywords(
  draft: Draft,
  settings: ComposeSettings,
  render: (draft: Draft) => string,
): Draft {
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

/** Last edits for checks a settled draft still gets wrong, each keeping the counts as they are where it can. */
export function repairDraft(
  draft: Draft,
  settings: ComposeSettings,
  evaluation: Evaluation,
  supply: ContentSupply,
): Draft {
  let copy = draft;
  // A language the text does not show clearly enough: what other checks put in it (an English phrase to end
  // with, a preamble to break) outweighs its own words. Two more of the bank's sentences, kept.
  if (evaluation.unmet.some((check) => check.kind === "language")) {
    const fillers = [supply.nextFiller(), supply.nextFiller()].filter((filler) => filler !== undefined);
    if (fillers.length > 0) {
      copy = cloneDraft(copy);
      addPieces(
        copy,
        fillers.map((filler) => ({ ...filler, removable: false })),
      );
    }
  }
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

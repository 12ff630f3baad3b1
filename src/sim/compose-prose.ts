// Prose drafts: an opening (a fixed start, a preamble, a title, a greeting), the body (fields, a summary,
// an answer or a reply), and a closing (a sign-off, a postscript, a fixed end), then tuned to its counts.

import {
  type AttemptShape,
  type ComposeSettings,
  ENGLISH_TITLE,
  isClean,
  passes,
} from "./compose-settings.js";
import {
  createSupply,
  rawPiece,
  relevantSentences,
  renderField,
  sentencePiece,
  violationSentences,
} from "./draft-content.js";
import type { PhraseBank } from "./phrase-banks.js";
import { type Draft, type DraftLine, type Piece, renderDraft } from "./render-draft.js";
import {
  badness,
  type Evaluation,
  evaluate,
  markPieces,
  repairDraft,
  settleKeywords,
} from "./repair-draft.js";
import { type ContentSupply, tuneCounts } from "./tune-counts.js";

const GREETING_WORDS =
  /^(?:dear|hello|hi|hey|greetings|good (?:morning|afternoon|evening)|bonjour|hola|hallo|ciao|olá|salut)$/i;

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

/**
 * The lines before the body: the required start (or a preamble), a note when the answer must come with
 * an explanation after it, the title, and a reply's greeting. The note is placed by the caller unless a
 * start line already took it.
 */
function openingLines(
  settings: ComposeSettings,
  shape: AttemptShape,
): { opening: DraftLine[]; note: DraftLine | undefined } {
  const { bank } = settings;
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
  return { opening, note };
}

/** The body: the input's fields, a reply's sentences, or the input's most relevant sentences (English). */
function bodyLines(settings: ComposeSettings, shape: AttemptShape): DraftLine[] {
  const { bank, facts } = settings;
  const english = bank.code === "eng";
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
  return body;
}

function buildProseDraft(settings: ComposeSettings, supply: ContentSupply, shape: AttemptShape): Draft {
  const { bank } = settings;
  const english = bank.code === "eng";
  const { opening, note } = openingLines(settings, shape);

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

  const body = bodyLines(settings, shape);

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

/** Builds, tunes, repairs and verifies one prose draft of the given shape. */
export function composeProse(
  settings: ComposeSettings,
  shape: AttemptShape,
  order: readonly number[],
): Evaluation {
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

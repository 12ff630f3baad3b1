// JSON drafts: an object with the required keys (or the request's fields and a summary), or a JSON
// string when the text must also be quoted; laid out on one line or indented to reach line and paragraph
// counts, with the answer's sentences tuned like prose.
import { countUnit } from "../verifiers/index.js";
import { type AttemptShape, type ComposeSettings, isClean } from "./compose-settings.js";
import { ANY_COUNT, inRange } from "./count-range.js";
import {
  createSupply,
  rawPiece,
  relevantSentences,
  renderField,
  sentencePiece,
  violationSentences,
} from "./draft-content.js";
import { readFieldRole } from "./extract-facts.js";
import { applyCase, type Draft, type Piece, type RenderStyle, renderDraft } from "./render-draft.js";
import {
  badness,
  type Evaluation,
  evaluate,
  markPieces,
  repairDraft,
  settleKeywords,
} from "./repair-draft.js";
import { type ContentSupply, tuneCounts } from "./tune-counts.js";

/** The JSON value for a required key, read from its name. */
function jsonValueFor(
  key: string,
  settings: ComposeSettings,
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
  settings: ComposeSettings,
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
    // Lines come from the details: when words or characters are bounded, short labels (the bank's
    // section names) go first, then the shortest fillers.
    const bounded = (["words", "characters"] as const).some((unit) =>
      (settings.ranges.get(unit) ?? ANY_COUNT).every((part) => part.max !== Number.POSITIVE_INFINITY),
    );
    if (bounded) {
      details.sort((a, b) => a.text.length - b.text.length);
      const labels = settings.bank.sections.filter((section) => isClean(section, settings));
      details.unshift(...labels.map((label) => rawPiece(label, 1, true)));
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
  settings: ComposeSettings,
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

/** Builds, tunes and verifies one JSON draft of the given shape. */
export function composeJson(
  settings: ComposeSettings,
  shape: AttemptShape,
  order: readonly number[],
): Evaluation {
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

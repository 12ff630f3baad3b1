// The structure of a prose draft and how it becomes text. The composer edits the structure (pieces,
// lines, paragraphs) and renders it after every edit, so that counts are always measured on the exact
// text the verifiers will read.
import type { ForbiddenMark } from "../verifiers/index.js";
import type { PhraseBank } from "./phrase-banks.js";

/** What a piece of text is: a sentence (ends with its own terminator), a `label: value` field, or verbatim text. */
export type PieceKind = "sentence" | "field" | "raw";

/** One sentence, field or verbatim phrase of a draft. */
export interface Piece {
  kind: PieceKind;
  text: string;
  /** Whether the composer may drop it to reach a count; fixed pieces carry a requirement. */
  removable: boolean;
  /** Higher is dropped later. */
  priority: number;
  /** The index of the filler it is, in its bank, so a longer or shorter one can replace it. */
  filler?: number;
  /** How many words of padding it ends with (0 to 4). */
  pad: number;
  /** Whether padding may be added though it is not a filler (a sentence a filler was joined to). */
  paddable?: boolean;
  /** Runs on into the next line: written without its terminator, followed by the bank's "and". */
  chained?: boolean;
  /** Written without its terminator, so that what follows (the rest of a JSON text) belongs to its sentence. */
  open?: boolean;
  /** A shorter way to write it that ends no sentence (a postscript marker without dots). */
  compact?: string;
  /** Marks the piece shows because the draft must contain them (commas, em dashes...). */
  marks?: ForbiddenMark[];
  /** A closing line (a sign-off): new sentences are not added to it. */
  closing?: boolean;
  /** Rendered in markdown bold, for a draft that must use markdown. */
  bold?: boolean;
  /** The first part of a sentence broken over lines (breakSentences): written as it is, and may be broken again. */
  brokenHead?: boolean;
  /** The sentences a joined sentence was made of ({@link joinSentences}), so that a filler among them can go again. */
  parts?: readonly Piece[];
}

/** How a line starts. */
export type LineKind = "plain" | "bullet" | "numbered" | "header";

/** A line of a draft; a fixed line keeps its place (first line, title, postscript). */
export interface DraftLine {
  kind: LineKind;
  pieces: Piece[];
  fixed?: "start" | "title" | "note" | "postscript";
}

/** A draft: paragraphs of lines, and a phrase the text ends with (on the last line, or on its own line). */
export interface Draft {
  paragraphs: DraftLine[][];
  end?: string;
  endOnOwnLine?: boolean;
}

/** How a draft is written out; fixed for one composition. */
export interface RenderStyle {
  bank: PhraseBank;
  bullet: "-" | "•";
  letterCase: "lower" | "upper" | undefined;
  /** Wrap the text in double quotes: straight ("...") or, so that the text is not also a JSON string, curly. */
  quoted: false | "straight" | "curly";
  /** Marks removed from every piece. */
  forbidden: ReadonlySet<ForbiddenMark>;
  /** Marks the draft must show somewhere (each on a piece's `marks`). */
  decorations: readonly ForbiddenMark[];
}

/** A deep copy of `draft`. */
export function cloneDraft(draft: Draft): Draft {
  const copy: Draft = {
    paragraphs: draft.paragraphs.map((lines) =>
      lines.map((line) => ({ ...line, pieces: line.pieces.map((piece) => ({ ...piece })) })),
    ),
  };
  if (draft.end !== undefined) copy.end = draft.end;
  if (draft.endOnOwnLine !== undefined) copy.endOnOwnLine = draft.endOnOwnLine;
  return copy;
}

/** Removes the forbidden marks from `text`, keeping words and sentences as they were. */
export function stripMarks(text: string, forbidden: ReadonlySet<ForbiddenMark>): string {
  let result = text;
  if (forbidden.has("semicolons"))
    result = result.replace(/\s*[;；؛]\s*/gu, forbidden.has("commas") ? " " : ", ");
  if (forbidden.has("commas"))
    result = result.replace(/(\d)[,](\d)/g, "$1$2").replace(/\s*[,，،、﹐﹑]\s*/gu, " ");
  if (forbidden.has("exclamation marks")) result = result.replace(/[!！]/gu, ".").replace(/¡/gu, "");
  if (forbidden.has("em dashes")) result = result.replace(/\s*—\s*/gu, " - ");
  if (forbidden.has("emojis")) {
    result = result.replace(/\s*(?![\u00a9\u00ae\u2122\u203c\u2049])\p{Extended_Pictographic}\uFE0F?/gu, "");
  }
  return result
    .replace(/ {2,}/g, " ")
    .replace(/ ([.?!])$/u, "$1")
    .trim();
}

/** Ends a sentence's last word with `pad` (before its terminator). */
function addPad(text: string, pad: string): string {
  const match = /([.!?؟。]+["'”»)]*)$/u.exec(text);
  if (!match) return `${text} ${pad}`;
  return `${text.slice(0, match.index)} ${pad}${match[1]}`;
}

/**
 * Shows each mark once in `text`: before its "and" when it has one ("complete, and nothing"), else after
 * a short introductory phrase ("As requested, the details..."); "!" replaces the final period and an emoji
 * follows the sentence.
 */
function decorate(text: string, marks: readonly ForbiddenMark[], bank: PhraseBank, runsOn: boolean): string {
  let result = text;
  const conjunction = bank.conjunction.attach ? undefined : ` ${bank.conjunction.word} `;
  const intros = [bank.pads[1], bank.pads[2]];
  let conjunctionUsed = false;
  const ordered = [...marks].sort((a, b) => (a === "emojis" ? 1 : 0) - (b === "emojis" ? 1 : 0));
  for (const mark of ordered) {
    if (mark === "exclamation marks") {
      // A sentence that runs on cannot end with "!"; the opening "¡" is an exclamation mark too.
      if (runsOn) result = `¡${result}`;
      else result = /[.]$/.test(result) ? `${result.slice(0, -1)}!` : `${result}!`;
      continue;
    }
    if (mark === "emojis") {
      // Before the terminator, so the sentence still ends where it did.
      const end = /[.!?؟]+$/u.exec(result);
      result = end ? `${result.slice(0, end.index)} 🙂${end[0]}` : `${result} 🙂`;
      continue;
    }
    const symbol = mark === "commas" ? (bank.code === "arb" ? "،" : ",") : mark === "semicolons" ? ";" : " —";
    const at = conjunction === undefined || conjunctionUsed ? -1 : result.indexOf(conjunction);
    if (at > 0) {
      result = `${result.slice(0, at)}${symbol}${result.slice(at)}`;
      conjunctionUsed = true;
      continue;
    }
    const intro = intros.shift() ?? bank.pads[3];
    const rest = /^\p{Lu}\p{Ll}/u.test(result) ? result.charAt(0).toLowerCase() + result.slice(1) : result;
    result = `${intro.charAt(0).toUpperCase()}${intro.slice(1)}${symbol} ${rest}`;
  }
  return result;
}

/** The text of one piece, padded, stripped of forbidden marks and decorated. */
function renderPiece(piece: Piece, style: RenderStyle): string {
  let text = piece.text;
  if (piece.pad > 0 && piece.kind === "sentence") text = addPad(text, style.bank.pads[piece.pad - 1]!);
  text = stripMarks(text, style.forbidden);
  const runsOn = piece.chained === true || piece.open === true;
  if (piece.marks !== undefined && piece.marks.length > 0)
    text = decorate(text, piece.marks, style.bank, runsOn);
  if (runsOn) text = text.replace(/[.?؟]+$/u, "");
  if (piece.chained && !style.bank.conjunction.attach) text = `${text} ${style.bank.conjunction.word}`;
  if (piece.bold) text = `**${text}**`;
  return text;
}

/** Which separator goes between a field and the piece after it on the same line. */
function fieldSeparator(style: RenderStyle): string {
  if (!style.forbidden.has("semicolons")) return "; ";
  if (!style.forbidden.has("commas")) return ", ";
  return " / ";
}

const FUNCTION_WORD =
  /^(?:The|A|An|This|That|These|Those|It|Its|We|Our|You|Your|Each|Every|All|No|Nothing|Please|There|They)\b/;

/** Lowercases the first letter of a sentence that continues another (a filler, or one opening on a function word). */
function continueSentence(piece: Piece, text: string): string {
  if (piece.kind !== "sentence" || !(piece.filler !== undefined || FUNCTION_WORD.test(text))) return text;
  return /^\p{Lu}\p{Ll}/u.test(text) || /^A /.test(text)
    ? text.charAt(0).toLowerCase() + text.slice(1)
    : text;
}

/** Renders one line with its list marker; `continued` says the line before ran on into it. */
function renderLine(line: DraftLine, number: number, style: RenderStyle, continued: boolean): string {
  let body = "";
  line.pieces.forEach((piece, index) => {
    let text = renderPiece(piece, style);
    if (index === 0 && continued) text = continueSentence(piece, text);
    if (index === 0) body = text;
    else body += `${line.pieces[index - 1]!.kind === "field" ? fieldSeparator(style) : " "}${text}`;
  });
  switch (line.kind) {
    case "bullet":
      return `${style.bullet} ${body}`;
    case "numbered":
      return `${number}. ${body}`;
    case "header":
      return `## ${body}`;
    default:
      return body;
  }
}

/** A first line that is a header, a bullet or a numbered item (as the verifiers read them). */
const STARTS_BLOCK = /^(?: {0,3}#{1,6}[ \t]+\S|\s*(?:[-*+•◦▪‣●]|\d{1,3}[.)])[ \t]+\S)/;

/** Changes the case of every letter as the draft's case requires. */
export function applyCase(text: string, letterCase: RenderStyle["letterCase"]): string {
  if (letterCase === "lower") return text.toLowerCase();
  if (letterCase === "upper") return text.toUpperCase();
  return text;
}

/** Writes a draft out: lines joined by newlines, paragraphs by blank lines, then case and quotes. */
export function renderDraft(draft: Draft, style: RenderStyle): string {
  let number = 0;
  let continued = false;
  const paragraphs = draft.paragraphs
    .filter((lines) => lines.length > 0)
    .map((lines) =>
      lines
        .map((line) => {
          if (line.kind === "numbered") number++;
          const text = renderLine(line, number, style, continued && line.kind === "plain");
          continued = line.pieces.at(-1)?.chained === true;
          return text;
        })
        .join("\n"),
    );
  let text = paragraphs.join("\n\n");
  if (draft.end !== undefined)
    text = text === "" ? draft.end : `${text}${draft.endOnOwnLine ? "\n" : " "}${draft.end}`;
  text = applyCase(text, style.letterCase);
  if (style.quoted === false) return text;
  const [open, close] = style.quoted === "straight" ? ['"', '"'] : ["“", "”"];
  // A quote before a header or a list marker hides it ('"## Summary' is no header): it takes a line of its own.
  return `${open}${STARTS_BLOCK.test(text) ? "\n" : ""}${text}${close}`;
}

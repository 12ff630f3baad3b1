// Brings a draft's counts (headers, list items, paragraphs, lines, sentences, words, characters) into the
// ranges its count checks allow. Counts interact (a new sentence adds words, a new item adds a line), so
// the tuner settles them in a fixed order and accepts an edit only when it brings the counts closer in
// that order: an edit that fixes the word count may never break the sentence count, while one that fixes
// the sentence count may move the words, which are settled after. Every count is measured on the rendered
// text with the verifiers' own counter, so the tuner agrees with them by construction.
import { type CountUnit, countUnit } from "../verifiers/index.js";
import { ANY_COUNT, type CountRange, distanceToRange, nearestInRange } from "./count-range.js";
import {
  addChainedLine,
  addFillerInline,
  addItems,
  addLine,
  addLineAnywhere,
  addParagraph,
  type ContentSupply,
  convertLines,
  fillerLines,
  insertHeaders,
  joinLines,
  mergeParagraphs,
  removeLinesOfKind,
  removePieces,
  shortenItems,
  splitLineParagraphs,
  splitLines,
  splitParagraphs,
  spreadItems,
} from "./draft-edits.js";
import { type Draft, type LineKind, type RenderStyle, renderDraft } from "./render-draft.js";
import { COUNT_UNITS } from "./resolve-check-conflicts.js";
import {
  addFillerClause,
  breakSentences,
  chainLines,
  compactPostscript,
  dropJoinedFillers,
  foldIntoItem,
  hoistHeader,
  inlineTitle,
  leadWithItem,
  mergeSentences,
  resizeFillers,
} from "./sentence-edits.js";

export type { ContentSupply } from "./draft-edits.js";

const ALWAYS_PRESENT: ReadonlySet<CountUnit> = new Set([
  "paragraphs",
  "lines",
  "sentences",
  "words",
  "characters",
]);

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
  /**
   * Whether a stuck count may take two steps: an edit that brings it closer though it moves an earlier
   * count, then a few edits that bring the earlier counts back. Default true.
   */
  lookAhead?: boolean;
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

/** The most edits the second step of a look-ahead makes. */
const LOOK_AHEAD_ROUNDS = 8;
/** The most times one tuning looks ahead: each costs up to 6 short tunings, and a plan may be stuck for good. */
const MAX_LOOK_AHEADS = 3;

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
      return [
        ...splitParagraphs(draft),
        ...splitLineParagraphs(draft),
        ...(lines ? [addParagraph(draft, lines)] : []),
      ];
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
          ...foldIntoItem(draft, style),
          ...leadWithItem(draft),
          ...compactPostscript(draft),
          ...mergeParagraphs(draft),
        ];
        const drop = [
          ...removePieces(draft, true),
          ...removePieces(draft, false),
          ...joinLines(draft),
          ...spreadItems(draft),
        ];
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
        ...spreadItems(draft),
        ...shortenItems(draft, supply),
        ...dropJoinedFillers(draft, style),
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
  let lookAheads = 0;
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
    /**
     * Candidates that bring this count closer but move an earlier one, then those that leave it where it
     * is (a header moved to the top, which a second edit needs): what a second step may build on.
     */
    const closer: Draft[] = [];
    const sideways: Draft[] = [];
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
      } else if (candidateDistances[failing]! < distances[failing]!) {
        closer.push(candidate);
      } else if (candidateDistances[failing]! === distances[failing]!) {
        sideways.push(candidate);
      }
    }
    // Stuck: one edit that fixes this count and a few that restore the earlier ones (a filler line
    // dropped for fewer words, a sentence broken over lines to keep the line count), or two edits that
    // each leave it where it is (a header hoisted, then prose folded into an item), may do together
    // what no single edit does. Not within the second step itself, and a few times per tuning at most.
    if (best === undefined && options.lookAhead !== false && lookAheads < MAX_LOOK_AHEADS) {
      lookAheads++;
      for (const candidate of [...closer, ...sideways].slice(0, 6)) {
        const mended = tuneCounts(candidate, {
          ...options,
          ranges,
          maxRounds: LOOK_AHEAD_ROUNDS,
          lookAhead: false,
        });
        const mendedCounts = measure(mended.text, units);
        const mendedDistances = distancesOf(mendedCounts);
        if (compareDistances(mendedDistances, best?.distances ?? distances) < 0) {
          best = { draft: mended.draft, text: mended.text, counts: mendedCounts, distances: mendedDistances };
        }
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

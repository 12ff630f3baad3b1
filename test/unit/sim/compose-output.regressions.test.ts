// Plans the property test (compose-output.property.test.ts) once found wrong, pinned here so that each
// stays fixed whatever seed the property test draws. Each row is the shrunk counterexample: the request,
// the descriptions to meet and to break, the language, and the composer's seed.
import { describe, expect, test } from "vitest";
import { composeDraft, createRandom, extractFacts } from "../../../src/sim/index.js";
import { verify } from "../../../src/verifiers/index.js";
import { checksOf, INPUTS } from "./fixtures.js";

interface Row {
  /** What was wrong, and the property seed that found it. */
  name: string;
  input: keyof typeof INPUTS;
  satisfy: string[];
  violate: string[];
  language?: string;
  seed: string;
}

const ROWS: Row[] = [
  {
    // 9 lines, a question at the end and under 40 words: dropping a filler for fewer words lost a line,
    // and no line left could be broken again (the tails of earlier breaks were two words long), so a
    // filler line came back with its words (45 words).
    name: "fewer words over as many lines (English; property seed 18865918)",
    input: "invoice",
    satisfy: ["No more than 500 characters", "End with a question"],
    violate: ["No semicolons", "No more than 8 lines", "Write between 40 and 80 words"],
    seed: "",
  },
  {
    // The same plan in Italian: the tails were broken down to one word, and the heads of those breaks
    // (written as they are) could not be broken again (40 words).
    name: "fewer words over as many lines (Italian; property seed 18865918)",
    input: "invoice",
    satisfy: ["No more than 500 characters", "End with a question"],
    violate: ["No semicolons", "No more than 8 lines", "Write between 40 and 80 words"],
    language: "italian",
    seed: "",
  },
  {
    // A header must be there and at most 2 sentences: the header has to go above the title, with the
    // text below it run together (the title first left title+lead, header, fields: 3 sentences).
    name: "title and header with few sentences (Arabic; property seed -334730729)",
    input: "invoice",
    satisfy: ["Include a title in double angular brackets", "Use markdown headers"],
    violate: ["At least 3 sentences"],
    language: "arabic",
    seed: "",
  },
  {
    // 4 paragraphs under 300 characters: the forced sentences (date, amount, two mentions) sat on one
    // line, so paragraphs were only added as filler, which overshot the characters.
    name: "more paragraphs in few characters (Italian; property seed 1431941186)",
    input: "question",
    satisfy: ["Mention 'refund' at least twice"],
    violate: [
      "At least 300 characters",
      "Write up to 3 paragraphs",
      "Dates must follow YYYY-MM-DD and amounts should be in USD format.",
    ],
    language: "italian",
    seed: "",
  },
  {
    // One sentence over 500 characters: the last sentence of the lead ran on into the fields below it,
    // and sentences were only joined when neither ran on, so two stayed.
    name: "a single long sentence (Dutch; property seed 1076523930)",
    input: "invoice",
    satisfy: ["Answer in a single sentence"],
    violate: ["No more than 500 characters", "No semicolons"],
    language: "dutch",
    seed: "/",
  },
  {
    // A header and a numbered item in at most 2 sentences: each starts a sentence of its own, so the prose
    // between them had to run on inside the item; nothing moved it there.
    name: "header, numbered item and prose in two sentences (Arabic; property seed 2710018949)",
    input: "invoice",
    satisfy: ["Use markdown headers", "Use a numbered list"],
    violate: ["No exclamation marks", "At least 3 sentences"],
    language: "arabic",
    seed: "",
  },
  {
    // A header and a numbered item in at most 2 sentences over at least 9 lines: the prose ran over lines and
    // into the fields, so it could not move into the item; the item now moves above it and runs on into it.
    name: "header, numbered item and 9 lines in two sentences (English; property seed -1186318608)",
    input: "invoice",
    satisfy: ["Use markdown headers", "Use a numbered list"],
    violate: ["No more than 8 lines", "At least 3 sentences"],
    seed: "",
  },
  {
    // A header and at least 2 paragraphs in at most 2 sentences over at least 9 lines: hoisting the header ran
    // every paragraph into one; the header may now stand as a paragraph of its own above the rest.
    name: "header and 2 paragraphs in two sentences (English; property seed 1270312768)",
    input: "invoice",
    satisfy: ["Use markdown headers", "Use at least 2 paragraphs"],
    violate: ["At least 3 sentences", "No more than 8 lines"],
    seed: "",
  },
  {
    // Hebrew required, an English phrase to end with, an English preamble and the word "Summary" (to break
    // all capitals in a language without case): the English outweighed the Hebrew's two sentences, and the
    // language could not be told. A text whose language is not shown clearly gets more of its own sentences.
    name: "Hebrew with an English ending and preamble (property seed 1240506199)",
    input: "instruction",
    satisfy: ["End with the phrase 'Is there anything else?'", "Respond in Hebrew"],
    violate: ["No preamble or explanation", "Use all capital letters"],
    seed: "",
  },
  {
    // A quoted text with a header in at most 2 sentences: the header had to go first, but right after the
    // opening quote ('"## ...') it is no header, so the prose stayed above it.
    name: "quoted text with a header in two sentences (Arabic; property seed 115725258)",
    input: "invoice",
    satisfy: ["Use markdown headers", "Wrap the whole response in double quotes"],
    violate: ["At least 3 sentences"],
    language: "arabic",
    seed: "",
  },
  {
    // Fewer than 40 words with exactly 3 bullets, a numbered item, two mentions, an end phrase and a
    // preamble: no item could be dropped, so the fillers stayed at 42 words; the two mentions now spread
    // over two bullets and one filler goes.
    name: "exactly 3 bullets and a numbered item in under 40 words (Arabic; property seed -1798038712)",
    input: "report",
    satisfy: [
      "Use exactly 3 bullet points",
      "Mention 'refund' at least twice",
      "End with the phrase 'Is there anything else?'",
      "Use a numbered list",
    ],
    violate: ["At least 300 characters", "Output only the answer", "Write between 40 and 80 words"],
    language: "arabic",
    seed: "",
  },
  {
    // Valid JSON of at least 9 lines in under 60 words: the lines come from a list of details, which took
    // the next fillers whatever their length (64 words); bounded words now take the shortest first.
    name: "JSON of 9 lines in under 60 words (English; property seed -182447123)",
    input: "question",
    satisfy: ["Return valid JSON"],
    violate: ["Answer in a single sentence", "Use at least 60 words", "No more than 8 lines"],
    seed: "V ",
  },
  {
    // One sentence of at least 9 lines in under 40 words: the lines came from a filler sentence broken over
    // them, and no single edit could drop the filler without losing lines (42 words). A stuck count now
    // takes two steps: the filler goes, then a sentence is broken over more lines.
    name: "one sentence over 9 lines in under 40 words (Italian; hunt seed 10)",
    input: "invoice",
    satisfy: ["No more than 500 characters", "Answer in a single sentence"],
    violate: ["Write between 40 and 80 words", "No more than 8 lines"],
    language: "italian",
    seed: "",
  },
  {
    // A header, 2 paragraphs and at most 2 sentences in French: the same two steps.
    name: "header and 2 paragraphs in two sentences (French; hunt seed 2130)",
    input: "invoice",
    satisfy: ["Use markdown headers", "Use at least 2 paragraphs", "Respond in French"],
    violate: ["At least 3 sentences", "No semicolons"],
    seed: "",
  },
  {
    // German JSON of 40 to 80 words under 300 characters, in more than 3 paragraphs (307 characters).
    name: "German JSON under 300 characters in 4 paragraphs (hunt seed 2201)",
    input: "invoice",
    satisfy: ["Write in German", "Write between 40 and 80 words", "Return valid JSON"],
    violate: ["Write up to 3 paragraphs", "At least 300 characters"],
    seed: ";",
  },
  {
    // Exactly 3 bullets, a numbered item and a question under 300 characters (308).
    name: "3 bullets, a numbered item and a question under 300 characters (English; hunt seed 2249)",
    input: "complaint",
    satisfy: ["End with a question", "Use exactly 3 bullet points", "Use a numbered list"],
    violate: ["At least 300 characters", "Dates must follow YYYY-MM-DD"],
    seed: "",
  },
  {
    // A language to break in one sentence between "Dear" and "Best regards": the text was too short for
    // any language to be detected (23 letters), which the composer took for broken; it is broken only
    // when the verifier can tell.
    name: "a language broken in one sentence between a start and an end (English; hunt seed 5046)",
    input: "report",
    satisfy: ["End with 'Best regards'", "Start with 'Dear'", "Answer in a single sentence"],
    violate: ["Respond in Portuguese"],
    seed: "",
  },
  {
    // The same with a header and fewer than 3 sentences, without a preamble (27 letters).
    name: "a language broken under a header in two sentences (English; hunt seed 2011)",
    input: "report",
    satisfy: ["Use markdown headers"],
    violate: ["Respond in Portuguese", "No preamble or explanation", "At least 3 sentences"],
    seed: "",
  },
  {
    // Exactly 3 bullets, a numbered item and a question in under 40 words: every item held a filler of 8
    // words or more and none could go (48 words); an item of fillers can now shrink to a short label.
    name: "3 bullets, a numbered item and a question under 40 words (English; hunt seed 5102)",
    input: "question",
    satisfy: ["Use exactly 3 bullet points", "End with a question", "Use a numbered list"],
    violate: ["Write between 40 and 80 words", "Use at least 60 words"],
    seed: "",
  },
  {
    // A header, a bullet list and a preamble in at most 2 sentences: hoisting the header and folding the
    // prose into the item each leave 3 sentences alone, so neither was taken; a stuck count now also tries
    // an edit that leaves it where it is, then more.
    name: "header, bullet and prose in two sentences (Arabic; hunt seed 8054)",
    input: "invoice",
    satisfy: ["Use bullet points", "Use markdown headers"],
    violate: ["Don't mention the CEO", "No preamble or explanation", "At least 3 sentences"],
    language: "arabic",
    seed: "",
  },
  {
    // Exactly 3 bullets, a postscript and a question under 300 characters (Dutch: 303).
    name: "3 bullets, a postscript and a question under 300 characters (Dutch; hunt seed 2127)",
    input: "report",
    satisfy: [
      "Use exactly 3 bullet points",
      "End with a postscript starting with P.S.",
      "End with a question",
    ],
    violate: ["No emojis", "At least 300 characters"],
    language: "dutch",
    seed: "I",
  },
  {
    // Valid JSON of 40 to 80 words in at least 9 lines and 6 sentences: the details that made the lines
    // were fillers of 8 words or more (86 words); bounded words now take short labels as details first.
    name: "JSON of 9 lines and 6 sentences in at most 80 words (English; hunt seed 5084)",
    input: "instruction",
    satisfy: ["Return valid JSON", "Write between 40 and 80 words"],
    violate: ["No more than 8 lines", "No more than 5 sentences"],
    seed: "",
  },
  {
    // One sentence of 40 to 59 words holding a date, an amount and fillers: once joined, no filler could
    // go again (60 words); a joined sentence now keeps its parts, and a filler among them can be dropped.
    name: "one sentence with a date and an amount under 60 words (Portuguese; hunt seed 12197)",
    input: "report",
    satisfy: ["Answer in a single sentence", "Write between 40 and 80 words"],
    violate: ["Use at least 60 words", "Dates must follow YYYY-MM-DD and amounts should be in USD format."],
    language: "portuguese",
    seed: "",
  },
  {
    // A quoted single sentence with a postscript: the composer keeps the postscript alone, so the text
    // opens with the quotation mark before "PS:", which the postscript's verifier did not read as the
    // start of a line; it now reads an opening quotation mark or bracket before the marker.
    name: "a quoted single sentence with a postscript (English; hunt seed 30129)",
    input: "question",
    satisfy: [
      "Wrap the whole response in double quotes",
      "End with a postscript starting with P.S.",
      "Answer in a single sentence",
    ],
    violate: [],
    seed: "",
  },
];

describe("composeDraft: plans the property test once found wrong", () => {
  test.each(ROWS)("$name", ({ input, satisfy, violate, language, seed }) => {
    const meet = satisfy.flatMap(checksOf);
    const breakable = violate.flatMap(checksOf);
    const result = composeDraft({
      facts: extractFacts(INPUTS[input]),
      satisfy: meet,
      violate: breakable,
      random: createRandom(seed),
      ...(language === undefined ? {} : { language }),
    });
    expect(result.conflicts).toEqual([]);
    for (const check of result.satisfy) {
      const found = verify(result.text, [check]);
      expect(found.score, `${check.source}: ${found.reason}\n${result.text}`).toBe(1);
    }
    for (const check of result.violate) {
      const found = verify(result.text, [check]);
      expect(found.score, `${check.source}: ${found.reason}\n${result.text}`).not.toBeNull();
      expect(found.score!, `${check.source}: ${found.reason}\n${result.text}`).toBeLessThan(1);
    }
    expect(result.unmet).toEqual([]);
    expect(result.unbroken).toEqual([]);
  });
});

describe("composeDraft: plans of the any-checks property once found wrong", () => {
  test("a joined sentence left with one part after a filler went is not emptied (Spanish; hunt seed 98)", () => {
    // Dropping the last part of a joined sentence threw "Reduce of empty array".
    const result = composeDraft({
      facts: extractFacts(INPUTS.invoice),
      satisfy: [
        { kind: "count", unit: "paragraphs", source: "", min: 2 },
        { kind: "count", unit: "words", source: "", max: 39 },
      ],
      violate: [{ kind: "count", unit: "sentences", source: "", min: 2, max: 5 }],
      random: createRandom(0),
      language: "spanish",
    });
    // Whatever the composer cannot meet, it says so truthfully.
    for (const check of result.satisfy)
      expect(verify(result.text, [check]).score === 1).toBe(!result.unmet.includes(check));
  });
});

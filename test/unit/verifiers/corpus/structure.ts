import { type CorpusCase, item, paragraphs } from "./types.js";

/** The IFEval families read from meaning: capital words, highlights, placeholders, dividers, sections... */
export const structureCases: CorpusCase[] = [
  item("structure/capital-words-enough", "Use at least 2 words in all caps", "This is VERY, VERY good.", 1),
  item("structure/capital-words-too-few", "Use at least 3 words in all caps", "This is VERY good.", 0),
  item("structure/capital-words-ceiling", "Fewer than 2 uppercase words", "NASA and ESA agree.", 0),
  item("structure/highlights", "Highlight at least 2 sections with markdown", "*One* and **two**.", 1),
  item("structure/highlights-too-few", "Highlight at least 2 sections with markdown", "*One* only.", 0),
  item(
    "structure/placeholders",
    "Include at least 2 placeholders like [name]",
    "Dear [name], at [address].",
    1,
  ),
  item("structure/placeholders-none", "Include at least 1 placeholder like [name]", "Dear Sam.", 0),
  item(
    "structure/divider",
    "Write 2 paragraphs. Paragraphs are separated with the markdown divider: ***",
    "First part.\n\nStill first.\n***\nSecond part.",
    1,
  ),
  item("structure/paragraph-start", "Paragraph 2 must start with the word Then", "First.\n\nThen second.", 1),
  item("structure/paragraph-start-missing", "Paragraph 3 must start with the word Then", paragraphs(2), 0),
  item("structure/letter-count", "The letter z should appear at least 2 times", "Zig zag.", 1),
  item("structure/letter-none", "The letter e must not appear", "A cat ran.", 1),
  item("structure/letter-none-fails", "The letter e must not appear", "The cat.", 0),
  item(
    "structure/repeat-without-input",
    "Repeat the request word for word, then answer",
    "What is 2+2? 4.",
    null,
  ),
  item("structure/responses", "Give two different responses separated by ******", "Yes.\n******\nNo.", 1),
  item("structure/responses-one", "Give two different responses separated by ******", "Yes.", 0),
  item(
    "structure/sections",
    "Your response must have 2 sections. Mark the beginning of each section with SECTION X",
    "SECTION 1\nA.\nSECTION 2\nB.",
    1,
  ),
  item("structure/one-of", "Reply with either 'agree' or 'disagree'", "Agree.", 1),
  item("structure/one-of-other", "Reply with either 'agree' or 'disagree'", "Maybe.", 0),
];

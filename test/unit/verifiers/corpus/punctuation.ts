import { type CorpusCase, item } from "./types.js";

/** Forbidden marks: commas, exclamation marks, semicolons, em dashes, emojis. */
export const punctuationCases: CorpusCase[] = [
  item("punctuation/no-commas-pass", "no commas", "a b c", 1),
  item("punctuation/no-commas-fail", "no commas", "a, b", 0),
  item("punctuation/no-commas-fullwidth", "no commas", "a，b", 0),
  item("punctuation/no-commas-arabic", "no commas", "أ، ب", 0),
  item("punctuation/no-commas-number", "comma-free", "1,000", 0),
  item(
    "punctuation/ifeval-refrain",
    "In your entire response, refrain from the use of any commas.",
    "One two.",
    1,
  ),
  item("punctuation/do-not-use-any", "Do not use any commas", "x, y", 0),
  item("punctuation/without-commas", "Write without commas", "x y", 1),
  item("punctuation/commas-not-allowed", "Commas are not allowed", "x y", 1),
  item("punctuation/exclamation-fail", "Do not use any exclamation marks", "Wow!", 0),
  item("punctuation/exclamation-inverted", "Do not use any exclamation marks", "¡Hola", 0),
  item("punctuation/exclamation-pass", "Do not use any exclamation marks", "Hi.", 1),
  item("punctuation/emoji-fail", "Don't use emojis", "Great 🙂", 0),
  item("punctuation/emoji-copyright-ok", "Don't use emojis", "Copyright © 2024", 1),
  item("punctuation/two-marks-half", "Use no commas or semicolons", "a; b", 0.5),
  item("punctuation/em-dash-fail", "No em dashes", "a — b", 0),
  item("punctuation/em-dash-hyphen-ok", "No em dashes", "a - b", 1),
  item("punctuation/empty-text", "no commas", "", 1),
];

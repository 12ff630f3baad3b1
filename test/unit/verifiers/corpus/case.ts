import { PROSE } from "./texts.js";
import { type CorpusCase, item } from "./types.js";

/** All lowercase and all capital letters. */
export const caseCases: CorpusCase[] = [
  item("case/lowercase-pass", "all lowercase", "hello world", 1),
  item("case/lowercase-fail", "all lowercase", "Hello world", 0),
  item("case/lowercase-no-letters", "all lowercase", "123 !!!", 1),
  item("case/lowercase-empty", "all lowercase", "", 1),
  item(
    "case/lowercase-and-english",
    "Your entire response should be in English, and in all lowercase letters.",
    PROSE.english.toLowerCase(),
    1,
  ),
  item(
    "case/lowercase-and-english-capitals",
    "Your entire response should be in English, and in all lowercase letters.",
    PROSE.english,
    0.5,
  ),
  item("case/no-capitals-unicode", "No capital letters are allowed", "ünïcödé lower", 1),
  item("case/no-capitals-accented-capital", "No capital letters are allowed", "Élan", 0),
  item("case/dont-use-capitals", "Do not use any capital letters", "fine", 1),
  item("case/lowercase-caseless-script", "all lowercase", "שלום עולם", 1),
  item("case/uppercase-pass", "Write in all capital letters", "HELLO WORLD", 1),
  item("case/uppercase-fail", "Write in all capital letters", "HELLO World", 0),
  item("case/all-caps-accents", "Respond in ALL CAPS", "ÇA VA, MERCI!", 1),
  item("case/uppercase-only", "Answer in uppercase letters only", "OK", 1),
  item("case/capitalize-everything", "Capitalize the entire response", "DONE.", 1),
  item("case/uppercase-digits-only", "all capital letters", "2024", 1),
  item("case/negated-caps-unverifiable", "Don't write in all caps", "hello", null),
];

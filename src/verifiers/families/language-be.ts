// A language said of the whole text without "in": "The reply must be English", "your answer should be
// entirely French", "everything has to be German, please". Only after a modal and "be", and only with the
// text as the subject: "the recipe should be French" may mean the cuisine, "the reply must be French" not.
import type { LanguageCheck } from "../check.js";
import { type ClauseState, eachMatch } from "../clause-state.js";
import { compiledPattern } from "../compiled-pattern.js";
import { LANGUAGE_CODES } from "./language-codes.js";

const SUBJECT =
  "(?:(?:the|your|this|that|my) (?:(?:entire|whole|full|complete|final) )?(?:response|reply|answer|text|output|message|email|letter|essay|story|post|caption|summary|note|translation|description)|it|everything|all of it)";
const MODAL_BE =
  "(?:must|should|shall|will|would|has to|needs to|is to|ought to|has got to|is going to)(?: (?:all|also|then|always))? be";
const QUALIFIER =
  "(?:(?:written )?(?:entirely|only|all|purely|wholly|completely|exclusively|fully|strictly) )?";
const BE_LANGUAGE = compiledPattern(
  `\\b${SUBJECT} ${MODAL_BE} ${QUALIFIER}(${Object.keys(LANGUAGE_CODES).join("|")})(?: language)?\\b(?= *(?:[,.;:!?)]|$|(?:and|but|with|please|only|throughout|from)\\b))`,
  "gi",
);

/** Reads "must be English" phrasings into language checks. */
export function recognizeLanguageBe(state: ClauseState): void {
  if (!/\bbe\b/i.test(state.text)) return;
  eachMatch(state, BE_LANGUAGE, (match) => {
    const start = match.index;
    const end = start + match[0].length;
    const code = LANGUAGE_CODES[match[1]!.toLowerCase()]!;
    if (state.isNegatedBefore(start)) {
      state.reject(start, end);
      return;
    }
    const name = Object.entries(LANGUAGE_CODES).find(([, other]) => other === code)![0];
    state.accept(start, end, {
      kind: "language",
      language: code,
      name: name.charAt(0).toUpperCase() + name.slice(1),
      source: state.source(start, end),
    } satisfies LanguageCheck);
  });
}

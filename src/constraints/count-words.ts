// The spec's definition of a word (Requirement.description, `x-maestro-max-words`), made exact:
// split on Unicode White_Space, and count each piece that holds at least one letter, number or symbol.
// Pieces made only of punctuation ("-", "…", "—"), format characters (zero-width space, joiners) or
// control characters are not words, since nobody would count them as one when reading the text.

const WORD_CHARACTER = /[\p{L}\p{N}\p{S}]/u;
const WHITE_SPACE = /\p{White_Space}/u;

// ASCII is the common case, so it is classified through a table instead of a regular expression.
const ASCII_SPACE = new Uint8Array(128);
const ASCII_WORD = new Uint8Array(128);
for (let code = 0; code < 128; code += 1) {
  const char = String.fromCharCode(code);
  ASCII_SPACE[code] = WHITE_SPACE.test(char) ? 1 : 0;
  ASCII_WORD[code] = WORD_CHARACTER.test(char) ? 1 : 0;
}

/**
 * Counts the words of `text` as the spec defines them: maximal runs of non-white-space characters
 * that contain at least one letter, number or symbol ("YYYY-MM-DD" and "don't" are one word each; a
 * lone "-" is none).
 *
 * @example countWords("Don't use more than 3 paragraphs - ever.") // 7
 */
export function countWords(text: string): number {
  if (typeof text !== "string") {
    throw new TypeError(`countWords: text must be a string, got ${text === null ? "null" : typeof text}`);
  }
  let words = 0;
  let inPiece = false;
  let pieceIsWord = false;
  const length = text.length;
  for (let index = 0; index < length; index += 1) {
    const code = text.charCodeAt(index);
    let space: boolean;
    let wordy: boolean;
    if (code < 128) {
      space = ASCII_SPACE[code] === 1;
      wordy = ASCII_WORD[code] === 1;
    } else {
      // A surrogate pair is one code point: classify both halves together.
      const isHigh = code >= 0xd800 && code <= 0xdbff && index + 1 < length;
      const next = isHigh ? text.charCodeAt(index + 1) : 0;
      const pair = isHigh && next >= 0xdc00 && next <= 0xdfff;
      const char = pair ? text.slice(index, index + 2) : text[index]!;
      if (pair) index += 1;
      space = WHITE_SPACE.test(char);
      wordy = !space && WORD_CHARACTER.test(char);
    }
    if (space) {
      if (inPiece && pieceIsWord) words += 1;
      inPiece = false;
      pieceIsWord = false;
    } else {
      inPiece = true;
      if (wordy) pieceIsWord = true;
    }
  }
  if (inPiece && pieceIsWord) words += 1;
  return words;
}

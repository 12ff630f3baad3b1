/**
 * The local server's token count: one token per word or run of punctuation, which is close enough to
 * a real tokenizer for cost estimates and for honouring `max_tokens`, and needs no vocabulary.
 */
export function countTokens(text: string): number {
  return splitTokens(text).length;
}

const TOKEN = /[\p{L}\p{N}_'’-]+|[^\s\p{L}\p{N}_'’-]+/gu;

/** Splits text into the tokens {@link countTokens} counts, each with the white space before it. */
export function splitTokens(text: string): string[] {
  // Tokens are matched without their white space, which is then taken from the gap before each one:
  // a leading `\s*` in the pattern is retried from every position of a trailing run of white space,
  // quadratic in its length (50,000 newlines blocked the server for seconds).
  const tokens: string[] = [];
  let end = 0;
  for (const match of text.matchAll(TOKEN)) {
    const next = match.index + match[0].length;
    tokens.push(text.slice(end, next));
    end = next;
  }
  return tokens;
}

/**
 * The local server's token count: one token per word or run of punctuation, which is close enough to
 * a real tokenizer for cost estimates and for honouring `max_tokens`, and needs no vocabulary.
 */
export function countTokens(text: string): number {
  return splitTokens(text).length;
}

/** Splits text into the tokens {@link countTokens} counts, each with the white space before it. */
export function splitTokens(text: string): string[] {
  return text.match(/\s*(?:[\p{L}\p{N}_'’-]+|[^\s\p{L}\p{N}_'’-]+)/gu) ?? [];
}

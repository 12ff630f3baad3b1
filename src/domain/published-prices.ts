// What AI21 charges per token, where it is published; nothing else. Source: AI21's pricing page as
// quoted in github.com/braintrustdata/braintrust-proxy/issues/487 (see shared/reference/ai21-wire-facts.md §6):
// AI21's own stored pages did not give the figures. Maestro runs carry no usage and no published price.

/** Dollars per million tokens, prompt and completion. */
export interface TokenPrice {
  inputUsdPerMillion: number;
  outputUsdPerMillion: number;
}

const PUBLISHED: Readonly<Record<string, TokenPrice>> = {
  "jamba-mini": { inputUsdPerMillion: 0.2, outputUsdPerMillion: 0.4 },
  "jamba-large": { inputUsdPerMillion: 2, outputUsdPerMillion: 8 },
};

/**
 * AI21's published price of a chat model: `jamba-mini` and `jamba-large`, also with a version suffix
 * (`jamba-mini-1.7`); undefined for any other model, whose price is unknown here.
 */
export function publishedChatPrice(model: string): TokenPrice | undefined {
  const family = /^(jamba-(?:mini|large))(?:-\d+(?:\.\d+)*)?$/.exec(model.trim().toLowerCase())?.[1];
  return family === undefined ? undefined : PUBLISHED[family];
}

/** The cost of `usage` at `price`, in dollars. */
export function tokenCostUsd(
  price: TokenPrice,
  usage: { prompt_tokens: number; completion_tokens: number },
): number {
  return (
    (usage.prompt_tokens * price.inputUsdPerMillion + usage.completion_tokens * price.outputUsdPerMillion) /
    1e6
  );
}

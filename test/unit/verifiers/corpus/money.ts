import { type CorpusCase, item } from "./types.js";

/** US dollar amounts, with partial credit per amount. */
export const moneyCases: CorpusCase[] = [
  item("money/usd-pass", "Amounts should be in USD format", "It costs $1,234.56.", 1),
  item("money/usd-no-comma", "Amounts should be in USD format", "It costs $1234.56.", 0),
  item("money/usd-code-after", "Amounts should be in USD format", "It costs 1,234.56 USD.", 0),
  item("money/usd-whole", "Amounts should be in USD format", "It costs $5.", 1),
  item("money/usd-one-decimal", "Amounts should be in USD format", "It costs $5.5.", 0),
  item("money/usd-mixed-currencies", "Amounts should be in USD format", "€20 here and $20 there.", 0.5),
  item("money/usd-none", "Amounts should be in USD format", "No money here.", 1),
  item("money/usd-scaled", "Amounts should be in USD format", "Revenue was $1.5 million.", 1),
  item("money/usd-negative", "Amounts should be in USD format", "A refund of -$20.00.", 1),
  item("money/usd-cents", "Amounts should be in USD format", "Only $0.99!", 1),
  item("money/usd-bad-grouping", "Amounts should be in USD format", "Pay $12,34 now.", 0),
  item(
    "money/usd-millions-grouped",
    "Use USD format for monetary amounts ($1,234.56)",
    "Total: $1,000,000.00",
    1,
  ),
  item("money/us-dollars-euro", "Write all prices in US dollars", "€5 each.", 0),
  item("money/us-dollars-pass", "Write all prices in US dollars", "$5.00 each.", 1),
  item("money/dollars-word", "Amounts in USD format", "It costs 20 dollars and $30.", 0.5),
  item("money/pounds", "Prices must use USD format", "£40 or $40.00", 0.5),
  item("money/space-after-sign", "Amounts should be in USD format", "It costs $ 5.", 0),
  item("money/three-of-four", "All amounts must be in USD format", "$1.00, $2.00, $3.00 and 4 USD", 0.75),
  item("money/euros-unverifiable", "Prices should be in euros", "€5", null),
  item(
    "money/dates-and-amounts",
    "Dates must follow YYYY-MM-DD and amounts should be in USD format.",
    "On 2024-01-05 we paid $1,234.56.",
    1,
  ),
];

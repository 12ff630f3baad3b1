// Money: "Amounts should be in USD format", "Write all prices in US dollars ($1,234.56)". Every amount
// found is judged on its own, so the score is the fraction well formed; no amounts satisfies the rule.
// Well formed means a leading "$", thousands grouped with commas, and either no cents or exactly two
// digits of them: $5, $1,234, $1,234.56, -$20.00; also "$1.5 million" (money-amount.ts reads both). An
// amount in another currency ("€20", "20 EUR") is not in USD format.
import type { CurrencyCheck } from "../check.js";
import { type ClauseState, eachMatch } from "../clause-state.js";
import { compiledPattern } from "../compiled-pattern.js";
import { findAmountTexts, readUsdAmount } from "../money-amount.js";
import type { TextFacts } from "../text-facts.js";
import type { FamilyScore } from "./family-score.js";

const MONEY_SUBJECT =
  /\b(?:(?:all|any|every|the|each) )?(?:amounts?|prices?|costs?|money|monetary (?:amounts?|values?|figures?)|currenc(?:y|ies)|figures?|sums?|totals?|salar(?:y|ies)|payments?|fees?|budgets?|revenues?|dollar amounts?|values?|numbers?|expenses?|charges?|earnings?|wages?)\b/gi;
const USD =
  /\b(?:in |as |using )?(?:usd|us dollars?|us\$|dollars?|us currency|american dollars?)\b(?: (?:formatting|format|notation|style|amounts?))?|\(?\$[\d,.x#]*\)?(?: (?:formatting|format|notation|style))?|\b(?:usd|dollar) (?:format|formatting|notation|style)\b/gi;
const OTHER_CURRENCY =
  /\b(?:eur|euros?|gbp|pounds? sterling|pounds|yen|jpy|inr|rupees?|yuan|cny|rmb)\b|[€£¥₹]/i;

/** {@link MONEY_SUBJECT}'s first match in a clause (no global flag, so no state between calls). */
const FIRST_MONEY_SUBJECT = compiledPattern(MONEY_SUBJECT.source, "i");

/** Reads "amounts in USD format" in a clause into a currency check. */
export function recognizeMoney(state: ClauseState): void {
  const subject = FIRST_MONEY_SUBJECT.exec(state.text);
  let found = false;
  eachMatch(state, USD, (match) => {
    const start = match.index;
    const end = start + match[0].length;
    const format = /format|notation|style/i.test(match[0]);
    if (!subject && !format) return;
    if (found) {
      state.consume(start, end);
      return;
    }
    if (state.isNegatedBefore(start)) {
      state.reject(start, end);
      return;
    }
    found = true;
    state.accept(start, end, {
      kind: "currency",
      currency: "USD",
      source: state.source(start, end),
    } satisfies CurrencyCheck);
  });
  if (found) {
    eachMatch(state, MONEY_SUBJECT, (match) => state.consume(match.index, match.index + match[0].length));
  } else if (subject) {
    // "Prices in euros": understood, but only US dollar formatting is checked.
    const other = OTHER_CURRENCY.exec(state.text);
    if (other) {
      const start = Math.min(subject.index, other.index);
      state.reject(start, Math.max(subject.index + subject[0].length, other.index + other[0].length));
    }
  }
}

/** Scores a currency check: the fraction of money amounts written as $1,234.56; 1 when there are none. */
export function scoreCurrency(_check: CurrencyCheck, facts: TextFacts): FamilyScore {
  const amounts = facts.remember("amounts", findAmountTexts);
  const bad = amounts.filter((amount) => readUsdAmount(amount) === undefined);
  const total = amounts.length;
  if (total === 0) return { score: 1, reason: "no money amounts found; nothing to check against USD format" };
  const good = total - bad.length;
  if (bad.length === 0) return { score: 1, reason: `${total} of ${total} amounts in USD format ($1,234.56)` };
  const shown = bad
    .slice(0, 3)
    .map((amount) => `"${amount}"`)
    .join(", ");
  const more = bad.length > 3 ? ` and ${bad.length - 3} more` : "";
  return {
    score: good / total,
    reason: `${good} of ${total} amounts in USD format ($1,234.56); not: ${shown}${more}`,
  };
}

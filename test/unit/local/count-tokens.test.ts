import * as fc from "fast-check";
import { describe, expect, test } from "vitest";
import { countTokens, countTokensInTurns, splitTokens } from "../../../src/local/index.js";

/** The pattern splitTokens used before it became linear: the oracle for what a token is. */
const quadraticSplit = (text: string) => text.match(/\s*(?:[\p{L}\p{N}_'’-]+|[^\s\p{L}\p{N}_'’-]+)/gu) ?? [];

describe("splitTokens", () => {
  test.each([
    ["", []],
    ["   ", []],
    ["hello", ["hello"]],
    ["Hello, world!", ["Hello", ",", " world", "!"]],
    ["  leading and trailing  ", ["  leading", " and", " trailing"]],
    ["don't re-use snake_case", ["don't", " re-use", " snake_case"]],
    ["l’été", ["l’été"]],
    ["a\n\nb", ["a", "\n\nb"]],
    ["x...?!y", ["x", "...?!", "y"]],
    ["1,234.50 USD", ["1", ",", "234", ".", "50", " USD"]],
    ["🙂🙂 ok", ["🙂🙂", " ok"]],
    ["東京 タワー", ["東京", " タワー"]],
  ])("splits %j into %j", (text, tokens) => {
    expect(splitTokens(text)).toEqual(tokens);
    expect(countTokens(text)).toBe(tokens.length);
  });

  test("joins back into the text without its trailing white space", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (text) => {
        expect(splitTokens(text).join("")).toBe(text.trimEnd());
      }),
      { numRuns: 500 },
    );
  });

  test("splits exactly as the former pattern did", () => {
    const unit = fc.constantFrom(
      "a",
      "É",
      "1",
      "_",
      "'",
      "’",
      "-",
      ",",
      ".",
      "🙂",
      " ",
      "\n",
      "\t",
      "\u00a0",
      "\ud800",
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 40 }), (text) => {
        expect(splitTokens(text)).toEqual(quadraticSplit(text));
      }),
      { numRuns: 2_000 },
    );
  });

  test("stays linear on long runs of white space (the former pattern took seconds on 50,000 newlines)", () => {
    const started = performance.now();
    expect(countTokens(`word${"\n".repeat(1_000_000)}`)).toBe(1);
    expect(countTokens(" ".repeat(1_000_000))).toBe(0);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe("countTokensInTurns", () => {
  test("counts exactly as countTokens, a piece per turn of the event loop", async () => {
    const text = Array.from({ length: 40_000 }, (_, index) => `word${index}, l’été don't ${index % 7}.`).join(
      "\n",
    );
    let turns = 0;
    let counting = true;
    const tick = () => {
      turns += 1;
      if (counting) setImmediate(tick);
    };
    setImmediate(tick);
    const count = await countTokensInTurns(text);
    counting = false;
    expect(count).toBe(countTokens(text));
    // About 1 MiB in 64 KiB pieces: the event loop turned between the pieces.
    expect(turns).toBeGreaterThanOrEqual(Math.floor(text.length / (64 * 1024)) - 1);
  });

  test("a text without white space is one piece", async () => {
    const text = "x".repeat(200_000);
    expect(await countTokensInTurns(text)).toBe(1);
  });
});

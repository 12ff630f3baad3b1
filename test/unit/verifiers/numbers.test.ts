// Numbers as requirements write them: the pattern every family shares (NUMBER) and its reading.
import { describe, expect, test } from "vitest";
import { NUMBER, parseNumber, TIMES } from "../../../src/verifiers/numbers.js";

/** The number a family would read at the start of `text`: the pattern's match, then its value. */
function leadingNumber(text: string): number | undefined {
  const match = new RegExp(`^(?:${NUMBER})`, "i").exec(text);
  return match === null ? undefined : parseNumber(match[0]);
}

describe("NUMBER", () => {
  test.each([
    ["3 paragraphs", 3],
    ["1,000 words", 1000],
    ["12th", 12],
    ["zero", 0],
    ["eleven bullet points", 11],
    ["Nineteen", 19],
    ["twenty-five words", 25],
    ["Seventy One times", 71],
    ["forty", 40],
    ["a hundred words", 100],
    ["a hundred and five words", 105],
    ["three hundred and twenty-one", 321],
    ["two thousand", 2000],
    ["three and five", 3],
    ["a dozen", 12],
    ["half a dozen", 6],
    ["a single sentence", 1],
    ["single", 1],
  ])("%j starts with %d", (text, value) => {
    expect(leadingNumber(text)).toBe(value);
  });

  test.each([
    "a",
    "a sentence",
    "a hundredth",
    "a thousands",
    "sixt",
    "fourty",
    "twentyone",
    "eights",
    "tens",
    "hundred",
  ])("%j is not a number", (text) => {
    expect(new RegExp(`^(?:${NUMBER})(?![a-z])`, "i").test(text)).toBe(false);
  });

  test("a bare 'a' is never the number, even where the rest of a pattern would then match", () => {
    const pattern = new RegExp(`(${NUMBER}) [a-z]+ words`, "i");
    expect(pattern.exec("a hundred words")).toBeNull();
    expect(pattern.exec("write a hundred short words")?.[1]).toBe("a hundred");
  });

  test("TIMES reads once, twice, thrice and counted times", () => {
    const times = new RegExp(`^${TIMES}$`, "i");
    expect(
      ["once", "twice", "thrice", "3 times", "twenty-two times", "a hundred times"].every((text) =>
        times.test(text),
      ),
    ).toBe(true);
    expect(times.test("a times")).toBe(false);
  });
});

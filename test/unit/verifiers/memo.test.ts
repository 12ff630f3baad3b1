import { describe, expect, test } from "vitest";
import { clearVerifierCaches, parseRequirement } from "../../../src/verifiers/index.js";
import { escapeRegex, memoize } from "../../../src/verifiers/memo.js";

describe("memoize", () => {
  test("builds once per key, and again after clearVerifierCaches", () => {
    const built: string[] = [];
    const lengthOf = memoize((key: string) => {
      built.push(key);
      return { length: key.length };
    });
    const first = lengthOf("abc");
    expect(lengthOf("abc")).toBe(first);
    expect(lengthOf("de")).toEqual({ length: 2 });
    expect(built).toEqual(["abc", "de"]);
    clearVerifierCaches();
    expect(lengthOf("abc")).not.toBe(first);
    expect(built).toEqual(["abc", "de", "abc"]);
  });

  test("forgets the least recently used key beyond its capacity", () => {
    const built: number[] = [];
    const square = memoize((key: number) => {
      built.push(key);
      return key * key;
    }, 2);
    square(1);
    square(2);
    square(1);
    square(3); // forgets 2, the least recently used
    square(1);
    square(2);
    expect(built).toEqual([1, 2, 3, 2]);
  });

  test("clearVerifierCaches also empties the parsed descriptions", () => {
    const first = parseRequirement("Write at most 3 sentences.");
    expect(parseRequirement("Write at most 3 sentences.")).toBe(first);
    clearVerifierCaches();
    const again = parseRequirement("Write at most 3 sentences.");
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
  });
});

describe("escapeRegex", () => {
  test.each(["a.b", "1+1=2", "(x)", "[y]", "{z}", "a|b", "^$", "back\\slash", "*?"])(
    "%s matches only itself",
    (text) => {
      const pattern = new RegExp(`^${escapeRegex(text)}$`);
      expect(pattern.test(text)).toBe(true);
      expect(pattern.test(`${text}x`)).toBe(false);
    },
  );
});

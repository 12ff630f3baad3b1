// The verifiers' module-level patterns, compiled together ahead of their first match: compiling one must
// change nothing about what it matches, nor the state (lastIndex) a global pattern carries between calls.
import { describe, expect, test } from "vitest";
import {
  compiledPattern,
  compilePatterns,
  compilePatternsInTurns,
  compileSomePatterns,
} from "../../../src/verifiers/compiled-pattern.js";
import { clearParseCache, parseRequirement } from "../../../src/verifiers/index.js";

describe("compiledPattern", () => {
  test("is the pattern itself, from a source and flags or from a literal", () => {
    const fromSource = compiledPattern("\\bcolou?r\\b", "gi");
    expect([fromSource.source, fromSource.flags]).toEqual(["\\bcolou?r\\b", "gi"]);
    const literal = /\bgr[ae]y\b/u;
    expect(compiledPattern(literal)).toBe(literal);
  });

  test("compiling leaves what a pattern matches, and a global pattern's lastIndex, as they were", () => {
    const global = compiledPattern("\\b(?:one|two|three)\\b", "gi");
    const sticky = compiledPattern("[a-z]+", "y");
    global.lastIndex = 4;
    sticky.lastIndex = 2;
    while (compileSomePatterns(3));
    compilePatterns();
    expect([global.lastIndex, sticky.lastIndex]).toEqual([4, 2]);
    global.lastIndex = 0;
    expect("One, two and Three".match(global)).toEqual(["One", "two", "Three"]);
    sticky.lastIndex = 3;
    expect(sticky.exec("ab cd")?.[0]).toBe("cd");
  });

  test("compiled in turns: a late pattern is compiled with the rest, and an aborted signal stops at once", async () => {
    const late = compiledPattern("\\b(?:turn|turns)\\b", "i");
    const aborted = new AbortController();
    aborted.abort();
    await expect(compilePatternsInTurns(1, aborted.signal)).resolves.toBeUndefined();
    await compilePatternsInTurns(1);
    // Nothing is left to compile, and compiling changed nothing about what the pattern matches.
    expect(compileSomePatterns(1)).toBe(false);
    expect(late.test("Two TURNS")).toBe(true);
  });

  test("a pattern made after the others were compiled is usable at once", () => {
    compilePatterns();
    const late = compiledPattern("^late$", "i");
    expect(late.test("LATE")).toBe(true);
    expect(compileSomePatterns(10)).toBe(false);
  });

  test("the verifiers read the same after their patterns are compiled", () => {
    const description = "Write at most 3 paragraphs and start with the word Hello";
    const before = parseRequirement(description);
    clearParseCache();
    compilePatterns();
    const after = parseRequirement(description);
    expect(after).not.toBe(before);
    expect(after).toEqual(before);
  });
});

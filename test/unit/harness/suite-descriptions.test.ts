// The guess a run makes, as its workers start, of whether its suites hold descriptions the parse memory
// lacks: read from the suite files' source.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { readSuiteDescriptions, spellsOutNewDescriptions } from "../../../src/harness/suite-descriptions.js";

describe("readSuiteDescriptions", () => {
  test.each([
    [
      'requirements: [{ name: "a", description: "Write at most 3 sentences." }]',
      ["Write at most 3 sentences."],
    ],
    ["{ description: 'Don\\'t use commas', name: 'b' }", ["Don't use commas"]],
    ['{ description: "Say \\"hello\\" first" }', ['Say "hello" first']],
    ["{ description:`End with a question` }", ["End with a question"]],
    // Built at run time: not seen, and not guessed at.
    ["{ description: `At most ${n} words` }", []],
    ["{ description: base + ' and be brief' }", []],
    ['const description = "not a requirement"; { descriptions: "x" }', []],
    ['[{ name: "a", description: "One." },\n { name: "b", description: "Two." }]', ["One.", "Two."]],
  ])("%s", (source, expected) => {
    expect(readSuiteDescriptions(source)).toEqual(expected);
  });
});

describe("spellsOutNewDescriptions", () => {
  const dir = mkdtempSync(join(tmpdir(), "maestro-eval-suite-descriptions-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const suite = (name: string, descriptions: string[]) => {
    const file = join(dir, name);
    writeFileSync(
      file,
      `describeMaestro("s", { requirements: ${JSON.stringify(descriptions.map((description, index) => ({ name: `r${index}`, description })))} });`,
    );
    return file;
  };

  test("says whether any suite spells out a description not known; an unreadable file says nothing", () => {
    const remembered = new Set(["Write at most 3 sentences.", "Do not use any commas."]);
    const known = (description: string) => remembered.has(description);
    const old = suite("old.eval.ts", ["Write at most 3 sentences."]);
    const edited = suite("edited.eval.ts", ["Do not use any commas.", "Write at most 2 sentences."]);
    expect(spellsOutNewDescriptions([old], known)).toBe(false);
    expect(spellsOutNewDescriptions([old, edited], known)).toBe(true);
    expect(spellsOutNewDescriptions([join(dir, "missing.eval.ts"), old], known)).toBe(false);
    expect(spellsOutNewDescriptions([], known)).toBe(false);
  });
});

// Parses handed from one process to the next of the same build: a remembered parse must read exactly as a
// fresh one, for every requirement of the IFEval and paraphrase corpora, and anything else in the file
// (another build, a malformed parse) is left out.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { RESPONSE_LANGUAGES } from "../../../src/domain/index.js";
import { clearParseCache, parseRequirement, verify } from "../../../src/verifiers/index.js";
import {
  BUILD_ID,
  loadParseMemory,
  PARSE_MEMORY_VERSION,
  REMEMBERED_PARSES,
  recalledParseCount,
  recallParses,
  rememberParses,
  saveParseMemory,
} from "../../../src/verifiers/parse-memory.js";
import { isParsed } from "../../../src/verifiers/parse-requirement.js";
import { readIfevalCases, readParaphraseCases } from "../../helpers/measure-ifeval.js";

const BUILD = "0123456789abcdef";

beforeEach(() => clearParseCache());
afterEach(() => clearParseCache());

/** A memory holding what this process parsed of `descriptions`, as a file holds it (through JSON). */
function memoryOf(descriptions: readonly string[], build = BUILD): unknown {
  clearParseCache();
  for (const description of descriptions) parseRequirement(description);
  const memory = JSON.parse(JSON.stringify(rememberParses(build)));
  clearParseCache();
  return memory;
}

describe("a remembered parse", () => {
  test("reads and scores as a fresh one, for every requirement of the IFEval and paraphrase corpora", () => {
    const cases = [
      ...readIfevalCases().map(({ requirement, text }) => ({ requirement, text })),
      ...readParaphraseCases().map(({ requirement, text }) => ({ requirement, text })),
    ];
    const descriptions = [...new Set(cases.map((entry) => entry.requirement))];
    expect(descriptions.length).toBeGreaterThan(REMEMBERED_PARSES);
    // In batches a memory can hold, each recalled into an empty cache and compared with a fresh parse.
    for (let start = 0; start < descriptions.length; start += REMEMBERED_PARSES) {
      const batch = descriptions.slice(start, start + REMEMBERED_PARSES);
      const fresh = new Map(batch.map((description) => [description, parseRequirement(description)]));
      const memory = memoryOf(batch);
      expect(recallParses(memory, BUILD)).toBe(batch.length);
      for (const description of batch) {
        const recalled = parseRequirement(description);
        expect(recalled).toStrictEqual(fresh.get(description));
        expect(Object.isFrozen(recalled.checks)).toBe(true);
      }
      for (const { requirement, text } of cases.filter((entry) => fresh.has(entry.requirement))) {
        expect(verify(text, parseRequirement(requirement))).toStrictEqual(
          verify(text, fresh.get(requirement)!),
        );
      }
    }
  });

  test("keeps the response language it was read for", () => {
    const language = RESPONSE_LANGUAGES.find((code) => code !== "english" && code !== "unset")!;
    const description = "Write at most 2 sentences.";
    const fresh = parseRequirement(description, { responseLanguage: language });
    const memory = JSON.parse(JSON.stringify(rememberParses(BUILD)));
    clearParseCache();
    expect(recallParses(memory, BUILD)).toBe(1);
    expect(parseRequirement(description, { responseLanguage: language })).toStrictEqual(fresh);
  });
});

describe("isParsed", () => {
  test("says whether a description, for a response language, reads from the cache", () => {
    expect(isParsed("Write at most 3 sentences.")).toBe(false);
    parseRequirement("Write at most 3 sentences.");
    expect(isParsed("Write at most 3 sentences.")).toBe(true);
    expect(isParsed("Write at most 3 sentences.", { responseLanguage: "unset" })).toBe(true);
    expect(isParsed("Write at most 3 sentences.", { responseLanguage: "french" })).toBe(false);
    const memory = memoryOf(["Do not use any commas."]);
    expect(isParsed("Do not use any commas.")).toBe(false);
    recallParses(memory, BUILD);
    expect(isParsed("Do not use any commas.")).toBe(true);
  });
});

describe("recallParses", () => {
  const descriptions = ["Write at most 3 sentences.", "Do not use any commas.", "End with a question."];

  test("adopts none from another build, another version or no memory", () => {
    const memory = memoryOf(descriptions) as { build: string; version: number };
    expect(recallParses({ ...memory, build: "fedcba9876543210" }, BUILD)).toBe(0);
    expect(recallParses({ ...memory, version: PARSE_MEMORY_VERSION + 1 }, BUILD)).toBe(0);
    for (const nothing of [undefined, null, "text", 3, [], { version: 1, build: BUILD, parses: "x" }])
      expect(recallParses(nothing, BUILD)).toBe(0);
  });

  test.each([
    ["a check of no known kind", (entry: Record<string, any>) => (entry.parsed.checks[0].kind = "magic")],
    ["a bound that is not a number", (entry: Record<string, any>) => (entry.parsed.checks[0].max = "3")],
    ["another description", (entry: Record<string, any>) => (entry.parsed.description = "Be brief.")],
    ["an unknown verdict", (entry: Record<string, any>) => (entry.parsed.verdict = "fine")],
    ["an unknown language", (entry: Record<string, any>) => (entry.responseLanguage = "tlh")],
    ["unchecked fragments that are not text", (entry: Record<string, any>) => (entry.parsed.unchecked = [1])],
    ["no checks", (entry: Record<string, any>) => delete entry.parsed.checks],
  ])("leaves out a parse with %s and adopts the others", (_, spoil) => {
    const memory = memoryOf(descriptions) as { parses: Record<string, any>[] };
    const spoiled = memory.parses.find((entry) => entry.description === descriptions[0])!;
    spoil(spoiled);
    const before = recalledParseCount();
    expect(recallParses(memory, BUILD)).toBe(descriptions.length - 1);
    expect(recalledParseCount()).toBe(before + descriptions.length - 1);
    // The spoiled one is read afresh, as if never remembered.
    expect(parseRequirement(descriptions[0]!).checks).toEqual([
      expect.objectContaining({ kind: "count", unit: "sentences", max: 3 }),
    ]);
  });
});

describe("rememberParses", () => {
  test("puts this process's parses after the earlier memory's others, and keeps at most the limit", () => {
    const earlier = memoryOf(["Do not use any commas.", "End with a question."]);
    parseRequirement("End with a question.");
    parseRequirement("Write at most 3 sentences.");
    const memory = rememberParses(BUILD, earlier);
    expect(memory.parses.map((entry) => entry.description)).toEqual([
      "Do not use any commas.",
      "End with a question.",
      "Write at most 3 sentences.",
    ]);
    // Another build's memory is not carried over.
    expect(rememberParses(BUILD, { ...(earlier as object), build: "other" }).parses).toHaveLength(2);
    clearParseCache();
    for (let index = 0; index < REMEMBERED_PARSES + 5; index += 1)
      parseRequirement(`Write at most ${index + 1} words.`);
    const full = rememberParses(BUILD);
    expect(full.parses).toHaveLength(REMEMBERED_PARSES);
    expect(full.parses.at(-1)!.description).toBe(`Write at most ${REMEMBERED_PARSES + 5} words.`);
  });
});

describe("the memory's file", () => {
  const dirs: string[] = [];
  const folder = () => {
    const dir = mkdtempSync(join(tmpdir(), "maestro-eval-parse-memory-"));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  test("is written whole, merged with what another process wrote, and read back by the same build only", () => {
    const file = join(folder(), "cache", "parsed-requirements.json");
    parseRequirement("Write at most 3 sentences.");
    saveParseMemory(file, BUILD);
    clearParseCache();
    // Another process of the same build wrote its own parse since.
    parseRequirement("Do not use any commas.");
    saveParseMemory(file, BUILD);
    const written = JSON.parse(readFileSync(file, "utf8"));
    expect(written.build).toBe(BUILD);
    expect(written.parses.map((entry: { description: string }) => entry.description)).toEqual([
      "Write at most 3 sentences.",
      "Do not use any commas.",
    ]);
    clearParseCache();
    expect(loadParseMemory(file, "fedcba9876543210")).toBe(0);
    expect(loadParseMemory(file, BUILD)).toBe(2);
  });

  test("is not written again by a process that parsed nothing new since it read or wrote it", () => {
    const file = join(folder(), "parsed-requirements.json");
    parseRequirement("Write at most 3 sentences.");
    saveParseMemory(file, BUILD);
    clearParseCache();
    expect(loadParseMemory(file, BUILD)).toBe(1);
    parseRequirement("Write at most 3 sentences.");
    // Each suite's end asks to keep what was parsed: with nothing new, the file is left as another wrote it.
    writeFileSync(file, "written by another process");
    saveParseMemory(file, BUILD);
    expect(readFileSync(file, "utf8")).toBe("written by another process");
    parseRequirement("Do not use any commas.");
    saveParseMemory(file, BUILD);
    expect(JSON.parse(readFileSync(file, "utf8")).parses).toHaveLength(2);
  });

  test("is a cache: missing, unreadable or unwritable, it costs nothing but the head start", () => {
    const dir = folder();
    expect(loadParseMemory(join(dir, "missing.json"), BUILD)).toBe(0);
    writeFileSync(join(dir, "broken.json"), "{ not json");
    expect(loadParseMemory(join(dir, "broken.json"), BUILD)).toBe(0);
    parseRequirement("Write at most 3 sentences.");
    // A file where its folder should be: nothing can be written under it.
    writeFileSync(join(dir, "blocked"), "");
    expect(() => saveParseMemory(join(dir, "blocked", "parsed-requirements.json"), BUILD)).not.toThrow();
  });

  test("is neither read nor written when running from the sources, which have no build", () => {
    expect(BUILD_ID).toBeUndefined();
    const file = join(folder(), "parsed-requirements.json");
    parseRequirement("Write at most 3 sentences.");
    saveParseMemory(file);
    expect(() => readFileSync(file)).toThrow();
    writeFileSync(file, JSON.stringify(rememberParses(BUILD)));
    expect(loadParseMemory(file)).toBe(0);
  });
});

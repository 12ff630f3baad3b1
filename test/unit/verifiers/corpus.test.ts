// The labelled corpus, run as a table: each case is a test titled with its id, so a failure names it.
import { describe, expect, test } from "vitest";
import {
  CHECK_KINDS,
  parseRequirement,
  readVerdict,
  verifyRequirement,
} from "../../../src/verifiers/index.js";
import { type CorpusCase, corpus } from "./corpus/index.js";

function textOf(entry: CorpusCase): string {
  return typeof entry.text === "function" ? entry.text() : entry.text;
}

function optionsOf(entry: CorpusCase) {
  return entry.responseLanguage === undefined ? {} : { responseLanguage: entry.responseLanguage };
}

describe("verifier corpus", () => {
  test("holds at least 300 cases with unique ids", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(300);
    const ids = corpus.map((entry) => entry.id);
    expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([]);
  });

  test("covers every check kind", () => {
    const kinds = new Set(
      corpus.flatMap((entry) =>
        parseRequirement(entry.description, optionsOf(entry)).checks.map((check) => check.kind),
      ),
    );
    expect([...CHECK_KINDS].filter((kind) => !kinds.has(kind))).toEqual([]);
  });

  test.each(corpus.map((entry) => [entry.id, entry] as const))("%s", (_id, entry) => {
    const result = verifyRequirement(textOf(entry), entry.description, optionsOf(entry));
    const summary = { description: entry.description, reason: result.reason };
    if (entry.score === null) {
      expect({ score: result.score, ...summary }).toEqual({ score: null, ...summary });
    } else {
      expect({ score: result.score === null ? null : Number(result.score.toFixed(6)), ...summary }).toEqual({
        score: Number(entry.score.toFixed(6)),
        ...summary,
      });
    }
    expect(result.verdict).toBe(entry.verdict ?? readVerdict(entry.score));
  });
});

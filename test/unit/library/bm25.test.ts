import { describe, expect, test } from "vitest";
import { createBm25Index, rankPassages, tokenize } from "../../../src/library/index.js";

// N = 3 documents of lengths 2, 3 and 1 (average 2). Hand-computed with k1 = 1.2, b = 0.75:
// idf(a) = ln(1 + 1.5/2.5) = ln 1.6, idf(c) = ln(1 + 2.5/1.5) = ln(8/3).
const index = createBm25Index([["a", "b"], ["a", "c", "c"], ["d"]]);
const idfA = Math.log(1.6);
const idfC = Math.log(8 / 3);

describe("createBm25Index", () => {
  test.each<[string, number]>([
    ["a", 2],
    ["c", 1],
    ["d", 1],
    ["z", 0],
  ])("idf(%s): %i of 3 documents hold it", (term, holders) => {
    expect(index.idf(term)).toBeCloseTo(Math.log(1 + (3 - holders + 0.5) / (holders + 0.5)), 10);
  });

  test.each<[string, string[], number, number]>([
    ["one term, average length, tf 1", ["a"], 0, idfA],
    ["one term in a longer document", ["a"], 1, (idfA * 2.2) / (1 + 1.2 * (0.25 + 0.75 * 1.5))],
    ["tf 2 saturates", ["c"], 1, (idfC * 2 * 2.2) / (2 + 1.2 * (0.25 + 0.75 * 1.5))],
    ["two terms add up", ["a", "c"], 1, (idfA * 2.2) / 2.65 + (idfC * 4.4) / 3.65],
    ["a repeated query term counts once", ["a", "a"], 0, idfA],
    ["no shared term", ["c"], 0, 0],
    ["an empty query", [], 0, 0],
  ])("score: %s", (_, query, document, expected) => {
    expect(index.score(query, document)).toBeCloseTo(expected, 10);
  });

  test.each<[string, string[], number, number]>([
    ["every query term once at average length scores 1", ["a"], 0, 1],
    ["half the query's weight", ["a", "c"], 0, idfA / (idfA + idfC)],
    ["capped at 1", ["a", "c"], 1, 1],
    ["terms no document holds are left out", ["a", "zzz"], 0, 1],
    ["only unknown terms score 0", ["zzz"], 0, 0],
    ["nothing shared scores 0", ["a"], 2, 0],
  ])("normalisedScore: %s", (_, query, document, expected) => {
    expect(index.normalisedScore(query, document)).toBeCloseTo(expected, 10);
  });

  test("an empty index, empty documents and bad constants", () => {
    expect(createBm25Index([]).documentCount).toBe(0);
    expect(createBm25Index([[], []]).score(["a"], 0)).toBe(0);
    expect(() => createBm25Index([], { b: 2 })).toThrow(
      new RangeError("createBm25Index: k1 must be >= 0 and b within [0, 1], got k1 1.2, b 2"),
    );
    expect(() => index.score(["a"], 7)).toThrow(new RangeError("Bm25Index.score: no document 7"));
  });
});

describe("tokenize", () => {
  test.each<[string, string[]]>([
    ["The orders' cases, and Dana's boxes", ["order", "case", "dana", "box"]],
    ["Refunds: within 14 days!", ["refund", "within", "14", "day"]],
    ["policies matches classes status analysis", ["policy", "match", "class", "status", "analysis"]],
    ["Ünïcode Straße 東京", ["ünïcode", "straße", "東京"]],
    ["it is what it is", []],
  ])("%s", (text, terms) => {
    expect(tokenize(text)).toEqual(terms);
  });
});

describe("rankPassages", () => {
  const passages = [
    "Refunds are paid within 14 days.",
    "Shipping takes 2 days.",
    "Refunds for damaged items: refunds are paid at once.",
    "Nothing here.",
  ];
  test("ranks best first, leaves out passages sharing no term, keeps ties in order", () => {
    const ranked = rankPassages(passages, (text) => tokenize(text), "How do refunds work?");
    expect(ranked.map((item) => item.passage)).toEqual([passages[2], passages[0]]);
    expect(ranked[0]!.score).toBeGreaterThan(ranked[1]!.score);
    const ties = rankPassages(["days", "days"], (text) => tokenize(text), "days?");
    expect(ties.map((item) => item.score)).toEqual([ties[0]!.score, ties[0]!.score]);
  });
  test("a query of stop words finds nothing", () => {
    expect(rankPassages(passages, (text) => tokenize(text), "what is it")).toEqual([]);
  });
});

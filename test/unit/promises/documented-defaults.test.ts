// Defaults and limits that README.md and docs/ state and that no other test asserted by value: each test
// fails if the documented number changes in the code (docs/promises.md lists which claim each pins).
import { describe, expect, test, vi } from "vitest";
import {
  buildEvalReport,
  type EvalReport,
  evaluateGate,
  pairedComparison,
} from "../../../src/domain/index.js";
import { computeTrends, type HistoryEntry } from "../../../src/domain/run-history.js";
import { createBm25Index } from "../../../src/library/bm25.js";
import {
  DEFAULT_LIBRARY_MAX_TOTAL_BYTES,
  FILE_SEARCH_MAX_RESULTS,
  MAX_LIBRARY_FILE_BYTES,
  MAX_LIBRARY_FILE_NAME_LENGTH,
  splitPassages,
} from "../../../src/library/index.js";
import { countTokensInTurns } from "../../../src/local/count-tokens.js";
import {
  DEFAULT_MODEL_PROFILE,
  DEFAULT_RUN_MODEL,
  MODEL_PROFILES,
  resolveModelProfile,
} from "../../../src/local/model-profiles.js";
import { SIM_MAX_FACT_CHARS } from "../../../src/local/sim-generator.js";
import { MCP_MAX_CALLS_PER_SERVER, WEB_SEARCH_MAX_RESULTS } from "../../../src/local/tools/index.js";
import { compareOutputs } from "../../../src/reporter/compare-outputs.js";
import {
  createJudge,
  MIN_LETTERS_FOR_LANGUAGE,
  parseRequirement,
  renderJudgePrompt,
} from "../../../src/verifiers/index.js";
import { type CellSpec, makeOutcome, RUN_TIMES } from "../reporter/fixtures.js";

function report(specs: CellSpec[]): EvalReport {
  return buildEvalReport(specs.map(makeOutcome), { ...RUN_TIMES, compareOutputs });
}

describe("README: the gate's and the history's defaults", () => {
  test("infrastructure.maxErrorRate is 0 by default: one errored cell in ten exits 2", () => {
    const specs: CellSpec[] = Array.from({ length: 9 }, (_, index) => ({
      case: `case-${index}`,
      repeat: 0,
      scores: { formats: 1 },
    }));
    specs.push({
      case: "case-9",
      repeat: 0,
      scores: { formats: 1 },
      error: { category: "infrastructure", name: "MaestroConnectionError", message: "ECONNREFUSED" },
    });
    const result = evaluateGate(report(specs), {});
    expect(result.infrastructure).toMatchObject({ errors: 1, cells: 10, maxErrorRate: 0 });
    expect(result.exitCode).toBe(2);
    // Without the error, the same report passes the default gate.
    expect(evaluateGate(report(specs.slice(0, 9)), {}).exitCode).toBe(0);
  });

  test("at the default alpha 0.05 three repeats of one case never suffice: six pairs are needed", () => {
    const three = pairedComparison([1, 1, 1], [0, 0, 0]);
    expect(three.verdict).toBe("insufficient_data");
    expect(pairedComparison([1, 1, 1, 1, 1], [0, 0, 0, 0, 0]).verdict).toBe("insufficient_data");
    expect(pairedComparison([1, 1, 1, 1, 1, 1], [0, 0, 0, 0, 0, 0])).toMatchObject({
      verdict: "better",
      n: 6,
    });
  });

  test("history --last is 20 by default", () => {
    const entries: HistoryEntry[] = Array.from({ length: 25 }, (_, index) => ({
      v: 1,
      run: `run-${index}`,
      at: new Date(Date.UTC(2026, 0, 1, 0, index)).toISOString(),
      commit: `c${index}`,
      branch: "main",
      dirty: false,
      backends: ["local"],
      simulated: true,
      shard: null,
      source: "run",
      suite: "orders",
      groups: [
        {
          group: "jamba-mini/low",
          cells: 1,
          overall: index / 25,
          mandatory: 1,
          costUsd: 0.0001,
          latencyP50Ms: 700,
          requirements: [{ name: "length", mandatory: false, mean: index / 25, pass: 1 }],
        },
      ],
    }));
    const trends = computeTrends(entries);
    expect(trends.runs).toHaveLength(20);
    expect(trends.runs.at(-1)?.run).toBe("run-24");
    expect(computeTrends(entries, { last: 25 }).runs).toHaveLength(25);
  });
});

describe("README: the embedded local server", () => {
  test("the simulated profiles are the table's", () => {
    const table = Object.fromEntries(
      Object.entries(MODEL_PROFILES).map(([name, profile]) => [
        name,
        [profile.skill, profile.latencyMsPerStep, profile.inputUsdPerMillion, profile.outputUsdPerMillion],
      ]),
    );
    expect(table).toEqual({
      "jamba-large": [0.86, 1800, 2, 8],
      "jamba-mini": [0.62, 700, 0.2, 0.4],
      "gpt-4o": [0.84, 1500, 2.5, 10],
      "gpt-4.1": [0.88, 1600, 2, 8],
      "gpt-4.1-mini": [0.72, 800, 0.4, 1.6],
      "claude-4-sonnet": [0.9, 2000, 3, 15],
      "claude-3-5-haiku": [0.66, 700, 0.8, 4],
      "gemini-2.5-flash": [0.74, 900, 0.3, 2.5],
      "gemini-2.5-flash-lite": [0.6, 500, 0.1, 0.4],
      "mistral-small": [0.58, 600, 0.2, 0.6],
    });
  });

  test("any other name gets 0.70, 1.0 s, 1.00 / 3.00; a run that names no model uses jamba-large", () => {
    expect(DEFAULT_MODEL_PROFILE).toEqual({
      skill: 0.7,
      latencyMsPerStep: 1000,
      inputUsdPerMillion: 1,
      outputUsdPerMillion: 3,
    });
    expect(resolveModelProfile("my-own-model")).toEqual(DEFAULT_MODEL_PROFILE);
    expect(DEFAULT_RUN_MODEL).toBe("jamba-large");
  });

  test("the simulated models read facts from the first 32 KiB of an input", () => {
    expect(SIM_MAX_FACT_CHARS).toBe(32 * 1024);
  });

  test("an input's tokens are counted 16 KiB per turn of the event loop", async () => {
    const text = Array.from({ length: 20_000 }, (_, index) => `word${index % 1000}`).join(" ");
    let turns = 0;
    let counting = true;
    const tick = () => {
      turns += 1;
      if (counting) setImmediate(tick);
    };
    setImmediate(tick);
    await countTokensInTurns(text);
    counting = false;
    const pieces = Math.ceil(text.length / (16 * 1024));
    // One turn between two pieces (32 KiB pieces would give half as many, 8 KiB twice as many).
    expect(turns).toBeGreaterThanOrEqual(pieces - 2);
    expect(turns).toBeLessThanOrEqual(pieces + 2);
  });
});

describe("docs/tools.md: tool and library limits", () => {
  test("at most 10 tools per MCP server; the 5 best passages and the 5 best pages", () => {
    expect(MCP_MAX_CALLS_PER_SERVER).toBe(10);
    expect(FILE_SEARCH_MAX_RESULTS).toBe(5);
    expect(WEB_SEARCH_MAX_RESULTS).toBe(5);
  });

  test("the library: 5 MiB per file, 64 MiB in all by default, names of at most 255 characters", () => {
    expect(MAX_LIBRARY_FILE_BYTES).toBe(5 * 1024 * 1024);
    expect(DEFAULT_LIBRARY_MAX_TOTAL_BYTES).toBe(64 * 1024 * 1024);
    expect(MAX_LIBRARY_FILE_NAME_LENGTH).toBe(255);
  });

  test("passages: paragraphs joined up to 40 words, cut above 120", () => {
    const paragraph = (words: number, word: string) => Array(words).fill(word).join(" ");
    // Two paragraphs of 39 and 1 words make one passage of 40; the next paragraph starts another.
    expect(
      splitPassages(`${paragraph(39, "a")}\n\n${paragraph(1, "b")}\n\n${paragraph(5, "c")}`).map(
        (passage) => passage.split(/\s+/).length,
      ),
    ).toEqual([40, 5]);
    // 120 words stay one passage; 121 are cut.
    expect(splitPassages(paragraph(120, "w"))).toHaveLength(1);
    expect(splitPassages(paragraph(121, "w")).length).toBeGreaterThan(1);
    for (const passage of splitPassages(paragraph(300, "w"))) {
      expect(passage.split(/\s+/).length).toBeLessThanOrEqual(120);
    }
  });

  test("BM25 with k1 1.2 and b 0.75", () => {
    const documents = [
      ["refund", "policy", "refund"],
      ["shipping", "time", "refund", "policy", "days", "late"],
      ["careers"],
    ];
    const defaults = createBm25Index(documents);
    const stated = createBm25Index(documents, { k1: 1.2, b: 0.75 });
    const other = createBm25Index(documents, { k1: 2, b: 0.5 });
    for (const document of [0, 1]) {
      expect(defaults.score(["refund", "policy"], document)).toBe(
        stated.score(["refund", "policy"], document),
      );
      expect(defaults.score(["refund", "policy"], document)).not.toBe(
        other.score(["refund", "policy"], document),
      );
    }
  });
});

describe("docs/verifiers.md: the verifiers' and the judge's defaults", () => {
  test("parsing is cached: an LRU of 1,000 descriptions", () => {
    const first = parseRequirement("Write up to 3 paragraphs about promise number zero.");
    for (let index = 1; index < 1_000; index += 1) parseRequirement(`Mention promise${index}.`);
    // 1,000 descriptions cached: the first is still there.
    expect(parseRequirement("Write up to 3 paragraphs about promise number zero.")).toBe(first);
    // Its use made it the most recent; 1,000 more push it out.
    for (let index = 1_000; index < 2_000; index += 1) parseRequirement(`Mention promise${index}.`);
    const again = parseRequirement("Write up to 3 paragraphs about promise number zero.");
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
  });

  test("language detection needs 40 letters", () => {
    expect(MIN_LETTERS_FOR_LANGUAGE).toBe(40);
  });

  test("a judge waits 60 s by default", async () => {
    const timeout = vi.spyOn(AbortSignal, "timeout");
    try {
      const judge = createJudge({
        url: "http://127.0.0.1:9/v1",
        model: "m",
        fetch: async () =>
          new Response(
            JSON.stringify({
              choices: [
                { index: 0, message: { role: "assistant", content: '{"score": 1, "reason": "ok"}' } },
              ],
            }),
            { status: 200, headers: { "content-type": "application/json" } },
          ),
      });
      await judge.score("text", "Use a friendly tone");
      expect(timeout).toHaveBeenCalledWith(60_000);
    } finally {
      timeout.mockRestore();
    }
  });

  test("a judge cuts texts longer than 50,000 characters, and says so", async () => {
    let sent = "";
    const judge = createJudge({
      url: "http://127.0.0.1:9/v1",
      model: "m",
      fetch: async (_url, init) => {
        sent = String(init?.body);
        return new Response(
          JSON.stringify({
            choices: [{ index: 0, message: { role: "assistant", content: '{"score": 1, "reason": "ok"}' } }],
          }),
          { status: 200, headers: { "content-type": "application/json" } },
        );
      },
    });
    await judge.score("x".repeat(50_000), "d");
    expect(sent).not.toContain("was cut");
    await judge.score("x".repeat(50_001), "d");
    expect(sent).toContain("(The text was cut to its first 50000 of 50001 characters.)");
    expect(renderJudgePrompt("x".repeat(50_001), "d")).toContain("cut to its first 50000");
  });
});

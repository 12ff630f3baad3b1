import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { CreateRunRequest } from "../../../src/domain/index.js";
import { MaestroCassetteMissError, MaestroConfigurationError } from "../../../src/errors/index.js";
import {
  type CassetteEntry,
  hashCellRequest,
  hashChatRequest,
  openCassette,
  readCassetteMode,
} from "../../../src/harness/cassettes.js";

const KEY = "sk-test-do-not-leak-1234567890";
const TOOL_SECRET = "tool-secret-abcdef123456";

let dir: string;
let path: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "maestro-eval-cassettes-"));
  path = join(dir, "__cassettes__", "suite.cassette.json");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const request = (input: string, extra: Partial<CreateRunRequest> = {}): CreateRunRequest => ({
  input,
  requirements: [{ name: "short", description: "Write at most 3 sentences." }],
  models: ["jamba-mini"],
  budget: "low",
  ...extra,
});

function entry(input: string, repeat = 0, extra: Partial<CreateRunRequest> = {}): CassetteEntry {
  const body = request(input, extra);
  return {
    requestHash: hashCellRequest(body, repeat),
    cell: `suite/${input}/jamba-mini/low/#${repeat}`,
    repeat,
    request: body,
    run: { id: `run-${input}-${repeat}`, status: "completed", result: `Answer to ${input}` },
    latencyMs: 100,
    recordedAt: "2026-12-04T00:00:00.000Z",
  };
}

function readFile(): { version: number; entries: CassetteEntry[] } {
  return JSON.parse(readFileSync(path, "utf8"));
}

describe("readCassetteMode", () => {
  test.each([
    [undefined, "off"],
    ["", "off"],
    [" record ", "record"],
    ["replay", "replay"],
    ["auto", "auto"],
    ["off", "off"],
  ])("reads %j as %s", (value, mode) => {
    expect(readCassetteMode({ MAESTRO_EVAL_CASSETTES: value })).toBe(mode);
  });

  test("refuses anything else, naming the choices", () => {
    expect(() => readCassetteMode({ MAESTRO_EVAL_CASSETTES: "on" })).toThrow(
      new MaestroConfigurationError(
        'MAESTRO_EVAL_CASSETTES must be one of off, record, replay, auto, got "on"',
      ),
    );
  });
});

describe("hashCellRequest", () => {
  test("is 16 hex digits, the same for the same request and repeat whatever the key order", () => {
    const a = hashCellRequest(request("hello"), 0);
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    const reordered = {
      budget: "low",
      models: ["jamba-mini"],
      requirements: request("x").requirements,
      input: "hello",
    };
    expect(hashCellRequest(reordered as CreateRunRequest, 0)).toBe(a);
  });

  test("differs by repeat, input, model and budget", () => {
    const hashes = [
      hashCellRequest(request("hello"), 0),
      hashCellRequest(request("hello"), 1),
      hashCellRequest(request("hello!"), 0),
      hashCellRequest(request("hello", { models: ["jamba-large"] }), 0),
      hashCellRequest(request("hello", { budget: "high" }), 0),
    ];
    expect(new Set(hashes).size).toBe(5);
  });

  test("does not depend on tool header values, so the key never holds a secret", () => {
    const tool = (value: string) => ({
      tools: [
        {
          type: "http" as const,
          function: {
            name: "status",
            description: "Order status",
            parameters: { type: "object" as const, properties: {}, required: [] },
          },
          endpoint: { url: "https://tools.example.com/status", headers: { Authorization: value } },
        },
      ],
    });
    expect(hashCellRequest(request("hello", tool("Bearer one-secret")), 0)).toBe(
      hashCellRequest(request("hello", tool("Bearer another-one")), 0),
    );
  });
});

describe("request hashes keep their values", () => {
  // Cassettes and results.jsonl written before keep replaying and resuming: these are the hashes the
  // implementation gave before each request's normalised text was kept for its repeats (7552994).
  const run = {
    input: "Refund the kettle, order 4411",
    requirements: [{ name: "short", description: "Write at most 3 sentences." }],
    models: ["jamba-mini"],
    budget: "low",
    tools: [
      {
        type: "http",
        http: { url: "http://127.0.0.1:4321/orders", headers: { authorization: "Bearer s3cret" } },
      },
    ],
  } as unknown as CreateRunRequest;
  const chat = { model: "jamba-mini", messages: [{ role: "user" as const, content: "Say hi" }] };

  test.each([
    [0, "a9f212f126904048", "56416d7fedb42df3"],
    [1, "a805b5e1ca471e51", "dc6812ea975502fc"],
    [7, "eb0245760ac9a73c", "bbf7254a61c90b2d"],
  ])("repeat %i: the same request object twice, and a copy of it", (repeat, runHash, chatHash) => {
    for (let time = 0; time < 2; time += 1) {
      expect(hashCellRequest(run, repeat)).toBe(runHash);
      expect(hashChatRequest(chat, repeat)).toBe(chatHash);
    }
    expect(hashCellRequest(structuredClone(run), repeat)).toBe(runHash);
    expect(hashChatRequest(structuredClone(chat), repeat)).toBe(chatHash);
  });
});

describe("openCassette", () => {
  test("record writes every entry sorted by hash, as a version 1 file, once flushed", () => {
    const cassette = openCassette(path, "record");
    const entries = [entry("b"), entry("a"), entry("c")];
    for (const item of entries) cassette.record(item);
    expect(existsSync(path)).toBe(false);
    cassette.flush();
    const file = readFile();
    expect(file.version).toBe(1);
    expect(file.entries.map((item) => item.requestHash)).toEqual(
      entries.map((item) => item.requestHash).sort(),
    );
    expect(file.entries.find((item) => item.cell === "suite/a/jamba-mini/low/#0")).toEqual(entry("a"));
  });

  test("flush writes nothing when nothing was recorded", () => {
    openCassette(path, "record").flush();
    openCassette(path, "auto").flush();
    expect(existsSync(path)).toBe(false);
  });

  test("record never answers from the file; replay and auto do; off reads nothing", () => {
    const recorder = openCassette(path, "record");
    recorder.record(entry("a"));
    recorder.flush();
    const hash = entry("a").requestHash;
    expect(openCassette(path, "record").lookup(hash)).toBeUndefined();
    expect(openCassette(path, "replay").lookup(hash)).toEqual(entry("a"));
    expect(openCassette(path, "auto").lookup(hash)).toEqual(entry("a"));
    expect(openCassette(path, "off").lookup(hash)).toBeUndefined();
  });

  test("replay and off record nothing", () => {
    for (const mode of ["replay", "off"] as const) {
      const cassette = openCassette(path, mode);
      cassette.record(entry("a"));
      cassette.flush();
    }
    expect(existsSync(path)).toBe(false);
  });

  test("two cassettes on one file (two suites of one suite file) both keep their cells", () => {
    const first = openCassette(path, "record");
    const second = openCassette(path, "record");
    first.record(entry("a"));
    second.record(entry("b"));
    first.flush();
    second.flush();
    expect(
      readFile()
        .entries.map((item) => item.cell)
        .sort(),
    ).toEqual(["suite/a/jamba-mini/low/#0", "suite/b/jamba-mini/low/#0"]);
    // And in the other order of flushes, with a re-recording of the same cell winning.
    const third = openCassette(path, "auto");
    third.record({ ...entry("a"), latencyMs: 999 });
    const fourth = openCassette(path, "record");
    fourth.record(entry("c"));
    fourth.flush();
    third.flush();
    const file = readFile();
    expect(file.entries.map((item) => item.cell).sort()).toEqual([
      "suite/a/jamba-mini/low/#0",
      "suite/b/jamba-mini/low/#0",
      "suite/c/jamba-mini/low/#0",
    ]);
    expect(file.entries.find((item) => item.cell === "suite/a/jamba-mini/low/#0")?.latencyMs).toBe(999);
  });

  test("writes neither the API key nor a tool header value, even one a run echoes", () => {
    const cassette = openCassette(path, "record", [KEY]);
    const withTool = entry("a", 0, {
      tools: [
        {
          type: "http",
          function: {
            name: "status",
            description: "Order status",
            parameters: { type: "object", properties: {}, required: [] },
          },
          endpoint: { url: "https://tools.example.com/status", headers: { "X-Token": TOOL_SECRET } },
        },
      ],
    });
    cassette.record({
      ...withTool,
      run: { ...withTool.run, result: `The key is ${KEY} and the tool said ${TOOL_SECRET}` },
    });
    cassette.flush();
    const text = readFileSync(path, "utf8");
    expect(text).not.toContain(KEY);
    expect(text).not.toContain(TOOL_SECRET);
    expect(readFile().entries[0]!.run.result).toBe("The key is [REDACTED] and the tool said [REDACTED]");
  });

  test("a miss names the cassette, the cell and the hash, and the closest recording", () => {
    const recorder = openCassette(path, "record");
    recorder.record(entry("hello"));
    recorder.record(entry("other", 0, { models: ["jamba-large"], budget: "high" }));
    recorder.flush();
    const wanted = request("hello!");
    const error = openCassette(path, "replay").miss(hashCellRequest(wanted, 0), "suite/hello!/x", wanted);
    expect(error).toBeInstanceOf(MaestroCassetteMissError);
    expect(error).toMatchObject({
      cassette: path,
      cellKey: "suite/hello!/x",
      requestHash: hashCellRequest(wanted, 0),
      closest: { requestHash: entry("hello").requestHash },
    });
    const empty = openCassette(join(dir, "none.cassette.json"), "replay").miss("0", "k", wanted);
    expect(empty.closest).toBeUndefined();
  });

  test.each([
    ["not JSON", "{", /^cassette .*suite\.cassette\.json is not valid JSON: /],
    [
      "another version",
      '{"version": 2, "entries": []}',
      /^cassette .*suite\.cassette\.json is not a version 1 maestro-eval cassette$/,
    ],
    [
      "no entries",
      '{"version": 1}',
      /^cassette .*suite\.cassette\.json is not a version 1 maestro-eval cassette$/,
    ],
  ])("refuses a file that is %s", (_, text, message) => {
    mkdirSync(join(dir, "__cassettes__"), { recursive: true });
    writeFileSync(path, text);
    expect(() => openCassette(path, "replay")).toThrow(MaestroConfigurationError);
    expect(() => openCassette(path, "replay")).toThrow(message);
    // Off never reads the file.
    expect(openCassette(path, "off").lookup("x")).toBeUndefined();
  });
});

// diffOutputs on JSON and text outputs, tables of cases and fast-check properties. The seed comes from
// MAESTRO_EVAL_SEED when set; on a failure fast-check prints the seed and the path that replay it.
import * as fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  diffOutputs,
  type JsonOutputDiff,
  type OutputDiff,
  type TextOutputDiff,
} from "../../../src/diff/index.js";

const params: fc.Parameters<unknown> = { numRuns: 200 };

function asJson(diff: OutputDiff): JsonOutputDiff {
  if (diff.kind !== "json") throw new Error(`expected a JSON diff, got ${diff.kind}`);
  return diff;
}

function asText(diff: OutputDiff): TextOutputDiff {
  if (diff.kind !== "text") throw new Error(`expected a text diff, got ${diff.kind}`);
  return diff;
}

describe("diffOutputs: which outputs are JSON", () => {
  test.each([
    ["two objects", { a: 1 }, { a: 1 }, "json"],
    ["two JSON strings", '{"a": 1}', '  {"a":1}\n', "json"],
    ["a JSON string and an array", "[1, 2]", [1, 2], "json"],
    ["a fenced JSON block", '```json\n{"a": 1}\n```', { a: 1 }, "json"],
    ["an unlabelled fence", "```\n[1]\n```", [1], "json"],
    ["two numbers", 1, 2, "json"],
    ["null and an object", null, { a: 1 }, "json"],
    ["two plain strings", "hello", "hello there", "text"],
    ["bare scalars in strings stay text", "42", "43", "text"],
    ["a string that only looks like JSON", "{not json", "{not json", "text"],
    ["JSON against text", { a: 1 }, "a is one", "text"],
  ])("%s: %s", (_, a, b, kind) => {
    expect(diffOutputs(a, b).kind).toBe(kind);
  });

  test("a JSON output compared with a text output is rendered as indented JSON", () => {
    const diff = asText(diffOutputs({ a: 1 }, '{\n  "a": 2\n}x'));
    expect(diff.lines.map((line) => line.type)).toEqual(["equal", "modify", "modify"]);
  });
});

describe("diffOutputs: JSON", () => {
  test("key order and whitespace do not matter", () => {
    const diff = asJson(
      diffOutputs('{"b": [1, {"y": 2, "x": 1}], "a": "s"}', { a: "s", b: [1, { x: 1, y: 2 }] }),
    );
    expect(diff).toMatchObject({ equal: true, changes: 0, differences: [], ignoredPaths: [] });
    expect(diff.lines.left.every((line) => line.type === "equal")).toBe(true);
    expect(diff.lines.right.every((line) => line.type === "equal")).toBe(true);
  });

  test.each([
    [
      "a changed leaf",
      { a: 1, b: 2 },
      { a: 1, b: 3 },
      [{ type: "changed", path: "$.b", before: 2, after: 3 }],
    ],
    ["an added key", { a: 1 }, { a: 1, b: null }, [{ type: "added", path: "$.b", after: null }]],
    ["a removed key", { a: 1, b: [1] }, { a: 1 }, [{ type: "removed", path: "$.b", before: [1] }]],
    ["a changed type", { a: "1" }, { a: 1 }, [{ type: "changed", path: "$.a", before: "1", after: 1 }]],
    [
      "an object replaced by an array",
      { a: { x: 1 } },
      { a: [1] },
      [{ type: "changed", path: "$.a", before: { x: 1 }, after: [1] }],
    ],
    [
      "an odd key is quoted in the path",
      { "unit price": 1 },
      { "unit price": 2 },
      [{ type: "changed", path: '$["unit price"]', before: 1, after: 2 }],
    ],
    ["a changed root", 1, true, [{ type: "changed", path: "$", before: 1, after: true }]],
    [
      "an item inserted at the front is one addition, not a cascade",
      { items: ["b", "c", "d"] },
      { items: ["a", "b", "c", "d"] },
      [{ type: "added", path: "$.items[0]", after: "a" }],
    ],
    [
      "an item removed from the middle",
      [1, 2, 3, 4],
      [1, 2, 4],
      [{ type: "removed", path: "$[2]", before: 3 }],
    ],
    [
      "an edited item reads as changes inside it, named by its first-output index",
      {
        items: [
          { sku: "A", qty: 1 },
          { sku: "B", qty: 2 },
        ],
      },
      {
        items: [
          { sku: "Z", qty: 9 },
          { sku: "A", qty: 1 },
          { sku: "B", qty: 3 },
        ],
      },
      [
        { type: "added", path: "$.items[0]", after: { qty: 9, sku: "Z" } },
        { type: "changed", path: "$.items[1].qty", before: 2, after: 3 },
      ],
    ],
  ])("%s", (_, a, b, differences) => {
    const diff = asJson(diffOutputs(a, b));
    expect(diff.differences).toEqual(differences);
    expect(diff.changes).toBe(differences.length);
    expect(diff.equal).toBe(false);
  });

  test("json-diff-kit's side-by-side lines mark what changed", () => {
    const diff = asJson(diffOutputs({ a: 1, b: 2 }, { a: 1, b: 3 }));
    expect(diff.lines.left).toEqual([
      { type: "equal", text: "{", level: 0, lineNumber: 1 },
      { type: "equal", text: '"a": 1', level: 1, lineNumber: 2, comma: true },
      { type: "modify", text: '"b": 2', level: 1, lineNumber: 3 },
      { type: "equal", text: "}", level: 0, lineNumber: 4 },
    ]);
    expect(diff.lines.right[2]).toEqual({ type: "modify", text: '"b": 3', level: 1, lineNumber: 3 });
  });

  describe("ignore", () => {
    const a = {
      id: "r1",
      meta: { id: "m1", at: 1 },
      items: [
        { id: 1, v: "x" },
        { id: 2, v: "y" },
      ],
      "unit price": 3,
    };
    const b = {
      id: "r2",
      meta: { id: "m2", at: 2 },
      items: [
        { id: 7, v: "x" },
        { id: 8, v: "z" },
      ],
      "unit price": 4,
    };

    test.each([
      [
        [],
        [
          "$.id",
          "$.items[0].id",
          "$.items[1].id",
          "$.items[1].v",
          "$.meta.at",
          "$.meta.id",
          '$["unit price"]',
        ],
      ],
      [["id"], ["$.items[1].v", "$.meta.at", '$["unit price"]']],
      [
        ["$.id"],
        ["$.items[0].id", "$.items[1].id", "$.items[1].v", "$.meta.at", "$.meta.id", '$["unit price"]'],
      ],
      [
        ["id", "meta"],
        ["$.items[1].v", '$["unit price"]'],
      ],
      [["id", "$.meta.at", "unit price"], ["$.items[1].v"]],
      [["id", "meta.*", "$['unit price']"], ["$.items[1].v"]],
      [["items[*].v", "id", '$["unit price"]', "meta"], []],
      [["$.items[1]", "id", "meta", "unit price"], []],
    ])("ignore %j leaves %j", (ignore, paths) => {
      const diff = asJson(diffOutputs(a, b, { ignore }));
      expect(diff.differences.map((difference) => difference.path)).toEqual(paths);
      expect(diff.equal).toBe(paths.length === 0);
    });

    test("keys that need escaping render correctly in the side-by-side lines", () => {
      const diff = asJson(
        diffOutputs({ 'say "hi"': 1, "back\\slash": 2 }, { 'say "hi"': 1, "back\\slash": 3 }),
      );
      expect(diff.differences).toEqual([
        { type: "changed", path: '$["back\\\\slash"]', before: 2, after: 3 },
      ]);
      expect(diff.lines.left.map((line) => line.text)).toEqual([
        "{",
        '"back\\\\slash": 2',
        '"say \\"hi\\"": 1',
        "}",
      ]);
    });

    test("ignored paths are listed and left out of the side-by-side lines", () => {
      const diff = asJson(diffOutputs({ id: "a", x: 1 }, { id: "b", x: 1 }, { ignore: ["id"] }));
      expect(diff.equal).toBe(true);
      expect(diff.ignoredPaths).toEqual(["$.id"]);
      expect(diff.lines.left.map((line) => line.text)).toEqual(["{", '"x": 1', "}"]);
    });

    test("an ignored key missing on one side is no difference", () => {
      expect(diffOutputs({ a: 1, created_at: "t" }, { a: 1 }, { ignore: ["created_at"] }).equal).toBe(true);
    });

    test("ignored array items do not shift the alignment", () => {
      const diff = diffOutputs(
        { rows: ["header", "x", "y"] },
        { rows: ["HEADER", "x", "y"] },
        { ignore: ["rows[0]"] },
      );
      expect(diff.equal).toBe(true);
    });
  });

  describe("tolerance", () => {
    test.each([
      [0, 12.5, 12.501, false],
      [0.01, 12.5, 12.501, true],
      [0.01, 12.5, 12.52, false],
      [0.5, 1, 1.5, true],
      [0.5, 1, "1", false],
    ])("tolerance %d: %j against %j equal is %s", (tolerance, x, y, equal) => {
      expect(diffOutputs({ total: x }, { total: y }, { tolerance }).equal).toBe(equal);
    });

    test("applies inside arrays, and numbers within it show as equal lines", () => {
      const diff = asJson(
        diffOutputs({ scores: [0.91, 0.52] }, { scores: [0.9, 0.5, 1] }, { tolerance: 0.05 }),
      );
      expect(diff.differences).toEqual([{ type: "added", path: "$.scores[2]", after: 1 }]);
      expect(diff.lines.right.filter((line) => line.type !== "equal").map((line) => line.text)).toEqual([
        "1",
      ]);
    });
  });

  test.each([
    [
      "a negative tolerance",
      { tolerance: -1 },
      new RangeError("diffOutputs: tolerance must be a non-negative finite number, got -1"),
    ],
    [
      "a NaN tolerance",
      { tolerance: Number.NaN },
      new RangeError("diffOutputs: tolerance must be a non-negative finite number, got NaN"),
    ],
    [
      "an unreadable ignore path",
      { ignore: ["items["] },
      new TypeError(
        'diffOutputs: cannot read ignore path "items["; write a key name, or a path such as $.items[*].id',
      ),
    ],
    [
      "an empty ignore entry",
      { ignore: [""] },
      new TypeError('diffOutputs: ignore entries must be non-empty strings, got ""'),
    ],
    [
      "ignore that is not an array",
      { ignore: "id" as unknown as string[] },
      new TypeError("diffOutputs: ignore must be an array of JSON paths or key names, got string"),
    ],
  ])("misuse throws: %s", (_, options, error) => {
    expect(() => diffOutputs({}, {}, options)).toThrow(error);
  });

  test("a value that cannot be JSON throws a TypeError naming the side", () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => diffOutputs({}, cyclic)).toThrow(/^diffOutputs: the second output cannot be read as JSON: /);
    expect(() => diffOutputs(10n, {})).toThrow(/^diffOutputs: the first output cannot be read as JSON: /);
  });

  test("any JSON value equals itself, and equality is symmetric", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (x, y) => {
        expect(diffOutputs(x, structuredClone(x)).equal).toBe(true);
        if (typeof x !== "string") expect(diffOutputs(x, JSON.stringify(x)).equal).toBe(true);
        expect(diffOutputs(x, y).equal).toBe(diffOutputs(y, x).equal);
      }),
      params,
    );
  });

  test("a JSON diff is equal exactly when the values are deeply equal", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }), fc.jsonValue({ maxDepth: 3 }), (x, y) => {
        if (typeof x === "string" || typeof y === "string") return;
        const diff = asJson(diffOutputs(x, y));
        expect(diff.equal).toBe(JSON.stringify(sortKeys(x)) === JSON.stringify(sortKeys(y)));
        expect(diff.changes).toBe(diff.differences.length);
      }),
      params,
    );
  });
});

describe("diffOutputs: text", () => {
  test("equal texts", () => {
    expect(diffOutputs("one\ntwo", "one\ntwo")).toEqual({
      kind: "text",
      equal: true,
      changes: 0,
      approximate: false,
      lines: [
        { type: "equal", left: 1, right: 1, text: "one" },
        { type: "equal", left: 2, right: 2, text: "two" },
      ],
    });
  });

  test("line endings are normalised", () => {
    expect(diffOutputs("one\r\ntwo\r\n", "one\ntwo\n").equal).toBe(true);
  });

  test("a changed line pairs with its replacement, word by word; extra lines are added or removed", () => {
    const diff = asText(
      diffOutputs(
        "Dear Anna,\nThe total is 12 USD.\nThanks for your order\nBest",
        "Dear Anna,\nThe total is 13 USD.\nBest\nRegards",
      ),
    );
    expect(diff.changes).toBe(3);
    expect(diff.lines).toEqual([
      { type: "equal", left: 1, right: 1, text: "Dear Anna," },
      {
        type: "modify",
        left: 2,
        right: 2,
        before: "The total is 12 USD.",
        after: "The total is 13 USD.",
        segments: [
          { type: "equal", text: "The total is " },
          { type: "remove", text: "12" },
          { type: "add", text: "13" },
          { type: "equal", text: " USD." },
        ],
      },
      { type: "remove", left: 3, text: "Thanks for your order" },
      { type: "equal", left: 4, right: 3, text: "Best" },
      { type: "add", right: 4, text: "Regards" },
    ]);
  });

  test.each([
    ["The total is 12.50 USD", "The total is 12.51 USD", 0.02, true],
    ["The total is 12.50 USD", "The total is 12.60 USD", 0.02, false],
    ["Paid 1,234.5 in 2024", "Paid 1,234.51 in 2024", 0.1, true],
    ["12 apples", "13 apples", 0, false],
    ["twelve apples", "13 apples", 5, false],
  ])("%j against %j at tolerance %d: equal is %s", (a, b, tolerance, equal) => {
    expect(diffOutputs(a, b, { tolerance }).equal).toBe(equal);
  });

  test("word segments rebuild both lines", () => {
    const line = fc.stringMatching(/^[a-c 1-3.,]{0,24}$/);
    fc.assert(
      fc.property(line, line, (before, after) => {
        const diff = asText(diffOutputs(`x\n${before}`, `x\n${after}`));
        for (const entry of diff.lines) {
          if (entry.type !== "modify") continue;
          const side = (keep: string) =>
            entry.segments
              .filter((segment) => segment.type === "equal" || segment.type === keep)
              .map((segment) => segment.text)
              .join("");
          expect(side("remove")).toBe(entry.before);
          expect(side("add")).toBe(entry.after);
        }
      }),
      params,
    );
  });

  test("the lines rebuild both texts, and a text equals itself", () => {
    const text = fc
      .array(fc.constantFrom("a", "b", "c", "", "a b"), { maxLength: 12 })
      .map((lines) => lines.join("\n"));
    fc.assert(
      fc.property(text, text, (a, b) => {
        const diff = asText(diffOutputs(a, b));
        const left = diff.lines.flatMap((line) =>
          line.type === "add" ? [] : [line.type === "modify" ? line.before : line.text],
        );
        const right = diff.lines.flatMap((line) =>
          line.type === "remove" ? [] : [line.type === "modify" ? line.after : line.text],
        );
        expect(left.join("\n")).toBe(a);
        expect(right.join("\n")).toBe(b);
        expect(diff.equal).toBe(a === b);
        expect(diffOutputs(a, a).equal).toBe(true);
      }),
      params,
    );
  });
});

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import type { FileSearchTool } from "../../../src/domain/index.js";
import { createFileLibrary, searchFiles, selectFiles } from "../../../src/library/index.js";
import { loadWebCorpus, searchWeb } from "../../../src/local/tools/index.js";

const library = createFileLibrary({ now: () => new Date("2026-03-01T12:00:00Z") });
afterAll(() => library.close());
const refunds = library.upload({
  filename: "refunds.md",
  data: Buffer.from(
    "# Refunds\n\nRefunds are paid within 14 days of the return arriving.\n\n# Exchanges\n\nExchanges are free.",
  ),
  labels: ["policy", "returns"],
  path: "policies/returns",
});
const shipping = library.upload({
  filename: "shipping.txt",
  data: Buffer.from("Orders ship within 2 business days. Express shipping costs 9 USD."),
  labels: ["policy", "shipping"],
  path: "policies/shipping",
});
const careers = library.upload({
  filename: "careers.html",
  data: Buffer.from("<p>We are hiring engineers. Refunds of travel costs for interviews.</p>"),
  labels: ["hr"],
});
library.upload({ filename: "contract.pdf", data: Buffer.from("%PDF refunds refunds") });

const names = (tool: FileSearchTool) => selectFiles(library.files(), tool).map((file) => file.meta.name);

describe("selectFiles", () => {
  test.each<[string, Omit<FileSearchTool, "type">, string[]]>([
    ["every readable file", {}, ["refunds.md", "shipping.txt", "careers.html"]],
    ["labels AND (the default)", { labels: ["policy", "returns"] }, ["refunds.md"]],
    ["labels OR", { labels: ["returns", "hr"], labels_filter_mode: "OR" }, ["refunds.md", "careers.html"]],
    ["an unknown label", { labels: ["legal"] }, []],
    ["labels are case-sensitive", { labels: ["Policy"] }, []],
    ["file ids", { file_ids: [shipping.fileId, careers.fileId] }, ["shipping.txt", "careers.html"]],
    [
      "file ids and labels together",
      { file_ids: [shipping.fileId, careers.fileId], labels: ["policy"] },
      ["shipping.txt"],
    ],
    ["an empty file_ids list is no filter", { file_ids: [] }, ["refunds.md", "shipping.txt", "careers.html"]],
    ["a path prefix", { path: "policies/" }, ["refunds.md", "shipping.txt"]],
    ["a path prefix, not a substring", { path: "returns" }, []],
  ])("%s", (_, tool, expected) => {
    expect(names({ type: "file_search", ...tool })).toEqual(expected);
  });
});

describe("searchFiles", () => {
  test("ranks passages with normalised scores and tells their file and order", () => {
    const results = searchFiles(library.files(), { type: "file_search" }, "How long do refunds take?");
    expect(results.map((item) => [item.file_name, item.order])).toEqual([
      ["refunds.md", 0],
      ["careers.html", 0],
    ]);
    expect(results[0]).toEqual({
      file_id: refunds.fileId,
      file_name: "refunds.md",
      text: "# Refunds\n\nRefunds are paid within 14 days of the return arriving.\n\n# Exchanges\n\nExchanges are free.",
      score: expect.any(Number),
      order: 0,
    });
    for (const item of results) expect(item.score).toBeGreaterThan(0);
    for (const item of results) expect(item.score).toBeLessThanOrEqual(1);
  });

  test("retrieval_similarity_threshold drops passages below it", () => {
    const all = searchFiles(library.files(), { type: "file_search" }, "refunds for interviews");
    expect(all.map((item) => item.file_name)).toEqual(["careers.html", "refunds.md"]);
    const threshold = (all[0]!.score + all[1]!.score) / 2;
    const kept = searchFiles(
      library.files(),
      { type: "file_search", retrieval_similarity_threshold: threshold },
      "refunds for interviews",
    );
    expect(kept.map((item) => item.file_name)).toEqual(["careers.html"]);
    expect(
      searchFiles(
        library.files(),
        { type: "file_search", retrieval_similarity_threshold: 1 },
        "refunds interviews engineers hiring travel costs",
      ),
    ).toHaveLength(1);
  });

  test("labels filter before ranking; nothing matching gives an empty list", () => {
    expect(
      searchFiles(library.files(), { type: "file_search", labels: ["shipping"] }, "refunds").map(
        (item) => item.file_name,
      ),
    ).toEqual([]);
    expect(searchFiles(library.files(), { type: "file_search" }, "the of and")).toEqual([]);
  });

  test("strategies: segments, add_neighbors and full_doc", () => {
    const greek = createFileLibrary();
    try {
      // Paragraphs of 45 words each: one passage apiece.
      const paragraphs = ["alpha", "beta", "gamma", "delta"].map((word) => Array(45).fill(word).join(" "));
      const text = paragraphs.join("\n\n");
      greek.upload({ filename: "greek.txt", data: Buffer.from(text) });
      const search = (tool: Omit<FileSearchTool, "type">) =>
        searchFiles(greek.files(), { type: "file_search", ...tool }, "gamma?");
      expect(search({}).map((item) => [item.order, item.text])).toEqual([[2, paragraphs[2]]]);
      expect(search({ retrieval_strategy: "add_neighbors" })[0]?.text).toBe(
        paragraphs.slice(1, 4).join("\n\n"),
      );
      expect(search({ retrieval_strategy: "add_neighbors", max_neighbors: 2 })[0]?.text).toBe(text);
      expect(search({ retrieval_strategy: "full_doc" })).toEqual([
        expect.objectContaining({ file_name: "greek.txt", text, order: 0 }),
      ]);
    } finally {
      greek.close();
    }
  });

  test("a library directory survives a restart", () => {
    const directory = mkdtempSync(join(tmpdir(), "library-test-"));
    try {
      const first = createFileLibrary({ directory });
      const { fileId } = first.upload({
        filename: "kept.md",
        data: Buffer.from("kept words"),
        labels: ["x"],
      });
      first.close();
      const second = createFileLibrary({ directory });
      expect(second.get(fileId)).toMatchObject({ name: "kept.md", labels: ["x"] });
      expect(searchFiles(second.files(), { type: "file_search" }, "kept")).toHaveLength(1);
      writeFileSync(join(directory, "library.json"), "{");
      expect(() => createFileLibrary({ directory })).toThrow(/library\.json is not valid JSON/);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});

describe("web corpus and searchWeb", () => {
  const directory = mkdtempSync(join(tmpdir(), "corpus-test-"));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));
  mkdirSync(join(directory, "docs"));
  writeFileSync(
    join(directory, "refunds.md"),
    "---\nurl: https://www.example.com/help/refunds\ntitle: Refunds\n---\nRefunds take 14 days.",
  );
  writeFileSync(
    join(directory, "docs", "shipping.html"),
    '<html><head><link rel="canonical" href="https://docs.example.com/shipping"><title>x</title></head><body><p>Shipping takes 2 days; refunds are separate.</p></body></html>',
  );
  writeFileSync(join(directory, "blog.txt"), "Our refunds story, refunds refunds.");
  writeFileSync(
    join(directory, "manifest.json"),
    JSON.stringify({ "blog.txt": "https://blog.other.org/refunds" }),
  );
  writeFileSync(join(directory, "notes.json"), "ignored: not a page type");
  const corpus = loadWebCorpus(directory);

  test("reads URLs from front matter, canonical links and the manifest", () => {
    expect(corpus.pages.map((page) => [page.file, page.url])).toEqual([
      ["blog.txt", "https://blog.other.org/refunds"],
      ["docs/shipping.html", "https://docs.example.com/shipping"],
      ["refunds.md", "https://www.example.com/help/refunds"],
    ]);
    expect(corpus.pages[2]?.passages).toEqual(["Refunds take 14 days."]);
  });

  test.each<[string, string[] | undefined, string[]]>([
    [
      "every page without urls",
      undefined,
      [
        "https://blog.other.org/refunds",
        "https://www.example.com/help/refunds",
        "https://docs.example.com/shipping",
      ],
    ],
    ["example.com covers www only", ["example.com"], ["https://www.example.com/help/refunds"]],
    ["a subdomain", ["docs.example.com"], ["https://docs.example.com/shipping"]],
    ["a path prefix", ["https://example.com/help"], ["https://www.example.com/help/refunds"]],
    ["a path prefix that matches nothing", ["example.com/blog"], []],
  ])("urls: %s", (_, urls, expected) => {
    const results = searchWeb(
      corpus,
      { type: "web_search", ...(urls === undefined ? {} : { urls }) },
      "refunds",
    );
    expect(results.map((item) => item.url)).toEqual(expected);
    for (const item of results)
      expect(item).toEqual({ url: item.url, text: expect.any(String), score: expect.any(Number) });
  });

  test("no corpus finds nothing; a page without a URL fails at load, naming the file", () => {
    expect(searchWeb(undefined, { type: "web_search" }, "refunds")).toEqual([]);
    const broken = mkdtempSync(join(tmpdir(), "corpus-broken-"));
    try {
      writeFileSync(join(broken, "orphan.md"), "No front matter.");
      expect(() => loadWebCorpus(broken)).toThrow(
        new TypeError(
          'loadWebCorpus: orphan.md has no URL; give it in manifest.json, in front matter ("url: https://..."), or as <link rel="canonical" href="...">',
        ),
      );
      writeFileSync(join(broken, "orphan.md"), "---\nurl: /relative\n---\nx");
      expect(() => loadWebCorpus(broken)).toThrow(
        /has URL "\/relative", which is not an absolute http\(s\) URL/,
      );
      writeFileSync(join(broken, "orphan.md"), "---\nurl: https://a.example/x\n---\nx");
      writeFileSync(join(broken, "twin.md"), "---\nurl: https://a.example/x\n---\ny");
      expect(() => loadWebCorpus(broken)).toThrow(
        "loadWebCorpus: twin.md and orphan.md both claim https://a.example/x",
      );
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
  });
});

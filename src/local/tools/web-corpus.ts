// The pages the local server's web_search searches: a directory of Markdown, HTML and text files, each
// with the URL it stands for.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative, sep } from "node:path";
import { htmlToText, splitPassages, tokenize } from "../../library/index.js";

/** One page of the corpus. */
export interface WebPage {
  url: string;
  /** The file it was read from, relative to the corpus directory, with `/` separators. */
  file: string;
  passages: readonly string[];
  terms: readonly (readonly string[])[];
}

/** A loaded corpus. */
export interface WebCorpus {
  readonly directory: string;
  readonly pages: readonly WebPage[];
}

const PAGE_EXTENSIONS = /\.(?:md|markdown|html?|txt)$/i;

/**
 * Loads every `.md`, `.markdown`, `.html`, `.htm` and `.txt` file under `directory` (recursively) as a
 * page. A page's URL comes from `manifest.json` at the corpus root (`{"pages/refunds.md":
 * "https://example.com/refunds"}`) when it lists the file, else from Markdown front matter (`url:`),
 * else from an HTML `<link rel="canonical" href="...">`. Throws a TypeError naming the file when a page
 * has no URL, its URL is not absolute http(s), or two pages claim the same URL.
 *
 * @example
 * loadWebCorpus("suites/tools/web").pages.map((page) => page.url);
 */
export function loadWebCorpus(directory: string): WebCorpus {
  let manifest: Record<string, unknown> = {};
  const manifestPath = join(directory, "manifest.json");
  try {
    manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as Record<string, unknown>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") {
      throw new TypeError(`loadWebCorpus: ${manifestPath} is not valid JSON: ${(error as Error).message}`);
    }
  }
  const pages: WebPage[] = [];
  const byUrl = new Map<string, string>();
  for (const path of listFiles(directory)) {
    const file = relative(directory, path).split(sep).join("/");
    const source = readFileSync(path, "utf8").replace(/^\uFEFF/, "");
    const { url: ownUrl, text } = readPage(file, source);
    const listed = manifest[file];
    const url = typeof listed === "string" ? listed : ownUrl;
    if (url === undefined) {
      throw new TypeError(
        `loadWebCorpus: ${file} has no URL; give it in manifest.json, in front matter ("url: https://..."), or as <link rel="canonical" href="...">`,
      );
    }
    if (!/^https?:\/\/[^/\s]+/i.test(url) || !URL.canParse(url)) {
      throw new TypeError(
        `loadWebCorpus: ${file} has URL ${JSON.stringify(url)}, which is not an absolute http(s) URL`,
      );
    }
    const earlier = byUrl.get(url);
    if (earlier !== undefined) throw new TypeError(`loadWebCorpus: ${file} and ${earlier} both claim ${url}`);
    byUrl.set(url, file);
    const passages = splitPassages(text);
    pages.push({ url, file, passages, terms: passages.map((passage) => tokenize(passage)) });
  }
  return { directory, pages };
}

function listFiles(directory: string): string[] {
  return readdirSync(directory)
    .sort()
    .flatMap((name) => {
      const path = join(directory, name);
      if (statSync(path).isDirectory()) return listFiles(path);
      return PAGE_EXTENSIONS.test(name) ? [path] : [];
    });
}

function readPage(file: string, source: string): { url: string | undefined; text: string } {
  if (/\.html?$/i.test(file)) {
    const link = /<link\b[^>]*\brel\s*=\s*["']?canonical["']?[^>]*>/i.exec(source)?.[0];
    const href = link === undefined ? undefined : /\bhref\s*=\s*["']([^"']+)["']/i.exec(link)?.[1];
    return { url: href, text: htmlToText(source) };
  }
  const front = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(source);
  if (front === null) return { url: undefined, text: source };
  let data: unknown;
  try {
    data = loadYaml().parse(front[1]!);
  } catch (error) {
    throw new TypeError(
      `loadWebCorpus: ${file} has front matter that is not valid YAML: ${(error as Error).message}`,
    );
  }
  const url = typeof data === "object" && data !== null ? (data as { url?: unknown }).url : undefined;
  return { url: typeof url === "string" ? url : undefined, text: source.slice(front[0].length) };
}

/** The YAML parser, loaded at its first use (about 23 ms that a process which reads no YAML need not pay). */
function loadYaml(): typeof import("yaml") {
  return createRequire(import.meta.url)("yaml") as typeof import("yaml");
}

import type { MatcherState } from "vitest";
import { evaluateCheck } from "./evaluate-check.js";
import { describeArgument, shortRunId } from "./format.js";
import type { MaestroMatcherResult } from "./matcher-result.js";
import { isPlainObject, listSome, readDataSources } from "./read-data-sources.js";
import { readOptionsObject } from "./read-options.js";
import type { CheckMatcherOptions, SourceReference } from "./types.js";

const KEYS = ["fileId", "url", "label"] as const;

/**
 * Asserts that the run's retrieved sources include a file (`{ fileId }`, from
 * `data_sources.file_search`), a page (`{ url }`, from `data_sources.web_search`, compared as URLs), or
 * any file carrying a label (`{ label }`; AI21's results carry no labels, so this needs the local
 * server's `x_local.file_labels`, and fails, `.not` or not, on runs without it). A run without
 * `data_sources` fails either way.
 *
 * @example
 * expect(run).toCiteSource({ label: "refund-policy" });
 * // expected sources to include a file labelled "refund-policy", got shipping.md (7d2e8c41…) (jamba-mini/low #0, run 3f1c9a2b…)
 */
export function toCiteSource(
  this: MatcherState,
  received: unknown,
  source: SourceReference,
  options?: CheckMatcherOptions,
): MaestroMatcherResult {
  const given = isPlainObject(source)
    ? KEYS.filter((key) => (source as Record<string, unknown>)[key] !== undefined)
    : [];
  if (!isPlainObject(source) || given.length !== 1) {
    throw new TypeError(
      `toCiteSource: source must be one of { fileId }, { url } or { label }, got ${isPlainObject(source) ? `an object with ${given.length === 0 ? "none of them" : given.join(" and ")}` : describeArgument(source)}`,
    );
  }
  const key = given[0]!;
  const value = (source as Record<string, unknown>)[key];
  if (typeof value !== "string" || value === "") {
    throw new TypeError(`toCiteSource: ${key} must be a non-empty string, got ${describeArgument(value)}`);
  }
  const { aggregate } = readOptionsObject("toCiteSource", options);
  const goal =
    key === "fileId"
      ? `to include file "${value}"`
      : key === "url"
        ? `to include page "${value}"`
        : `to include a file labelled "${value}"`;
  return evaluateCheck(this.isNot, received, {
    matcher: "toCiteSource",
    subject: "sources",
    goal,
    threshold: null,
    aggregate,
    check: ({ run }) => {
      const read = readDataSources(run);
      if (!read.ok) return read;
      if (key === "url") {
        const pages = (read.dataSources.web_search ?? []).map((item) => item.url);
        const wanted = normaliseUrl(value);
        return {
          ok: true,
          pass: pages.some((url) => normaliseUrl(url) === wanted),
          seen: pages.length === 0 ? "no web sources" : listSome(pages),
          value: null,
          actual: pages,
          expected: value,
        };
      }
      const files = read.dataSources.file_search ?? [];
      const seen =
        files.length === 0
          ? "no file sources"
          : listSome(unique(files.map((item) => `${item.file_name ?? "?"} (${shortRunId(item.file_id)})`)));
      if (key === "fileId") {
        const ids = unique(files.map((item) => item.file_id));
        return { ok: true, pass: ids.includes(value), seen, value: null, actual: ids, expected: value };
      }
      const labels = run.x_local?.file_labels;
      if (labels === undefined && files.length > 0) {
        return {
          ok: false,
          problem:
            "the run does not say which labels its files carry (AI21 reports none; maestro-eval's local server does)",
          hint: "match by { fileId } instead",
        };
      }
      const labelled = unique(files.map((item) => item.file_id)).filter((id) =>
        labels?.[id]?.includes(value),
      );
      return { ok: true, pass: labelled.length > 0, seen, value: null, actual: labelled, expected: value };
    },
  });
}

function unique(items: readonly string[]): string[] {
  return [...new Set(items)];
}

function normaliseUrl(url: string): string {
  try {
    return new URL(url).href;
  } catch {
    return url;
  }
}

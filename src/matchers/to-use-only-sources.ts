import type { MatcherState } from "vitest";
import { matchesUrlPrefix } from "../domain/index.js";
import { evaluateCheck } from "./evaluate-check.js";
import { describeArgument } from "./format.js";
import type { MaestroMatcherResult } from "./matcher-result.js";
import { listSome, readDataSources } from "./read-data-sources.js";
import { readOptionsObject } from "./read-options.js";
import type { CheckMatcherOptions } from "./types.js";

/**
 * Asserts that every page the run found with web_search falls under one of `prefixes`, read as AI21
 * reads web_search `urls` (`example.com` also matches `www.example.com`, `example.com/docs` is a path
 * prefix, `sub.example.com` only that subdomain). A run that found no pages passes; one without
 * `data_sources` fails, `.not` or not. The pages outside follow the message.
 *
 * @example
 * expect(run).toUseOnlySources(["docs.example.com", "example.com/blog"]);
 * // expected web sources to all fall under docs.example.com, example.com/blog, got 1 of 3 outside: https://other.org/post (jamba-mini/low #0, run 3f1c9a2b…)
 */
export function toUseOnlySources(
  this: MatcherState,
  received: unknown,
  prefixes: readonly string[],
  options?: CheckMatcherOptions,
): MaestroMatcherResult {
  if (!Array.isArray(prefixes) || prefixes.length === 0) {
    throw new TypeError(
      `toUseOnlySources: prefixes must be a non-empty array of URL prefixes, got ${describeArgument(prefixes)}`,
    );
  }
  const bad = prefixes.find((prefix) => typeof prefix !== "string" || prefix.trim() === "");
  if (bad !== undefined || prefixes.some((prefix) => typeof prefix !== "string")) {
    throw new TypeError(
      `toUseOnlySources: every prefix must be a non-empty string, got ${describeArgument(bad)}`,
    );
  }
  const { aggregate } = readOptionsObject("toUseOnlySources", options);
  return evaluateCheck(this.isNot, received, {
    matcher: "toUseOnlySources",
    subject: "web sources",
    goal: `to all fall under ${prefixes.join(", ")}`,
    threshold: null,
    aggregate,
    check: ({ run }) => {
      const read = readDataSources(run);
      if (!read.ok) return read;
      const pages = (read.dataSources.web_search ?? []).map((item) => item.url);
      const outside = pages.filter((url) => !prefixes.some((prefix) => matchesUrlPrefix(url, prefix)));
      return {
        ok: true,
        pass: outside.length === 0,
        seen:
          pages.length === 0
            ? "no web sources"
            : outside.length === 0
              ? `all ${pages.length} inside`
              : `${outside.length} of ${pages.length} outside: ${listSome(outside)}`,
        value: outside.length,
        actual: outside,
        expected: [],
      };
    },
  });
}

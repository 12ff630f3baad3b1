// AI21's four documented forms of web_search `urls`, and the decisions where AI21 is silent.
import { describe, expect, test } from "vitest";
import { matchesUrlPrefix } from "../../../../src/domain/index.js";

describe("matchesUrlPrefix", () => {
  test.each<[string, string, boolean]>([
    // https://example.com and example.com: the domain, with or without www.
    ["https://example.com", "https://example.com/a", true],
    ["https://example.com", "https://www.example.com/a", true],
    ["example.com", "http://www.example.com", true],
    ["example.com", "https://example.com/", true],
    ["www.example.com", "https://example.com/x", true],
    ["example.com", "https://docs.example.com/a", false],
    ["example.com", "https://example.com.evil.org/a", false],
    ["example.com", "https://notexample.com/a", false],
    ["EXAMPLE.com", "https://Example.COM/a", true],
    // example.com/page: a path prefix, case-sensitive, plain string prefix.
    ["example.com/page", "https://example.com/page", true],
    ["example.com/page", "https://www.example.com/page/2", true],
    ["example.com/page", "https://example.com/pages", true],
    ["example.com/page", "https://example.com/Page", false],
    ["example.com/page", "https://example.com/other/page", false],
    ["example.com/page/", "https://example.com/page", false],
    ["example.com/", "https://example.com/anything", true],
    ["example.com/search?q=a", "https://example.com/search?q=abc", true],
    ["example.com/café", "https://example.com/caf%C3%A9/menu", true],
    // sub.example.com: that subdomain only.
    ["sub.example.com", "https://sub.example.com/a", true],
    ["sub.example.com", "https://www.sub.example.com/a", true],
    ["sub.example.com", "https://example.com/a", false],
    ["sub.example.com", "https://deep.sub.example.com/a", false],
    // Schemes and hosts.
    ["http://example.com", "https://example.com/a", true],
    ["example.com", "ftp://example.com/a", false],
    ["bücher.de", "https://xn--bcher-kva.de/x", true],
    ["example.com", "https://example.com:8443/a", true],
    ["example.com", "not a url", false],
    ["", "https://example.com", false],
    ["user@example.com", "https://example.com", false],
  ])("%s vs %s: %s", (prefix, url, expected) => {
    expect(matchesUrlPrefix(url, prefix)).toBe(expected);
  });
});

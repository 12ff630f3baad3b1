import { describe, expect, test } from "vitest";
import {
  collectUrlSecrets,
  redactAndCut,
  redactSecrets,
  redactText,
  redactUrl,
  secretForms,
} from "../../../src/errors/index.js";

describe("redactUrl", () => {
  test.each([
    [
      "https://api.example.com/v1?api_key=abc123&q=shoes",
      "https://api.example.com/v1?api_key=[REDACTED]&q=shoes",
    ],
    ["https://bob:hunter2@api.example.com/x", "https://[REDACTED]@api.example.com/x"],
    [
      "https://api.example.com/?apikey=a&key=b&token=c",
      "https://api.example.com/?apikey=[REDACTED]&key=[REDACTED]&token=[REDACTED]",
    ],
    [
      "https://x.example/?access_token=a&client_secret=b&password=c",
      "https://x.example/?access_token=[REDACTED]&client_secret=[REDACTED]&password=[REDACTED]",
    ],
    [
      "https://s3.example/o?X-Amz-Signature=f00&X-Amz-Credential=AK&sig=z",
      "https://s3.example/o?X-Amz-Signature=[REDACTED]&X-Amz-Credential=[REDACTED]&sig=[REDACTED]",
    ],
    [
      "https://x.example/?auth=a&sessionid=b#frag",
      "https://x.example/?auth=[REDACTED]&sessionid=[REDACTED]#frag",
    ],
    ["https://x.example/?monkey=1&keyboard=2&q=token", "https://x.example/?monkey=1&keyboard=2&q=token"],
    ["https://x.example/?token=", "https://x.example/?token="],
  ])("%s", (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });
});

describe("collectUrlSecrets", () => {
  test("gives the user-info and the credential parameters' values, decoded too", () => {
    expect(collectUrlSecrets("https://bob:pw@x.example/?api_key=a%2Fb&q=1")).toEqual([
      "bob:pw",
      "bob",
      "pw",
      "a%2Fb",
      "a/b",
    ]);
    expect(collectUrlSecrets("https://x.example/path?q=1")).toEqual([]);
  });
});

describe("redactText", () => {
  test("removes URL secrets inside free text and known values in their echoed forms", () => {
    const secret = 'tok"en/with spaces';
    const text = `called https://x.example/a?token=zzz9 with ${encodeURIComponent(secret)} and ${JSON.stringify(secret)}`;
    expect(redactText(text, [secret])).toBe(
      'called https://x.example/a?token=[REDACTED] with [REDACTED] and "[REDACTED]"',
    );
  });

  test("a bearer header value is also removed as its bare token", () => {
    expect(secretForms(["Bearer abcdef"])).toEqual(["Bearer%20abcdef", "Bearer abcdef", "abcdef"]);
    expect(redactText("echo: abcdef", ["Bearer abcdef"])).toBe("echo: [REDACTED]");
  });

  test("values shorter than 4 characters are not removed (they would erase ordinary words)", () => {
    expect(redactText("the abc of it", ["abc"])).toBe("the abc of it");
    expect(redactText("the abcd of it", ["abcd"])).toBe("the [REDACTED] of it");
  });
});

describe("redactAndCut", () => {
  test("removes a secret before cutting, so no part of it survives the cut", () => {
    const secret = "0123456789abcdef0123456789abcdef012345"; // 38 characters
    const body = `${"x".repeat(480)}${secret}`;
    const cut = redactAndCut(body, [secret], 500);
    expect(cut).toBe(`${"x".repeat(480)}[REDACTED]`);
    for (let at = 0; at + 8 <= secret.length; at += 1) expect(cut).not.toContain(secret.slice(at, at + 8));
    expect(redactAndCut("y".repeat(600), [secret], 500)).toBe(`${"y".repeat(500)}…`);
  });
});

describe("redactSecrets", () => {
  test("removes URL secrets from a stored request's tool URL", () => {
    const request = {
      tools: [{ type: "http", endpoint: { url: "https://bob:pw@x.example/s?api_key=k3y&q=1" } }],
    };
    expect(redactSecrets(request)).toEqual({
      tools: [{ type: "http", endpoint: { url: "https://[REDACTED]@x.example/s?api_key=[REDACTED]&q=1" } }],
    });
  });
});

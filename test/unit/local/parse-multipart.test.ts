import { describe, expect, test } from "vitest";
import { MultipartError, parseMultipart, readBoundary } from "../../../src/local/routes/parse-multipart.js";

const body = (text: string) => Buffer.from(text, "utf8");

describe("readBoundary", () => {
  test.each<[string | undefined, string | undefined]>([
    ["multipart/form-data; boundary=abc", "abc"],
    ['Multipart/Form-Data; charset=utf-8; boundary="a b;c"', "a b;c"],
    ["multipart/form-data", undefined],
    ["multipart/mixed; boundary=abc", undefined],
    ["application/json", undefined],
    [`multipart/form-data; boundary=${"x".repeat(71)}`, undefined],
    [undefined, undefined],
  ])("%s", (contentType, boundary) => {
    expect(readBoundary(contentType)).toBe(boundary);
  });
});

describe("parseMultipart", () => {
  test("fields and a file, with a preamble, transport padding and an epilogue", () => {
    const parts = parseMultipart(
      body(
        'preamble\r\n--b \t\r\nContent-Disposition: form-data; name="labels"\r\n\r\npolicy\r\n--b\r\ncontent-disposition: form-data; name="file"; filename="a.md"\r\nContent-Type: text/markdown\r\n\r\n# A\r\n\r\nline\r\n--b--\r\nepilogue',
      ),
      "b",
    );
    expect(parts).toEqual([
      { name: "labels", data: body("policy") },
      { name: "file", filename: "a.md", contentType: "text/markdown", data: body("# A\r\n\r\nline") },
    ]);
  });

  test("binary content with boundary-like bytes inside is kept whole", () => {
    const content = Buffer.concat([
      // "--b" after a bare LF or CR is content: only CRLF--b delimits.
      Buffer.from([0, 255, 10]),
      body("--b not a boundary\r--b"),
      Buffer.from([13, 10, 45]),
    ]);
    const raw = Buffer.concat([
      body('--b\r\nContent-Disposition: form-data; name="file"; filename="x.pdf"\r\n\r\n'),
      content,
      body("\r\n--b--"),
    ]);
    expect(parseMultipart(raw, "b")[0]?.data).toEqual(content);
  });

  test.each<[string, string, string]>([
    ['quoted escapes: \\" and \\\\', 'filename="a\\"b\\\\c.txt"', 'a"b\\c.txt'],
    ["httpx's %22 for a quote", 'filename="a%22b.txt"', 'a"b.txt'],
    [
      "RFC 5987 filename* wins",
      "filename=\"fallback.txt\"; filename*=UTF-8''na%C3%AFve%20r%C3%A9sum%C3%A9.txt",
      "naïve résumé.txt",
    ],
    ["a semicolon inside quotes", 'filename="a;b.txt"', "a;b.txt"],
    ["UTF-8 bytes as sent by browsers", 'filename="日本.txt"', "日本.txt"],
  ])("file names: %s", (_, parameter, filename) => {
    const parts = parseMultipart(
      body(`--b\r\nContent-Disposition: form-data; name="file"; ${parameter}\r\n\r\nx\r\n--b--`),
      "b",
    );
    expect(parts[0]?.filename).toBe(filename);
  });

  test("an empty part and an empty body between boundaries", () => {
    expect(
      parseMultipart(body('--b\r\nContent-Disposition: form-data; name="path"\r\n\r\n\r\n--b--'), "b"),
    ).toEqual([{ name: "path", data: Buffer.alloc(0) }]);
    expect(parseMultipart(body("--b--\r\n"), "b")).toEqual([]);
  });

  test.each<[string, string, string]>([
    ["no boundary line", "hello", "the body has no multipart boundary line"],
    [
      "no closing boundary",
      '--b\r\nContent-Disposition: form-data; name="a"\r\n\r\nx',
      "the body ends before its closing boundary",
    ],
    [
      "headers that never end",
      '--b\r\nContent-Disposition: form-data; name="a"',
      "a part's headers never end",
    ],
    [
      "no Content-Disposition",
      "--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--",
      "a part has no Content-Disposition header",
    ],
    [
      "another disposition",
      '--b\r\nContent-Disposition: attachment; name="a"\r\n\r\nx\r\n--b--',
      'a part\'s Content-Disposition is "attachment", not form-data',
    ],
    [
      "no name",
      "--b\r\nContent-Disposition: form-data\r\n\r\nx\r\n--b--",
      "a part has no name in its Content-Disposition",
    ],
    [
      "garbage after a boundary",
      "--bxyz\r\n\r\n",
      "a multipart boundary line is not followed by a line break",
    ],
    [
      "a header line without a colon",
      "--b\r\nnonsense\r\n\r\nx\r\n--b--",
      'a part has a malformed header line: "nonsense"',
    ],
  ])("refuses %s", (_, text, message) => {
    expect(() => parseMultipart(body(text), "b")).toThrow(new MultipartError(message));
  });

  test("limits: parts and header size", () => {
    const part = '--b\r\nContent-Disposition: form-data; name="a"\r\n\r\nx\r\n';
    expect(() => parseMultipart(body(`${part.repeat(3)}--b--`), "b", { maxParts: 2 })).toThrow(
      new MultipartError("more than 2 parts"),
    );
    expect(() =>
      parseMultipart(
        body(`--b\r\nContent-Disposition: form-data; name="${"a".repeat(100)}"\r\n\r\nx\r\n--b--`),
        "b",
        {
          maxHeaderBytes: 50,
        },
      ),
    ).toThrow(new MultipartError("a part's headers exceed 50 bytes"));
  });
});

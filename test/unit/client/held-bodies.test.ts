// The client's Request and Response with held bodies: the standard classes, read the standard way.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, test } from "vitest";
import {
  heldBodyRequestClass,
  heldBodyResponseClass,
  readRequestBody,
} from "../../../src/client/held-bodies.js";
import { repoRoot } from "../../helpers/run-fixture-suites.js";

const HeldBodyRequest = heldBodyRequestClass();
const HeldBodyResponse = heldBodyResponseClass();

const URL_ = "http://127.0.0.1:4010/studio/v1/maestro/runs";
const JSON_BODY = JSON.stringify({ input: "Grüß dich", models: ["jamba-mini"] });

async function readStream(stream: ReadableStream<Uint8Array> | null): Promise<string> {
  if (stream === null) return "<null>";
  return new Response(stream).text();
}

describe("HeldBodyRequest", () => {
  test("is a Request with the method, URL, headers and signal given", () => {
    const signal = new AbortController().signal;
    const request = new HeldBodyRequest(URL_, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON_BODY,
      signal,
    });
    expect(request).toBeInstanceOf(Request);
    expect(request.method).toBe("POST");
    expect(request.url).toBe(URL_);
    expect(request.headers.get("content-type")).toBe("application/json");
    expect(request.signal.aborted).toBe(false);
  });

  test.each([
    ["text", (request: Request) => request.text(), JSON_BODY],
    ["json", (request: Request) => request.json(), JSON.parse(JSON_BODY)],
    [
      "arrayBuffer",
      async (request: Request) => new TextDecoder().decode(await request.arrayBuffer()),
      JSON_BODY,
    ],
    ["body", (request: Request) => readStream(request.body), JSON_BODY],
  ])("a string body reads back whole through %s", async (_name, read, expected) => {
    const request = new HeldBodyRequest(URL_, { method: "POST", body: JSON_BODY });
    expect(await read(request)).toEqual(expected);
  });

  test("readRequestBody gives a held body's UTF-8 bytes without a stream, and undefined without a body", async () => {
    const request = new HeldBodyRequest(URL_, { method: "POST", body: JSON_BODY });
    const bytes = await readRequestBody(request);
    expect(new TextDecoder().decode(bytes)).toBe(JSON_BODY);
    expect(bytes!.byteLength).toBe(new TextEncoder().encode(JSON_BODY).byteLength);
    expect(await readRequestBody(new HeldBodyRequest(URL_))).toBeUndefined();
    expect(new HeldBodyRequest(URL_).body).toBeNull();
  });

  test("bytes are held as given, a view as its own part of the buffer", async () => {
    const buffer = new TextEncoder().encode(`xx${JSON_BODY}yy`);
    const view = buffer.subarray(2, buffer.byteLength - 2);
    const request = new HeldBodyRequest(URL_, { method: "POST", body: view });
    expect(new TextDecoder().decode(await readRequestBody(request))).toBe(JSON_BODY);
    expect(await request.text()).toBe(JSON_BODY);
  });

  test("a form keeps the standard path: its multipart type and boundary set by the platform", async () => {
    const form = new FormData();
    form.append("file", new Blob(["hello"], { type: "text/plain" }), "hello.txt");
    const request = new HeldBodyRequest(URL_, { method: "POST", body: form });
    expect(request.headers.get("content-type")).toMatch(/^multipart\/form-data; boundary=/);
    const text = new TextDecoder().decode(await readRequestBody(request));
    expect(text).toContain('filename="hello.txt"');
    expect(text).toContain("hello");
  });

  test("a standard Request is read the standard way", async () => {
    const request = new Request(URL_, { method: "POST", body: JSON_BODY });
    expect(new TextDecoder().decode(await readRequestBody(request))).toBe(JSON_BODY);
    expect(await readRequestBody(new Request(URL_))).toBeUndefined();
  });
});

describe("HeldBodyResponse", () => {
  const bytes = () => new TextEncoder().encode(JSON_BODY);
  const init = { status: 201, statusText: "Created", headers: { "content-type": "application/json" } };

  test("is a Response with its status, status text and headers", () => {
    const response = new HeldBodyResponse(bytes(), init);
    expect(response).toBeInstanceOf(Response);
    expect([response.status, response.statusText, response.ok]).toEqual([201, "Created", true]);
    expect(response.headers.get("content-type")).toBe("application/json");
    response.headers.set("x-maestro-eval-attempts", "2");
    expect(response.headers.get("x-maestro-eval-attempts")).toBe("2");
  });

  test.each([
    ["text", (response: Response) => response.text(), JSON_BODY],
    ["json", (response: Response) => response.json(), JSON.parse(JSON_BODY)],
    [
      "arrayBuffer",
      async (response: Response) => new TextDecoder().decode(await response.arrayBuffer()),
      JSON_BODY,
    ],
    ["blob", async (response: Response) => (await response.blob()).text(), JSON_BODY],
    ["body", (response: Response) => readStream(response.body), JSON_BODY],
  ])("reads its body whole through %s", async (_name, read, expected) => {
    expect(await read(new HeldBodyResponse(bytes(), init))).toEqual(expected);
  });

  test("a blob has the response's content type", async () => {
    expect((await new HeldBodyResponse(bytes(), init).blob()).type).toBe("application/json");
  });

  test("a body is read once: a second read, or a read after the stream was taken, is a TypeError", async () => {
    const response = new HeldBodyResponse(bytes(), init);
    expect(response.bodyUsed).toBe(false);
    await response.text();
    expect(response.bodyUsed).toBe(true);
    await expect(response.json()).rejects.toThrow(TypeError);
    const streamed = new HeldBodyResponse(bytes(), init);
    await readStream(streamed.body);
    await expect(streamed.text()).rejects.toThrow(TypeError);
    expect(() => streamed.clone()).toThrow(TypeError);
  });

  test("a clone reads the same body on its own", async () => {
    const response = new HeldBodyResponse(bytes(), init);
    const copy = response.clone();
    expect(await copy.text()).toBe(JSON_BODY);
    expect(await response.text()).toBe(JSON_BODY);
    expect([copy.status, copy.headers.get("content-type")]).toEqual([201, "application/json"]);
  });

  test("without a body: null body, empty text", async () => {
    const response = new HeldBodyResponse(null, { status: 204 });
    expect(response.body).toBeNull();
    expect(await response.text()).toBe("");
  });
});

describe("the classes are defined at their first use", () => {
  // Extending Request or Response loads Node's fetch implementation (about 30 ms): a process that imports
  // maestro-eval without sending anything (the CLI's, loading a config) must not load it. Checked on the
  // built package, as a user's process imports it (the test setup builds dist/ from the sources).
  test("importing the built package loads no fetch implementation; creating a client does", async () => {
    const entry = pathToFileURL(join(repoRoot, "dist/bundle/index.js")).href;
    const loaded = (code: string) =>
      execFileSync(process.execPath, ["--input-type=module", "-e", code], { encoding: "utf8" }).trim();
    const undici = "process.moduleLoadList.some((name) => name.endsWith('internal/deps/undici/undici'))";
    expect(loaded(`await import(${JSON.stringify(entry)}); console.log(${undici});`)).toBe("false");
    expect(
      loaded(
        `const { createMaestroClient } = await import(${JSON.stringify(entry)}); ` +
          `createMaestroClient({ baseUrl: "http://127.0.0.1:9" }); console.log(${undici});`,
      ),
    ).toBe("true");
  });
});

// AI21's files library on the local server: the exact requests AI21's Python SDK sends (its source,
// ai21/clients/studio/resources/studio_library.py and http_client/base_http_client.py, read because
// PyPI cannot be reached here to run it), and the TypeScript client end to end.
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createMaestroClient } from "../../src/client/index.js";
import type { LibraryFile } from "../../src/domain/index.js";
import { MaestroApiError } from "../../src/errors/index.js";
import { type LocalServer, startLocalServer } from "../../src/local/index.js";

let server: LocalServer;
beforeAll(async () => {
  server = await startLocalServer({ timeScale: 0 });
});
afterAll(() => server.close());

const SDK_HEADERS = {
  "user-agent": "AI21 studio SDK 4.2.0 Python 3.12.3 Operating System Linux-6.8.0-x86_64-with-glibc2.39",
  authorization: "Bearer local-key",
  accept: "*/*",
  "accept-encoding": "gzip, deflate",
  connection: "keep-alive",
};

/** Sends raw bytes, as httpx would, and reads the JSON answer. */
function send(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: Buffer | string,
): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        resolve({ status: res.statusCode ?? 0, json: text === "" ? undefined : JSON.parse(text) });
      });
    });
    req.on("error", reject);
    req.end(body);
  });
}

/**
 * The body httpx builds for `files={"file": f}` and `data={"path": ..., "labels": [...], "publicUrl": ...}`:
 * data fields first, one part per list item, then the file with its base name and a guessed type.
 */
function httpxMultipart(
  boundary: string,
  fields: [string, string][],
  file: { filename: string; contentType: string; content: string },
): Buffer {
  const parts = fields.map(
    ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  parts.push(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.filename}"\r\nContent-Type: ${file.contentType}\r\n\r\n${file.content}\r\n`,
  );
  parts.push(`--${boundary}--\r\n`);
  return Buffer.from(parts.join(""), "utf8");
}

/** What the SDK's FileResponse (pydantic, camelCase aliases) requires of a file. */
function expectSdkFile(file: unknown): asserts file is LibraryFile {
  expect(file).toEqual(
    expect.objectContaining({
      fileId: expect.any(String),
      name: expect.any(String),
      fileType: expect.any(String),
      sizeBytes: expect.any(Number),
      createdBy: expect.any(String),
      creationDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      lastUpdated: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      status: expect.any(String),
    }),
  );
}

describe("the local library answers the requests of AI21's Python SDK", () => {
  const boundary = "9f1c3a7e5b2d4f6081a3c5e7b9d1f2a4";
  let fileId: string;

  test("files.create: multipart with path, repeated labels and publicUrl answers 200 {fileId}", async () => {
    const body = httpxMultipart(
      boundary,
      [
        ["path", "policies/returns"],
        ["labels", "policy"],
        ["labels", "returns"],
        ["publicUrl", "https://example.com/refunds"],
      ],
      {
        filename: "sdk-refunds.md",
        contentType: "text/markdown",
        content: "# Refunds\n\nRefunds take 14 days.",
      },
    );
    const answer = await send(
      "POST",
      "/studio/v1/library/files",
      {
        ...SDK_HEADERS,
        "content-type": `multipart/form-data; boundary=${boundary}`,
        "content-length": String(body.length),
      },
      body,
    );
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({
      fileId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    fileId = (answer.json as { fileId: string }).fileId;
    expect((answer.json as { id: string }).id).toBe(fileId);
  });

  test("files.create with path=None and public_url=None (empty parts) stores neither", async () => {
    const body = httpxMultipart(
      boundary,
      [
        ["path", ""],
        ["publicUrl", ""],
      ],
      {
        filename: "sdk-none.txt",
        contentType: "text/plain",
        content: "Plain text.",
      },
    );
    const answer = await send(
      "POST",
      "/studio/v1/library/files",
      { ...SDK_HEADERS, "content-type": `multipart/form-data; boundary=${boundary}` },
      body,
    );
    expect(answer.status).toBe(200);
    const file = server.library.get((answer.json as { fileId: string }).fileId);
    expect(file).toMatchObject({ path: null, publicUrl: null, labels: [] });
  });

  test("files.get: GET /library/files/{id} answers a FileResponse", async () => {
    const answer = await send("GET", `/studio/v1/library/files/${fileId}`, {
      ...SDK_HEADERS,
      "content-type": "application/json",
    });
    expect(answer.status).toBe(200);
    expectSdkFile(answer.json);
    expect(answer.json).toMatchObject({
      fileId,
      name: "sdk-refunds.md",
      fileType: "md",
      sizeBytes: 32,
      status: "PROCESSED",
      path: "policies/returns",
      labels: ["policy", "returns"],
      publicUrl: "https://example.com/refunds",
    });
  });

  test("files.list: GET /library/files?offset=&limit= answers a list of FileResponse", async () => {
    const answer = await send("GET", "/studio/v1/library/files?offset=0&limit=1", {
      ...SDK_HEADERS,
      "content-type": "application/json",
    });
    expect(answer.status).toBe(200);
    expect(answer.json).toHaveLength(1);
    expectSdkFile((answer.json as unknown[])[0]);
    const rest = await send("GET", "/studio/v1/library/files?offset=1", SDK_HEADERS);
    expect((rest.json as LibraryFile[]).map((file) => file.name)).toEqual(["sdk-none.txt"]);
  });

  test("files.update: PUT a JSON body of publicUrl and labels", async () => {
    const answer = await send(
      "PUT",
      `/studio/v1/library/files/${fileId}`,
      { ...SDK_HEADERS, "content-type": "application/json" },
      '{"publicUrl": "https://example.com/r", "labels": ["policy"]}',
    );
    expect(answer.status).toBe(200);
    expect(server.library.get(fileId)).toMatchObject({
      publicUrl: "https://example.com/r",
      labels: ["policy"],
    });
  });

  test("files.delete: DELETE without a body", async () => {
    const answer = await send("DELETE", `/studio/v1/library/files/${fileId}`, {
      ...SDK_HEADERS,
      "content-type": "application/json",
    });
    expect(answer.status).toBe(200);
    expect(server.library.get(fileId)).toBeUndefined();
    expect((await send("GET", `/studio/v1/library/files/${fileId}`, SDK_HEADERS)).status).toBe(404);
  });
});

describe("library.files through the client", () => {
  test("upload, list with filters, retrieve, update and delete", async () => {
    const client = createMaestroClient({ baseUrl: server.url, env: {} });
    const { fileId } = await client.library.files.upload(
      {
        name: "client-shipping.html",
        content: "<h1>Shipping</h1><p>We ship in 2 days.</p>",
        contentType: "text/html",
      },
      { labels: ["shipping", "faq"], path: "faq/shipping" },
    );
    const file = await client.library.files.retrieve(fileId);
    expect(file).toMatchObject({
      name: "client-shipping.html",
      fileType: "html",
      labels: ["shipping", "faq"],
      path: "faq/shipping",
    });
    expect(server.library.files().find((item) => item.meta.fileId === fileId)?.passages).toEqual([
      "Shipping\n\nWe ship in 2 days.",
    ]);
    expect((await client.library.files.list({ label: ["faq"] })).map((item) => item.fileId)).toEqual([
      fileId,
    ]);
    expect(
      await client.library.files.list({ name: "client-shipping.html", status: "PROCESSED" }),
    ).toHaveLength(1);
    expect(await client.library.files.list({ label: ["nothing"] })).toEqual([]);
    await client.library.files.update(fileId, { labels: ["faq"] });
    expect((await client.library.files.retrieve(fileId)).labels).toEqual(["faq"]);
    await client.library.files.delete(fileId);
    await expect(client.library.files.retrieve(fileId)).rejects.toThrow(
      new MaestroApiError({
        status: 404,
        method: "GET",
        url: `${server.url}/studio/v1/library/files/${fileId}`,
        detail: "Not Found",
      }),
    );
  });

  test("labels sent as one JSON array part, as AI21's older Node example does", async () => {
    const form = new FormData();
    form.append("file", new Blob(["Koalas sleep 20 hours."]), "koala.txt");
    form.append("labels", JSON.stringify(["cuties", "furry_animals"]));
    const answer = await fetch(`${server.url}/studio/v1/library/files`, { method: "POST", body: form });
    const { fileId } = (await answer.json()) as { fileId: string };
    expect(server.library.get(fileId)?.labels).toEqual(["cuties", "furry_animals"]);
  });

  test.each<[string, { name: string; content: string | Uint8Array }, number, string]>([
    [
      "a duplicate name",
      { name: "twice.txt", content: "b" },
      409,
      'A file named "twice.txt" is already in the library (fileId ',
    ],
    [
      "an unsupported type",
      { name: "data.csv", content: "a,b" },
      422,
      'Unsupported document type: "data.csv"; supported: pdf, docx, html, txt, md',
    ],
    [
      "a file over 5 MiB",
      { name: "big.txt", content: new Uint8Array(5 * 1024 * 1024 + 1) },
      413,
      'File "big.txt" has 5242881 bytes; at most 5242880 are allowed',
    ],
  ])("refuses %s", async (_, file, status, detail) => {
    const client = createMaestroClient({ baseUrl: server.url, env: {} });
    await client.library.files.upload({ name: "twice.txt", content: "a" }).catch(() => undefined);
    const error = await client.library.files.upload(file).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MaestroApiError);
    expect((error as MaestroApiError).status).toBe(status);
    expect(String((error as MaestroApiError).detail)).toContain(detail);
  });

  test("PDF and DOCX are stored but not searchable; bad queries and bodies answer 422", async () => {
    const client = createMaestroClient({ baseUrl: server.url, env: {} });
    const { fileId } = await client.library.files.upload({ name: "scan.pdf", content: "%PDF-1.7" });
    expect(await client.library.files.retrieve(fileId)).toMatchObject({
      status: "PARSING_FAILED",
      errorMessage: "The local server cannot read PDF files; file_search skips this one",
    });
    expect((await send("GET", "/studio/v1/library/files?limit=-1", {})).json).toEqual({
      detail: [
        {
          loc: ["query", "limit"],
          msg: "value is not a valid non-negative integer",
          type: "type_error.integer",
        },
      ],
    });
    expect(
      (
        await send(
          "PUT",
          `/studio/v1/library/files/${fileId}`,
          { "content-type": "application/json" },
          '{"labels": "x"}',
        )
      ).json,
    ).toEqual({
      detail: [
        { loc: ["body", "labels"], msg: "value is not a valid list of strings", type: "type_error.list" },
      ],
    });
    expect(
      (await send("POST", "/studio/v1/library/files", { "content-type": "application/json" }, "{}")).json,
    ).toEqual({
      detail: [
        { loc: ["body"], msg: "expected a multipart/form-data body with a file part", type: "value_error" },
      ],
    });
    expect((await send("PATCH", "/studio/v1/library/files", {})).status).toBe(405);
    expect((await send("GET", "/studio/v1/library/files/a/b", {})).status).toBe(404);
  });

  test("a file id that is not a UUID answers 422 on every route, and nothing outside the library is touched", async () => {
    const invalidId = {
      detail: [{ loc: ["path", "file_id"], msg: "value is not a valid uuid", type: "type_error.uuid" }],
    };
    for (const id of ["..%2F..%2Fvictim%2Fsecret.txt", "..%2F..%2F", "%2E%2E%2Fx", "not-a-uuid"]) {
      for (const method of ["GET", "DELETE"]) {
        expect(await send(method, `/studio/v1/library/files/${id}`, {})).toEqual({
          status: 422,
          json: invalidId,
        });
      }
      expect(
        await send("PUT", `/studio/v1/library/files/${id}`, { "content-type": "application/json" }, "{}"),
      ).toEqual({ status: 422, json: invalidId });
    }
    expect(
      (await send("GET", "/studio/v1/library/files/3f2b1c9e-8d7a-4e6f-9a0b-1c2d3e4f5a6b", {})).status,
    ).toBe(404);
  });

  test("a full library answers 507 with its limit, and a bad file name 422 naming the field", async () => {
    const small = await startLocalServer({ timeScale: 0, libraryMaxBytes: 100 });
    try {
      const upload = (name: string, size: number) => {
        const form = new FormData();
        form.append("file", new Blob([Buffer.alloc(size, "a")]), name);
        return fetch(`${small.url}/studio/v1/library/files`, { method: "POST", body: form });
      };
      expect((await upload("a.txt", 80)).status).toBe(200);
      const full = await upload("b.txt", 40);
      expect(full.status).toBe(507);
      expect(((await full.json()) as { detail: string }).detail).toContain(
        'it holds 80 bytes of files and "b.txt" has 40, past its limit of 100',
      );
      const long = await upload(`${"n".repeat(300)}.txt`, 1);
      expect(long.status).toBe(422);
      expect(await long.json()).toEqual({
        detail: [
          {
            loc: ["body", "file", "filename"],
            msg: "the file name has 304 characters; at most 255 are allowed",
            type: "value_error",
          },
        ],
      });
    } finally {
      await small.close();
    }
  });

  test("a server with a token refuses library requests without it", async () => {
    const guarded = await startLocalServer({ timeScale: 0, token: "t0ken" });
    try {
      expect((await fetch(`${guarded.url}/studio/v1/library/files`)).status).toBe(401);
      const client = createMaestroClient({ baseUrl: guarded.url, apiKey: "t0ken", env: {} });
      expect(await client.library.files.list()).toEqual([]);
    } finally {
      await guarded.close();
    }
  });
});

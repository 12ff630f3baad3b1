// Seeded random and mutated requests to the embedded local server, shared by the fuzz test (10,000
// requests in-process) and `npm run soak` (100,000 to a server in a child process): random JSON and
// non-JSON bodies, deep nesting, huge strings, prototype keys, odd paths, methods and headers, sent over
// a keep-alive connection pool to 127.0.0.1. Every answer is checked: no 5xx, and every JSON answer
// matches the spec's schema for its status.
import { Agent, type IncomingHttpHeaders, maxHeaderSize, request } from "node:http";
import * as fc from "fast-check";
import { chatRequest, runRequest } from "../../src/arbitraries/index.js";
import { compileSpecSchema } from "../../src/constraints/index.js";
import type { CreateRunRequest } from "../../src/domain/index.js";
import { REPEAT_HEADER } from "../../src/local/index.js";

/** The token of the guarded server: some requests carry it, most carry something else or nothing. */
export const FUZZ_TOKEN = "fuzz-token";

export const RUNS_PATH = "/studio/v1/maestro/runs";
export const CHAT_PATH = "/studio/v1/chat/completions";
const KNOWN_ID = "{known-run-id}";

export const schemas = {
  MaestroRun: compileSpecSchema("MaestroRun"),
  ChatCompletion: compileSpecSchema("ChatCompletion"),
  ChatCompletionChunk: compileSpecSchema("ChatCompletionChunk"),
  HTTPValidationError: compileSpecSchema("HTTPValidationError"),
  ErrorDetail: compileSpecSchema("ErrorDetail"),
};

// ------------------------------------------------------------------ what is sent

/** A body built when sent, so that 10,000 of them never sit in memory at once. */
export type BodyPlan =
  | { kind: "none" }
  | { kind: "text"; text: string }
  | { kind: "bytes"; bytes: Uint8Array }
  | { kind: "deep"; depth: number; open: string; close: string; inside: string; leaf: string }
  | { kind: "huge"; length: number; unit: string; template: string };

export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: BodyPlan;
  /** Send the body in several writes, without a content-length. */
  chunked: boolean;
  /** Send to the server started with a token. */
  withToken: boolean;
}

const printable = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
});
const latin1 = fc.string({ unit: fc.integer({ min: 0x80, max: 0xff }).map((c) => String.fromCharCode(c)) });
const headerValue = fc.oneof(
  { weight: 4, arbitrary: printable },
  { weight: 1, arbitrary: latin1 },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 1_000, max: 6_000 }), fc.constantFrom("a", "Z", "é", "%", " "))
      .map(([length, unit]) => unit.repeat(length).trim() || "x"),
  },
);

/** Keys that stress lookups: prototype names, and the fields the validators read. */
const key = fc.oneof(
  { weight: 3, arbitrary: fc.string() },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "__proto__",
      "constructor",
      "prototype",
      "toString",
      "hasOwnProperty",
      "valueOf",
      "input",
      "messages",
      "requirements",
      "tools",
      "model",
      "n",
      "stream",
      "budget",
      "include",
      "role",
      "content",
      "name",
      "description",
      "is_mandatory",
    ),
  },
);
const anyJson = fc.anything({ key, maxDepth: 5, withNullPrototype: true, withSparseArray: true });

/** A valid request with one subtree, found by following `path`, replaced by `value`. */
function graft(base: unknown, path: readonly number[], value: unknown): unknown {
  const root = structuredClone(base) as Record<string, unknown>;
  let parent: Record<string, unknown> | unknown[] = root;
  let slot: string | number | undefined;
  for (const step of path) {
    const current: unknown = slot === undefined ? parent : (parent as Record<string | number, unknown>)[slot];
    if (typeof current !== "object" || current === null) break;
    const keys = Array.isArray(current) ? current.map((_, index) => index) : Object.keys(current);
    if (keys.length === 0) break;
    if (slot !== undefined) parent = current as Record<string, unknown>;
    slot = keys[step % keys.length];
  }
  if (slot === undefined) return value;
  (parent as Record<string | number, unknown>)[slot] = value;
  return root;
}

const text = (value: unknown): BodyPlan => {
  const json = JSON.stringify(value);
  return json === undefined ? { kind: "none" } : { kind: "text", text: json };
};
const graftPath = fc.array(fc.nat(), { maxLength: 6 });
/**
 * Where the tools of fuzzed runs point: a closed port on this machine. The arbitraries write realistic
 * public URLs, and the server would call them; the fuzz sends traffic to 127.0.0.1 only.
 */
export const LOCAL_TOOL_ORIGIN = "http://127.0.0.1:9";

/** The request with every http and mcp tool aimed at {@link LOCAL_TOOL_ORIGIN}, paths kept. */
function keepToolsLocal(request: CreateRunRequest): CreateRunRequest {
  if (request.tools === undefined) return request;
  const local = (url: string) => {
    const parsed = URL.canParse(url) ? new URL(url) : undefined;
    return `${LOCAL_TOOL_ORIGIN}${parsed === undefined ? "/" : `${parsed.pathname}${parsed.search}`}`;
  };
  return {
    ...request,
    tools: request.tools.map((tool) => {
      if (tool.type === "http")
        return { ...tool, endpoint: { ...tool.endpoint, url: local(tool.endpoint.url) } };
      if (tool.type === "mcp") return { ...tool, server_url: local(tool.server_url) };
      return tool;
    }),
  };
}

const lightRun = runRequest().map((request) => keepToolsLocal({ ...request, budget: "low" as const }));

/** Templates with `@` where a deep or huge value goes: top level, unknown fields, free-form and typed fields. */
const RUN_TEMPLATES = [
  "@",
  '{"input":@}',
  '{"input":"Summarise the memo.","extra":@}',
  '{"input":"Summarise the memo.","requirements":[{"name":"a","description":"Write one sentence.","x":@}]}',
  '{"input":"Summarise the memo.","requirements":[{"name":"a","description":@}]}',
  '{"input":[{"role":"user","content":@}]}',
  '{"input":"Summarise the memo.","tool_resources":@}',
];
const CHAT_TEMPLATES = [
  '{"model":"jamba-mini","messages":[{"role":"user","content":"Hi"}],"extra":@}',
  '{"model":"jamba-mini","messages":[{"role":"user","content":@}]}',
  '{"model":@,"messages":[{"role":"user","content":"Hi"}]}',
];
const template = fc.constantFrom(...RUN_TEMPLATES, ...CHAT_TEMPLATES);

const body: fc.Arbitrary<BodyPlan> = fc.oneof(
  { weight: 1, arbitrary: fc.constant<BodyPlan>({ kind: "none" }) },
  { weight: 3, arbitrary: fc.json({ maxDepth: 4 }).map((json): BodyPlan => ({ kind: "text", text: json })) },
  { weight: 3, arbitrary: anyJson.map(text) },
  {
    weight: 2,
    arbitrary: fc.tuple(lightRun, graftPath, anyJson).map(([base, p, v]) => text(graft(base, p, v))),
  },
  {
    weight: 2,
    arbitrary: fc.tuple(chatRequest(), graftPath, anyJson).map(([base, p, v]) => text(graft(base, p, v))),
  },
  { weight: 2, arbitrary: lightRun.map(text) },
  { weight: 2, arbitrary: chatRequest().map(text) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.integer({ min: 1, max: 20_000 }),
        fc.constantFrom(["[", "]"], ['{"a":', "}"], ['{"__proto__":', "}"], ['[{"constructor":', "}]"]),
        template,
        fc.constantFrom("1", "null", '"x"', "{}", "[]"),
      )
      .map(
        ([depth, [open, close], inside, leaf]): BodyPlan => ({
          kind: "deep",
          depth,
          open: open!,
          close: close!,
          inside,
          leaf,
        }),
      ),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.integer({ min: 1_000, max: 700_000 }),
        fc.constantFrom("x", "word ", "é", "🙂", "\\n", "\\u0000", "Mention Acme Corp. "),
        template,
      )
      .map(([length, unit, inside]): BodyPlan => ({ kind: "huge", length, unit, template: inside })),
  },
  {
    weight: 2,
    arbitrary: fc.uint8Array({ maxLength: 4_000 }).map((bytes): BodyPlan => ({ kind: "bytes", bytes })),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.constantFrom("\uFEFF", "", " \n", "null", "//"),
        fc.oneof(
          lightRun.map((value) => JSON.stringify(value)),
          fc.json(),
        ),
        fc.constantFrom("", "}", ",", "\u0000", "garbage", "{}"),
      )
      .map(([before, json, after]): BodyPlan => ({ kind: "text", text: `${before}${json}${after}` })),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(
        '{"input":"hi","__proto__":{"budget":"huge","polluted":true}}',
        '{"input":"hi","constructor":{"prototype":{"polluted":true}}}',
        '{"input":"hi","requirements":[{"__proto__":{"is_mandatory":true},"name":"a","description":"Be brief."}]}',
        '{"model":"jamba-mini","messages":[{"role":"user","content":"hi","__proto__":{"role":"system"}}]}',
        '{"__proto__":[],"input":"hi"}',
        '{"input":"hi","input":42}',
        '{"input":"\\ud800"}',
        '{"input":"hi","budget":"high","models":["jamba-large"],"include":["requirements_result","data_sources"],"requirements":[{"name":"x","description":"Use a friendly tone"}]}',
        "{",
        '"just a string"',
        "1e999999",
        "-0",
        "[]",
        "true",
      )
      .map((json): BodyPlan => ({ kind: "text", text: json })),
  },
);

const runId = fc.oneof(
  { weight: 3, arbitrary: fc.constant(KNOWN_ID) },
  { weight: 2, arbitrary: fc.uuid() },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }).map(encodeURIComponent) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 20 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 500, max: 7_000 }), fc.constantFrom("a", "0", "%41", "é", "-"))
      .map(([length, unit]) => unit.repeat(length)),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "..",
      "%2e%2e",
      "%2E%2E%2F",
      "%",
      "%zz",
      "%E0%A4%A",
      "%00",
      "%2F",
      "a/b",
      "",
      "%F0%9F%99%82",
      "..%2f..%2fetc%2fpasswd",
      "constructor",
      "__proto__",
      "hasOwnProperty",
    ),
  },
);
const encodedPath = fc
  .tuple(
    fc.oneof(
      { weight: 4, arbitrary: fc.constant(RUNS_PATH) },
      { weight: 3, arbitrary: fc.constant(CHAT_PATH) },
      { weight: 5, arbitrary: runId.map((id) => `${RUNS_PATH}/${id}`) },
      { weight: 1, arbitrary: fc.webPath() },
      {
        weight: 2,
        arbitrary: fc.constantFrom(
          "/",
          "*",
          `${RUNS_PATH}/`,
          `${CHAT_PATH}/`,
          "/studio/v1/maestro/runs/../runs",
          "/studio/v1/maestro//runs",
          "/studio/v1/chat/../maestro/runs",
          "/STUDIO/V1/MAESTRO/RUNS",
          "/studio/v1/maestro/%72uns",
          "/studio/%2e%2e/v1/maestro/runs",
          `//${RUNS_PATH}`,
          `${RUNS_PATH}/${"a".repeat(10)}/extra`,
          "/studio/v1/maestro/runs;jsessionid=1",
          "http://127.0.0.1/studio/v1/maestro/runs",
        ),
      },
    ),
    fc.option(fc.oneof(fc.webQueryParameters(), fc.constantFrom("a=%zz", "x=\u00e9", "=", "&&")), {
      nil: undefined,
    }),
  )
  .map(([base, query]) => (query === undefined ? base : `${base}?${query}`))
  // node:http refuses to send characters outside U+0021..U+00FF, and the server's parser refuses raw
  // bytes above 0x7E with a 400 (a few paths below still send them); the rest goes percent-encoded.
  .map((value) => value.replace(/[^\u0021-\u007e]/gu, (character) => encodeURIComponent(character)));
const path = fc.oneof(
  { weight: 40, arbitrary: encodedPath },
  { weight: 1, arbitrary: fc.constantFrom(`${RUNS_PATH}/\u00e9`, `${RUNS_PATH}?q=\u00ff`) },
);

const method = fc.oneof(
  { weight: 12, arbitrary: fc.constant("POST") },
  { weight: 6, arbitrary: fc.constant("GET") },
  { weight: 2, arbitrary: fc.constantFrom("PUT", "DELETE", "PATCH", "HEAD", "OPTIONS") },
  { weight: 1, arbitrary: fc.constantFrom("TRACE", "PROPFIND", "PURGE", "LINK", "SEARCH") },
);

/** Mostly absent: a header each request may carry now and then. */
const sometimes = <T>(arbitrary: fc.Arbitrary<T>, weight = 2) =>
  fc.oneof({ weight: 12, arbitrary: fc.constant(undefined) }, { weight, arbitrary });

const headerName = fc.stringMatching(/^[a-z][a-z0-9-]{0,24}$/);
const headers = fc
  .record({
    "content-type": fc.oneof(
      { weight: 8, arbitrary: fc.constant("application/json") },
      { weight: 1, arbitrary: fc.constant(undefined) },
      {
        weight: 2,
        arbitrary: fc.constantFrom(
          "application/json; charset=utf-8",
          "application/json; charset=utf-16",
          "text/plain",
          "application/x-www-form-urlencoded",
          "multipart/form-data; boundary=x",
          "",
        ),
      },
      { weight: 1, arbitrary: printable },
    ),
    authorization: sometimes(
      fc.oneof(
        fc.constantFrom(
          `Bearer ${FUZZ_TOKEN}`,
          "Bearer wrong",
          "Bearer",
          "bearer fuzz-token",
          "Basic Zm9vOmJhcg==",
          "",
        ),
        headerValue.map((value) => `Bearer ${value}`),
        headerValue,
      ),
      6,
    ),
    [REPEAT_HEADER]: sometimes(fc.oneof(fc.nat().map(String), headerValue), 4),
    accept: sometimes(fc.constantFrom("*/*", "text/event-stream", "application/xml", "")),
    "accept-encoding": sometimes(fc.constantFrom("gzip", "br, deflate", "identity", "*")),
    expect: sometimes(fc.constantFrom("100-continue", "nonsense"), 1),
    extra: sometimes(fc.dictionary(headerName, headerValue, { minKeys: 1, maxKeys: 4 }), 4),
  })
  .map(({ extra, ...known }) => {
    const out: Record<string, string> = { ...extra };
    for (const [name, value] of Object.entries(known)) if (value !== undefined) out[name] = value;
    return out;
  });

const query = fc.option(
  fc.oneof(fc.webQueryParameters(), fc.constantFrom("a=%25zz", "x=%C3%A9", "=", "&&")),
  {
    freq: 4,
    nil: undefined,
  },
);
const withQuery = (base: string) => query.map((value) => (value === undefined ? base : `${base}?${value}`));

/** Most requests take a real route with its method, so that bodies reach the validators and the engine. */
const target = fc.oneof(
  { weight: 5, arbitrary: fc.record({ method: fc.constant("POST"), path: withQuery(RUNS_PATH) }) },
  { weight: 4, arbitrary: fc.record({ method: fc.constant("POST"), path: withQuery(CHAT_PATH) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      method: fc.constant("GET"),
      path: runId.map((id) => `${RUNS_PATH}/${id}`.replace(/[^\u0021-\u007e]/gu, encodeURIComponent)),
    }),
  },
  { weight: 4, arbitrary: fc.record({ method, path }) },
);

export const fuzzRequest: fc.Arbitrary<FuzzRequest> = fc
  .record({
    target,
    headers,
    body,
    chunked: fc.boolean(),
    withToken: fc.oneof(
      { weight: 17, arbitrary: fc.constant(false) },
      { weight: 3, arbitrary: fc.constant(true) },
    ),
  })
  .map(({ target: { method: verb, path: where }, ...rest }) => ({ method: verb, path: where, ...rest }));

export function buildBody(plan: BodyPlan): Buffer | undefined {
  switch (plan.kind) {
    case "none":
      return undefined;
    case "text":
      return Buffer.from(plan.text, "utf8");
    case "bytes":
      return Buffer.from(plan.bytes);
    case "deep":
      return Buffer.from(
        plan.inside.replace(
          "@",
          () => `${plan.open.repeat(plan.depth)}${plan.leaf}${plan.close.repeat(plan.depth)}`,
        ),
        "utf8",
      );
    case "huge": {
      const unit = plan.unit;
      const value = `"${unit.repeat(Math.max(1, Math.floor(plan.length / unit.length)))}"`;
      return Buffer.from(
        plan.template.replace("@", () => value),
        "utf8",
      );
    }
  }
}

// ------------------------------------------------------------------ what comes back

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** Methods whose bodies node:http sends without chunked framing unless the header asks for it. */
const UNFRAMED_BY_DEFAULT = new Set(["GET", "HEAD", "DELETE", "OPTIONS", "TRACE", "CONNECT"]);

export function send(
  agent: Agent,
  port: number,
  fuzz: FuzzRequest,
  payload: Buffer | undefined,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...fuzz.headers };
    if (payload !== undefined && !fuzz.chunked) headers["content-length"] = payload.length;
    // node:http frames a body of these methods only when asked to; unframed, the body's bytes would be
    // read as the next request on the keep-alive connection, which the server rightly answers with a
    // 400 and a close, and the request after it, sent on the closed socket, would fail.
    if (payload !== undefined && fuzz.chunked && UNFRAMED_BY_DEFAULT.has(fuzz.method))
      headers["transfer-encoding"] = "chunked";
    const req = request(
      { host: "127.0.0.1", port, method: fuzz.method, path: fuzz.path, headers, agent, timeout: 30_000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.on("timeout", () => req.destroy(new Error("no answer within 30 s")));
    if (payload === undefined) {
      req.end();
      return;
    }
    if (fuzz.chunked && payload.length > 1) {
      const middle = Math.floor(payload.length / 2);
      req.write(payload.subarray(0, middle));
      req.end(payload.subarray(middle));
    } else req.end(payload);
  });
}

type SchemaName = keyof typeof schemas;

/** The schema a JSON answer must match, from its status and route. */
function schemaFor(status: number, pathname: string, method: string): SchemaName {
  if (status === 422) return "HTTPValidationError";
  if (status !== 200) return "ErrorDetail";
  if (pathname === CHAT_PATH && method === "POST") return "ChatCompletion";
  return "MaestroRun";
}

/** Every problem with one answer; empty when it keeps the contract. */
export function checkAnswer(fuzz: FuzzRequest, answer: Answer): string[] {
  const problems: string[] = [];
  if (answer.status >= 500)
    problems.push(`answered ${answer.status}: ${answer.body.toString().slice(0, 300)}`);
  const type = answer.headers["content-type"] ?? "";
  if (answer.body.length === 0) return problems;
  const pathname = fuzz.path.split("?")[0] ?? "";
  if (type === "application/json") {
    let json: unknown;
    try {
      json = JSON.parse(answer.body.toString("utf8"));
    } catch {
      return [...problems, `answered unparsable JSON: ${answer.body.toString().slice(0, 200)}`];
    }
    const name = schemaFor(answer.status, pathname, fuzz.method);
    const issues = schemas[name](json);
    if (issues.length > 0) problems.push(`${name} issues: ${JSON.stringify(issues).slice(0, 400)}`);
  } else if (type === "text/event-stream") {
    const events = answer.body.toString("utf8").split("\n\n");
    if (events.pop() !== "" || events.at(-1) !== "data: [DONE]")
      problems.push("stream does not end with [DONE]");
    for (const event of events.slice(0, -1)) {
      if (!event.startsWith("data: {"))
        problems.push(`stream line is not a data chunk: ${event.slice(0, 100)}`);
      else {
        const issues = schemas.ChatCompletionChunk(JSON.parse(event.slice(6)));
        if (issues.length > 0)
          problems.push(`ChatCompletionChunk issues: ${JSON.stringify(issues).slice(0, 300)}`);
      }
    }
  } else if (answer.status !== 400) {
    problems.push(`answered ${answer.status} with content-type ${JSON.stringify(type)}`);
  }
  return problems;
}

export function describeRequest(fuzz: FuzzRequest, payload: Buffer | undefined): string {
  const shown = payload === undefined ? "(no body)" : payload.subarray(0, 300).toString("utf8");
  return `${fuzz.method} ${fuzz.path.slice(0, 200)} ${fuzz.withToken ? "(token server) " : ""}body ${fuzz.body.kind} ${
    payload?.length ?? 0
  } bytes: ${shown}`;
}

// ------------------------------------------------------------------ the loop

/** Options of {@link fuzzLocalServer}. */
export interface FuzzOptions {
  /** How many requests to send. */
  total: number;
  /** Requests in flight at once, over a keep-alive pool of as many sockets. */
  concurrency: number;
  seed: number;
  /** The port of a server started without a token. */
  openPort: number;
  /** The port of a server started with {@link FUZZ_TOKEN}. */
  guardedPort: number;
  /** The servers' body limit: a connection closed while a larger body is written is not a failure. */
  maxBodyBytes: number;
  /** Requests generated at a time, so that they never all sit in memory. Default 250. */
  batch?: number;
  /** Called after each batch with the number sent so far (to sample memory, print progress). */
  onBatch?: (sent: number) => void | Promise<void>;
}

/** What {@link fuzzLocalServer} saw. */
export interface FuzzResult {
  sent: number;
  seconds: number;
  /** Answers by HTTP status. */
  statuses: Record<string, number>;
  /** Answers with a 5xx status. */
  serverErrors: number;
  /** Every problem found, the first 50 of them described. */
  failureCount: number;
  failures: string[];
  /** Connections closed by the server while an oversized body was still being written. */
  transportErrors: number;
  slowest: { ms: number; what: string };
  /** Runs created (200 on a create), whose ids later GETs reuse. */
  runsCreated: number;
}

const FAILURES_KEPT = 50;

/**
 * Whether the server cannot parse the request's head: a target with raw bytes outside printable ASCII
 * or without a leading slash, or a request line and headers larger than node:http's limit (16 KiB; a
 * little is kept for the headers node:http adds).
 */
function isUnparsableHead(fuzz: FuzzRequest): boolean {
  if (/[^\u0021-\u007e]/u.test(fuzz.path)) return true;
  if (!(fuzz.path.startsWith("/") || fuzz.path === "*" || /^https?:\/\//.test(fuzz.path))) return true;
  let size = fuzz.method.length + fuzz.path.length + 12;
  for (const [name, value] of Object.entries(fuzz.headers))
    size += name.length + Buffer.byteLength(value) + 4;
  return size > maxHeaderSize - 256;
}

/**
 * Sends `total` seeded random requests to the two servers, `concurrency` at a time, and checks every
 * answer with {@link checkAnswer}. GETs of `{known-run-id}` ask for runs created earlier in the fuzz.
 */
export async function fuzzLocalServer(options: FuzzOptions): Promise<FuzzResult> {
  const batchSize = options.batch ?? 250;
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  const knownIds: string[] = [];
  const statuses = new Map<number, number>();
  const failures: string[] = [];
  let failureCount = 0;
  const fail = (message: string) => {
    failureCount += 1;
    if (failures.length < FAILURES_KEPT) failures.push(message);
  };
  let transportErrors = 0;
  let runsCreated = 0;
  let slowest = { ms: 0, what: "" };
  let sent = 0;
  const started = performance.now();
  try {
    for (let batch = 0; batch * batchSize < options.total; batch += 1) {
      const plans = fc.sample(fuzzRequest, {
        seed: options.seed + batch,
        numRuns: Math.min(batchSize, options.total - batch * batchSize),
      });
      let next = 0;
      await Promise.all(
        Array.from({ length: options.concurrency }, async () => {
          while (next < plans.length) {
            const fuzz = plans[next]!;
            next += 1;
            if (fuzz.path.includes(KNOWN_ID)) {
              const id =
                knownIds[sent % Math.max(1, knownIds.length)] ?? "00000000-0000-4000-8000-000000000000";
              fuzz.path = fuzz.path.replace(KNOWN_ID, id);
            }
            const payload = buildBody(fuzz.body);
            const port = fuzz.withToken ? options.guardedPort : options.openPort;
            sent += 1;
            let answer: Answer;
            const at = performance.now();
            try {
              answer = await send(agent, port, fuzz, payload);
              const took = performance.now() - at;
              if (took > slowest.ms)
                slowest = { ms: took, what: describeRequest(fuzz, payload).slice(0, 160) };
            } catch (error) {
              // The server may close a connection after a 413, or after a request head it cannot parse,
              // while the body is still being written: the bytes after the head cannot be read as
              // anything. Anything else is a failure.
              transportErrors += 1;
              const code = (error as NodeJS.ErrnoException).code ?? "";
              const oversized = (payload?.length ?? 0) > options.maxBodyBytes;
              const unreadable = payload !== undefined && isUnparsableHead(fuzz);
              if (!(oversized || unreadable) || !["EPIPE", "ECONNRESET"].includes(code)) {
                fail(
                  `transport error ${code} ${(error as Error).message} for ${describeRequest(fuzz, payload)}`,
                );
              }
              continue;
            }
            statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
            const problems = checkAnswer(fuzz, answer);
            if (problems.length > 0) fail(`${problems.join("; ")} for ${describeRequest(fuzz, payload)}`);
            if (answer.status === 200 && fuzz.method === "POST" && fuzz.path.split("?")[0] === RUNS_PATH) {
              runsCreated += 1;
              if (knownIds.length < 2_000)
                knownIds.push((JSON.parse(answer.body.toString()) as { id: string }).id);
            }
          }
        }),
      );
      await options.onBatch?.(sent);
    }
  } finally {
    agent.destroy();
  }
  let serverErrors = 0;
  for (const [status, count] of statuses) if (status >= 500) serverErrors += count;
  return {
    sent,
    seconds: (performance.now() - started) / 1000,
    statuses: Object.fromEntries([...statuses].sort(([a], [b]) => a - b).map(([s, n]) => [String(s), n])),
    serverErrors,
    failureCount,
    failures,
    transportErrors,
    slowest,
    runsCreated,
  };
}

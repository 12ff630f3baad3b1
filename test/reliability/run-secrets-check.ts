// Secrets: a run against `maestro-eval serve --token <fake key>` as the `ai21` backend, cassettes
// recording, with an http tool whose endpoint (an echo server on 127.0.0.1 that sends back every header
// it receives) is called with `Authorization` and `X-Api-Key` headers. Afterwards every file the run
// left in the project (reports, cassettes, anything else) and everything printed is searched for the
// key and the header values: there must be none, not even a part of one. A second tool fails: its
// upstream answers 500 with a long body ending in the 38-character header secret it was sent (a cut
// before redaction would keep its head), and its URL carries a secret as `?api_key=`. The tools must
// have been called with their headers and the server must have required the key, or the search would
// prove nothing.
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { join, relative } from "node:path";
import { configSource } from "./generated-suites.js";
import { startServeChild } from "./serve-child.js";
import { createTempProject, runCli } from "./temp-project.js";

/** Options of {@link runSecretsCheck}. */
export interface SecretsCheckOptions {
  /** Cases of the suite; each runs on two models. Default 3 (6 cells). */
  cases?: number;
  keep?: boolean;
  log?: (line: string) => void;
}

/** One place a secret was found. */
export interface SecretHit {
  /** `stdout`, `stderr`, `serve output`, or a path relative to the project. */
  where: string;
  secret: SecretName;
  /** Whole occurrences, or (when 0) windows of 12 characters of the secret's random part found. */
  count: number;
  partial?: number;
}

type SecretName = "api key" | "tool bearer token" | "tool x-api-key" | "failing tool key" | "url api_key";

/** What {@link runSecretsCheck} found. */
export interface SecretsCheckResult {
  exitCode: number;
  cells: number;
  /** Files searched, and their total size. */
  filesSearched: number;
  bytesSearched: number;
  cassettes: number;
  /** Calls the tool endpoint received with both secret headers. */
  toolCallsWithHeaders: number;
  /** Calls the failing tool received with its header and URL secrets. */
  failingCalls: number;
  /** Whether the server refused a request without the key (401). */
  keyRequired: boolean;
  hits: SecretHit[];
  seconds: number;
  problems: string[];
}

/** Starts the echo tool server: answers every POST with the headers it received. */
async function startEchoTool(): Promise<{
  url: string;
  calls: IncomingHttpHeaders[];
  failing: { url: string | undefined; headers: IncomingHttpHeaders }[];
  close(): Promise<void>;
}> {
  const calls: IncomingHttpHeaders[] = [];
  const failing: { url: string | undefined; headers: IncomingHttpHeaders }[] = [];
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      if (req.url?.startsWith("/failing") === true) {
        failing.push({ url: req.url, headers: req.headers });
        // 480 characters, then the secret: a body cut at 500 before redaction keeps 20 of its 38.
        const body = `${"x".repeat(480)}${req.headers["x-failing-key"]} (asked ${req.url})`;
        res.writeHead(500, { "content-type": "text/plain" }).end(body);
        return;
      }
      calls.push(req.headers);
      // A careless upstream: it echoes the credentials it was sent, in the body a run records, under
      // their own names and inside free text.
      const body = JSON.stringify({
        status: "shipped",
        carrier: "DHL",
        received_headers: req.headers,
        note: `served to ${req.headers.authorization} with key ${req.headers["x-api-key"]}`,
      });
      res.writeHead(200, { "content-type": "application/json" }).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/order-status`,
    calls,
    failing,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(path));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

/** How many windows of 12 characters of `random` (a secret's random part) occur in `text`. */
function countPartial(text: string, random: string): number {
  let count = 0;
  for (let at = 0; at + 12 <= random.length; at += 1)
    if (text.includes(random.slice(at, at + 12))) count += 1;
  return count;
}

function countOccurrences(text: string, needle: string): number {
  let count = 0;
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length)) count += 1;
  return count;
}

/** Runs the check in a temporary project and removes it (unless `keep`). */
export async function runSecretsCheck(options: SecretsCheckOptions = {}): Promise<SecretsCheckResult> {
  const log = options.log ?? (() => undefined);
  const started = performance.now();
  const problems: string[] = [];
  // Random per run, so that nothing left from an earlier run can match; long enough to be unmistakable.
  const secrets = {
    "api key": `fake-ai21-key-${randomBytes(12).toString("hex")}`,
    "tool bearer token": `tool-token-${randomBytes(12).toString("hex")}`,
    "tool x-api-key": `tool-key-${randomBytes(12).toString("hex")}`,
    // 38 characters, all random.
    "failing tool key": randomBytes(19).toString("hex"),
    "url api_key": randomBytes(16).toString("hex"),
  } as const;
  const echo = await startEchoTool();
  const server = await startServeChild(["--time-scale", "0", "--token", secrets["api key"]]);
  const project = createTempProject("secrets");
  try {
    const cases = Array.from({ length: options.cases ?? 3 }, (_, index) => ({
      name: `order ${index + 1}`,
      input: `What is the shipping status of order_id: A-${1040 + index}? Answer the customer in two sentences.`,
    }));
    // The suite reads the tool's credentials from the environment, as a team's suite would: the only
    // copies on disk would then be the ones the run wrote.
    project.write(
      "suites/tools.eval.ts",
      `import { expect } from "vitest";
import { describeMaestro } from "maestro-eval/vitest";

describeMaestro(
  "order status",
  {
    cases: ${JSON.stringify(cases)},
    request: {
      include: ["data_sources"],
      tools: [
        {
          type: "http",
          function: {
            name: "order_status",
            description: "Shipping status of an order",
            parameters: { type: "object", properties: { order_id: { type: "string", description: "The order number" } }, required: ["order_id"] },
          },
          endpoint: {
            url: ${JSON.stringify(echo.url)},
            headers: {
              Authorization: \`Bearer \${process.env.SECRETS_CHECK_TOOL_TOKEN}\`,
              "X-Api-Key": String(process.env.SECRETS_CHECK_TOOL_KEY),
            },
          },
        },
        {
          type: "http",
          function: {
            name: "order_tracking",
            description: "Tracking of the shipping status of an order",
            parameters: { type: "object", properties: { order_id: { type: "string", description: "The order number" } }, required: ["order_id"] },
          },
          endpoint: {
            url: ${JSON.stringify(echo.url.replace("/order-status", "/failing"))} + "?api_key=" + process.env.SECRETS_CHECK_URL_KEY + "&lang=en",
            headers: { "X-Failing-Key": String(process.env.SECRETS_CHECK_FAILING_KEY) },
          },
        },
      ],
    },
    matrix: { models: ["jamba-large", "jamba-mini"] },
  },
  ({ run }) => {
    expect(run).toHaveStatus("completed");
  },
);
`,
    );
    project.write(
      "maestro-eval.config.ts",
      configSource({ suites: ["suites/*.eval.ts"], backend: "ai21", concurrency: 4 }),
    );
    const result = await runCli(project, ["run", "--reports", "reports", "--progress", "lines"], {
      AI21_API_KEY: secrets["api key"],
      AI21_API_HOST: server.url,
      MAESTRO_EVAL_CASSETTES: "record",
      SECRETS_CHECK_TOOL_TOKEN: secrets["tool bearer token"],
      SECRETS_CHECK_TOOL_KEY: secrets["tool x-api-key"],
      SECRETS_CHECK_FAILING_KEY: secrets["failing tool key"],
      SECRETS_CHECK_URL_KEY: secrets["url api_key"],
    });
    const keyRequired = (await fetch(`${server.url}/studio/v1/maestro/runs/any`)).status === 401;
    const toolCallsWithHeaders = echo.calls.filter(
      (headers) =>
        headers.authorization === `Bearer ${secrets["tool bearer token"]}` &&
        headers["x-api-key"] === secrets["tool x-api-key"],
    ).length;
    const failingCalls = echo.failing.filter(
      (call) =>
        call.headers["x-failing-key"] === secrets["failing tool key"] &&
        call.url?.includes(`api_key=${secrets["url api_key"]}`) === true,
    ).length;

    const texts: { where: string; text: string }[] = [
      { where: "stdout", text: result.stdout },
      { where: "stderr", text: result.stderr },
      { where: "serve output", text: `${server.output().stdout}${server.output().stderr}` },
    ];
    const files = filesUnder(project.dir).filter((file) => !file.includes(`${join("node_modules", "")}`));
    let bytesSearched = 0;
    for (const file of files) {
      const text = readFileSync(file, "latin1");
      bytesSearched += text.length;
      texts.push({ where: relative(project.dir, file), text });
    }
    const hits: SecretHit[] = [];
    for (const { where, text } of texts) {
      for (const [secret, value] of Object.entries(secrets) as [SecretName, string][]) {
        const count = countOccurrences(text, value);
        const partial = countPartial(text, value.slice(value.lastIndexOf("-") + 1));
        if (count > 0 || partial > 0) hits.push({ where, secret, count, partial });
      }
    }
    const cassettes = files.filter((file) => file.endsWith(".cassette.json")).length;
    const cells = cases.length * 2;
    const report = files.find((file) => relative(project.dir, file) === join("reports", "report.json"));
    const reported =
      report === undefined
        ? undefined
        : (JSON.parse(readFileSync(report, "utf8")) as {
            totals: { cells: number };
            run: { backends: string[] };
          });

    if (result.code !== 0) problems.push(`the run exited ${result.code}: ${result.stderr.slice(-1_000)}`);
    if (reported?.totals.cells !== cells)
      problems.push(`report.json has ${reported?.totals.cells} cells, expected ${cells}`);
    if (reported !== undefined && reported.run.backends.join() !== "ai21")
      problems.push(`the run used ${reported.run.backends.join(", ")}, not the ai21 backend`);
    if (!keyRequired) problems.push("the server answered without the key: the key was not exercised");
    if (toolCallsWithHeaders < cells)
      problems.push(`the tool was called with its headers ${toolCallsWithHeaders} times, expected ${cells}`);
    if (failingCalls < cells)
      problems.push(`the failing tool was called with its secrets ${failingCalls} times, expected ${cells}`);
    if (cassettes === 0) problems.push("no cassette was recorded");
    for (const hit of hits) {
      problems.push(
        `the ${hit.secret} appears ${hit.count} times in ${hit.where}${hit.partial ? ` (${hit.partial} parts of 12 characters)` : ""}`,
      );
    }
    log(
      `  exit ${result.code}; ${cells} cells on the ai21 backend (key required: ${keyRequired}), tool called ${toolCallsWithHeaders} times with its headers, the failing tool ${failingCalls} times; ` +
        `searched ${files.length} files (${(bytesSearched / 1024).toFixed(0)} KiB, ${cassettes} cassette) and the printed output: ${hits.length} hits`,
    );
    return {
      exitCode: result.code,
      cells,
      filesSearched: files.length,
      bytesSearched,
      cassettes,
      toolCallsWithHeaders,
      failingCalls,
      keyRequired,
      hits,
      seconds: (performance.now() - started) / 1000,
      problems,
    };
  } finally {
    await server.stop();
    await echo.close();
    if (options.keep !== true) project.remove();
  }
}

// What a web page in the user's browser could send to `maestro-eval serve`, and what it must get: a
// foreign Origin, a rebound Host name and a text/plain body are refused before anything runs (403,
// 403, 415), a request without the token (given through MAESTRO_EVAL_SERVER_TOKEN, so `ps` does not
// show it) gets 401, and the same requests sent as an SDK sends them (no Origin, the bound address as
// Host, JSON, "bearer" in any case) are served. No run may be created by a refused request.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { request } from "node:http";
import { startServeChild } from "./serve-child.js";

/** One request tried, and what it got. */
export interface HostileProbe {
  name: string;
  expected: number;
  status: number;
}

/** What {@link runHostileBrowser} found. */
export interface HostileBrowserResult {
  probes: HostileProbe[];
  /** Requests a page could send that were refused as expected. */
  refused: number;
  /** SDK-shaped requests served. */
  served: number;
  /** Whether the token was absent from serve's command line. */
  tokenOffCommandLine: boolean;
  seconds: number;
  problems: string[];
}

function send(
  port: number,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: "127.0.0.1", port, method, path, headers, setHost: false, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }),
        );
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** Runs the probes against a fresh `maestro-eval serve` and stops it. */
export async function runHostileBrowser(
  options: { log?: (line: string) => void } = {},
): Promise<HostileBrowserResult> {
  const log = options.log ?? (() => undefined);
  const started = performance.now();
  const token = `serve-token-${randomBytes(12).toString("hex")}`;
  const server = await startServeChild(["--time-scale", "0"], { env: { MAESTRO_EVAL_SERVER_TOKEN: token } });
  const problems: string[] = [];
  const probes: HostileProbe[] = [];
  const host = `127.0.0.1:${server.port}`;
  const run = JSON.stringify({
    input: "Create a container for me.",
    tools: [
      {
        type: "http",
        function: {
          name: "create_container",
          description: "Create a container",
          parameters: { type: "object", properties: {}, required: [] },
        },
        endpoint: { url: "http://127.0.0.1:2375/containers/create" },
      },
    ],
  });
  const bearer = { authorization: `Bearer ${token}` };
  const json = { "content-type": "application/json" };
  const refusedCases: [string, number, string, string, Record<string, string>, string | undefined][] = [
    [
      "create from a page's Origin",
      403,
      "POST",
      "/studio/v1/maestro/runs",
      { host, origin: "https://evil.example", ...bearer, ...json },
      run,
    ],
    [
      "create with a null Origin (sandboxed frame)",
      403,
      "POST",
      "/studio/v1/maestro/runs",
      { host, origin: "null", ...bearer, ...json },
      run,
    ],
    [
      "create through DNS rebinding (foreign Host)",
      403,
      "POST",
      "/studio/v1/maestro/runs",
      { host: `rebind.evil.example:${server.port}`, ...bearer, ...json },
      run,
    ],
    [
      "create with a text/plain body (a simple cross-site request)",
      415,
      "POST",
      "/studio/v1/maestro/runs",
      { host, ...bearer, "content-type": "text/plain;charset=UTF-8" },
      run,
    ],
    ["create without the token", 401, "POST", "/studio/v1/maestro/runs", { host, ...json }, run],
    [
      "create with a wrong token",
      401,
      "POST",
      "/studio/v1/maestro/runs",
      { host, authorization: "Bearer guess", ...json },
      run,
    ],
    [
      "library listing from a page's Origin",
      403,
      "GET",
      "/studio/v1/library/files",
      { host, origin: "http://attacker.example:8080", ...bearer },
      undefined,
    ],
    [
      "library upload from a page's Origin",
      403,
      "POST",
      "/studio/v1/library/files",
      { host, origin: "https://evil.example", ...bearer, "content-type": "multipart/form-data; boundary=x" },
      '--x\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nhi\r\n--x--\r\n',
    ],
  ];
  try {
    for (const [name, expected, method, path, headers, body] of refusedCases) {
      const answer = await send(server.port, method, path, headers, body);
      probes.push({ name, expected, status: answer.status });
      if (answer.status !== expected)
        problems.push(
          `${name}: answered ${answer.status}, expected ${expected}: ${answer.text.slice(0, 200)}`,
        );
      else if (!/"detail"/.test(answer.text))
        problems.push(`${name}: the answer has no detail: ${answer.text.slice(0, 200)}`);
    }
    const allowedCases: [string, Record<string, string>][] = [
      ["create as an SDK sends it", { host, ...bearer, ...json }],
      ["create with the scheme in lower case", { host, authorization: `bearer ${token}`, ...json }],
      ["create with Host localhost", { host: `localhost:${server.port}`, ...bearer, ...json }],
      ["create from a page on localhost", { host, origin: "http://localhost:5173", ...bearer, ...json }],
    ];
    for (const [name, headers] of allowedCases) {
      const answer = await send(
        server.port,
        "POST",
        "/studio/v1/maestro/runs",
        headers,
        JSON.stringify({ input: "Say hi." }),
      );
      probes.push({ name, expected: 200, status: answer.status });
      if (answer.status !== 200)
        problems.push(`${name}: answered ${answer.status}: ${answer.text.slice(0, 200)}`);
    }
    const served = probes.filter((probe) => probe.expected === 200 && probe.status === 200).length;
    let commandLine = "";
    try {
      commandLine = readFileSync(`/proc/${server.pid}/cmdline`, "utf8");
    } catch {
      // No /proc: the token was given through the environment all the same.
    }
    const tokenOffCommandLine = !commandLine.includes(token);
    if (!tokenOffCommandLine) problems.push("the token shows on serve's command line");
    const refused = probes.filter(
      (probe) => probe.expected !== 200 && probe.status === probe.expected,
    ).length;
    log(
      `  ${refused} of ${refusedCases.length} requests a page could send refused (403 Origin/Host, 415 text/plain, 401 token); ${served} of ${allowedCases.length} SDK-shaped requests served; token off the command line: ${tokenOffCommandLine}`,
    );
    return {
      probes,
      refused,
      served,
      tokenOffCommandLine,
      seconds: (performance.now() - started) / 1000,
      problems,
    };
  } finally {
    await server.stop();
  }
}

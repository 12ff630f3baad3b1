// A real HTTP server on 127.0.0.1 whose answers each test scripts, route by route, in order.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One scripted answer. The last answer of a route repeats once the others are used up. */
export type ScriptedAnswer =
  | { status: number; json?: unknown; body?: string; headers?: Record<string, string>; delayMs?: number }
  | { reset: "before-response" | "mid-body" }
  | { stream: string[]; end?: "close" | "destroy"; gapMs?: number }
  | ((request: RecordedRequest, response: ServerResponse) => void);

/** A request the server received. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  body: string;
  json: unknown;
}

export interface ScriptedServer {
  url: string;
  requests: RecordedRequest[];
  /** Scripts the answers of `METHOD path` (`:id` matches one path segment). */
  route(method: string, path: string, answers: ScriptedAnswer[]): void;
  count(method: string, pathPrefix: string): number;
  close(): Promise<void>;
}

export async function startScriptedServer(): Promise<ScriptedServer> {
  const routes: { method: string; pattern: RegExp; answers: ScriptedAnswer[]; used: number }[] = [];
  const requests: RecordedRequest[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    let json: unknown;
    try {
      json = body ? JSON.parse(body) : undefined;
    } catch {
      json = undefined;
    }
    const path = (req.url ?? "/").split("?")[0]!;
    const recorded: RecordedRequest = { method: req.method ?? "GET", path, headers: req.headers, body, json };
    requests.push(recorded);
    const route = routes.find((candidate) => candidate.method === req.method && candidate.pattern.test(path));
    if (!route) {
      res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ detail: "Not Found" }));
      return;
    }
    const answer = route.answers[Math.min(route.used, route.answers.length - 1)]!;
    route.used += 1;
    await answerWith(answer, recorded, res);
  });
  server.keepAliveTimeout = 1;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    route(method, path, answers) {
      const pattern = new RegExp(`^${path.replace(/:[a-z_]+/g, "[^/]+")}$`);
      routes.unshift({ method, pattern, answers, used: 0 });
    },
    count(method, pathPrefix) {
      return requests.filter((request) => request.method === method && request.path.startsWith(pathPrefix))
        .length;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function answerWith(
  answer: ScriptedAnswer,
  request: RecordedRequest,
  res: ServerResponse,
): Promise<void> {
  if (typeof answer === "function") {
    answer(request, res);
    return;
  }
  if ("reset" in answer) {
    if (answer.reset === "before-response") {
      res.socket?.destroy();
      return;
    }
    res.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
    res.write('{"id": "partial');
    setTimeout(() => res.socket?.destroy(), 10);
    return;
  }
  if ("stream" in answer) {
    res.writeHead(200, { "content-type": "text/event-stream" });
    for (const line of answer.stream) {
      res.write(line);
      if (answer.gapMs) await new Promise((resolve) => setTimeout(resolve, answer.gapMs));
    }
    if (answer.end === "destroy") res.socket?.destroy();
    else res.end();
    return;
  }
  if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
  const text = answer.body ?? (answer.json === undefined ? "" : JSON.stringify(answer.json));
  res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
  res.end(text);
}

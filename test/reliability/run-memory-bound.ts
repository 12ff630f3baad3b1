// Memory bounded in bytes: `maestro-eval serve --max-run-bytes 65536` with a library limit of 8 MiB
// (MAESTRO_EVAL_LIBRARY_MAX_BYTES) takes 5 MiB text uploads until the library answers 507, then run
// creates of 512 KiB inputs; the oldest runs must have been evicted (404), and the heap after a full
// garbage collection must stay under 256 MiB.
import { Agent, request } from "node:http";
import { largeInput } from "./run-large-flood.js";
import { startServeChild } from "./serve-child.js";

/** What {@link runMemoryBound} measured. */
export interface MemoryBoundResult {
  /** Uploads accepted before the library answered 507, and whether it did. */
  uploadsAccepted: number;
  libraryFullStatus: number;
  creates: number;
  /** Whether the first run was evicted (404) once the later ones filled the budget. */
  firstRunEvicted: boolean;
  heapUsedAfterGcBytes: number;
  peakRssBytes: number;
  heapBoundBytes: number;
  seconds: number;
  problems: string[];
}

const HEAP_BOUND = 256 * 1024 * 1024;

function send(
  agent: Agent,
  port: number,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: Buffer | string,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, method, path, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }),
      );
    });
    req.on("error", reject);
    req.end(body);
  });
}

function multipart(name: string, content: string): { body: Buffer; type: string } {
  const boundary = "maestro-eval-soak-boundary";
  return {
    body: Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/plain\r\n\r\n${content}\r\n--${boundary}--\r\n`,
    ),
    type: `multipart/form-data; boundary=${boundary}`,
  };
}

/** Runs the check against a fresh `maestro-eval serve` and stops it. */
export async function runMemoryBound(
  options: { creates?: number; log?: (line: string) => void } = {},
): Promise<MemoryBoundResult> {
  const log = options.log ?? (() => undefined);
  const creates = options.creates ?? 150;
  const started = performance.now();
  const problems: string[] = [];
  const server = await startServeChild(["--time-scale", "0", "--max-run-bytes", "65536"], {
    memoryProbe: true,
    env: { MAESTRO_EVAL_LIBRARY_MAX_BYTES: String(8 * 1024 * 1024) },
  });
  const agent = new Agent({ keepAlive: false, maxSockets: 4 });
  try {
    let uploadsAccepted = 0;
    let libraryFullStatus = 0;
    for (let index = 0; index < 5; index += 1) {
      const { body, type } = multipart(`doc-${index}.txt`, largeInput(5 * 1024 * 1024 - 512));
      const answer = await send(
        agent,
        server.port,
        "POST",
        "/studio/v1/library/files",
        { "content-type": type },
        body,
      );
      if (answer.status === 200) uploadsAccepted += 1;
      else {
        libraryFullStatus = answer.status;
        if (answer.status !== 507)
          problems.push(`an upload answered ${answer.status}: ${answer.text.slice(0, 200)}`);
        else if (!answer.text.includes("The library is full"))
          problems.push(`the 507 does not say why: ${answer.text.slice(0, 200)}`);
        break;
      }
    }
    if (libraryFullStatus !== 507) problems.push("the library never answered 507");

    const input = largeInput(512 * 1024);
    const ids: string[] = [];
    let next = 0;
    const worker = async () => {
      while (next < creates) {
        next += 1;
        const body = JSON.stringify({
          input: `${input}\nRequest ${next}.`,
          include: ["requirements_result"],
        });
        const answer = await send(
          agent,
          server.port,
          "POST",
          "/studio/v1/maestro/runs",
          { "content-type": "application/json" },
          body,
        );
        if (answer.status === 200) ids.push((JSON.parse(answer.text) as { id: string }).id);
        else if (answer.status !== 503)
          problems.push(`a create answered ${answer.status}: ${answer.text.slice(0, 200)}`);
      }
    };
    await Promise.all(Array.from({ length: 4 }, worker));
    // Let the last runs finish, so that the first ones are due for eviction.
    await new Promise((resolve) => setTimeout(resolve, 500));
    await send(
      agent,
      server.port,
      "POST",
      "/studio/v1/maestro/runs",
      { "content-type": "application/json" },
      JSON.stringify({ input: "last" }),
    );
    const first = await send(agent, server.port, "GET", `/studio/v1/maestro/runs/${ids[0]}`, {});
    const firstRunEvicted = first.status === 404;
    if (!firstRunEvicted)
      problems.push(`the first run answered ${first.status} after ${ids.length} more: nothing was evicted`);
    const memory = await server.probeMemory();
    const peakRssBytes = server.memory()?.peakRssBytes ?? 0;
    if (memory.heapUsed > HEAP_BOUND) {
      problems.push(
        `heap after GC ${(memory.heapUsed / 2 ** 20).toFixed(0)} MiB, past ${HEAP_BOUND / 2 ** 20} MiB`,
      );
    }
    log(
      `  library: ${uploadsAccepted} uploads of 5 MiB, then ${libraryFullStatus}; ${ids.length} creates of 512 KiB, first run evicted: ${firstRunEvicted}; heap after GC ${(memory.heapUsed / 2 ** 20).toFixed(1)} MiB (bound ${HEAP_BOUND / 2 ** 20}), peak RSS ${(peakRssBytes / 2 ** 20).toFixed(0)} MiB`,
    );
    return {
      uploadsAccepted,
      libraryFullStatus,
      creates: ids.length,
      firstRunEvicted,
      heapUsedAfterGcBytes: memory.heapUsed,
      peakRssBytes,
      heapBoundBytes: HEAP_BOUND,
      seconds: (performance.now() - started) / 1000,
      problems,
    };
  } finally {
    agent.destroy();
    await server.stop();
  }
}

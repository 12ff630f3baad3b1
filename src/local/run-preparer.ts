// Large run creates are prepared off the thread that answers HTTP. Decoding, parsing, validating and
// hashing a body of megabytes took 40-60 ms per create in one piece, and every other request, a 404
// included, waited behind it (issue 19: a 7.6 MB create kept a small request waiting 44.7 s before the
// work was sliced, and slices of 40-60 ms still put the small request's p99 past 100 ms). A body past
// LARGE_BODY_BYTES goes to one worker thread, started on the first such body and stopped with the server;
// a small one is prepared in place, where a thread's round trip would cost more than the work.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { type PreparedRun, prepareRun } from "./prepare-run.js";
import type { PrepareRunMessage } from "./prepare-run-thread.js";
import { LARGE_BODY_BYTES } from "./read-body.js";

/** Prepares run creates; {@link RunPreparer.close} stops its thread. */
export interface RunPreparer {
  prepare(bytes: Buffer, repeat: string): Promise<PreparedRun>;
  close(): Promise<void>;
}

// The server runs from src/*.ts in this repository (its thread then needs tsx, as the CLI does) and from
// dist/*.js in the installed package.
const fromSources = import.meta.url.endsWith(".ts");
const THREAD_URL = new URL(`./prepare-run-thread${fromSources ? ".ts" : ".js"}`, import.meta.url);
const TSX_API_URL = fromSources ? tsxApiUrl() : "";

/** Where tsx's ESM API is, as its package.json exports it (a CommonJS resolve would give its CommonJS build). */
function tsxApiUrl(): string {
  const packageJson = createRequire(import.meta.url).resolve("tsx/package.json");
  const { exports } = JSON.parse(readFileSync(packageJson, "utf8")) as {
    exports: { "./esm/api": { import: { default: string } } };
  };
  return pathToFileURL(join(dirname(packageJson), exports["./esm/api"].import.default)).href;
}

export function createRunPreparer(options: { serverSeed: number; largeBodyBytes?: number }): RunPreparer {
  const large = options.largeBodyBytes ?? LARGE_BODY_BYTES;
  let worker: Worker | undefined;
  let nextId = 0;
  const pending = new Map<
    number,
    { bytes: Buffer; repeat: string; resolve(prepared: PreparedRun): void; reject(error: Error): void }
  >();

  const failAll = (error: Error) => {
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
    worker = undefined;
  };
  const startWorker = (): Worker => {
    const started = fromSources
      ? // From the sources, the thread loads its TypeScript through tsx's API, as the CLI loads a config.
        new Worker(
          `import(${JSON.stringify(TSX_API_URL)}).then(({ tsImport }) => tsImport(${JSON.stringify(THREAD_URL.href)}, ${JSON.stringify(import.meta.url)}))`,
          { eval: true },
        )
      : new Worker(THREAD_URL);
    // Idle, it does not keep the process alive; a body in flight does (see prepare).
    started.unref();
    started.on(
      "message",
      (message: { id: number; prepared?: PreparedRun; inPlace?: true; error?: string }) => {
        const waiting = pending.get(message.id);
        if (waiting === undefined) return;
        pending.delete(message.id);
        if (pending.size === 0) started.unref();
        if (message.prepared !== undefined) waiting.resolve(message.prepared);
        else if (message.inPlace === true)
          waiting.resolve(prepareRun(waiting.bytes, options.serverSeed, waiting.repeat));
        else waiting.reject(new Error(`preparing the run failed: ${message.error ?? "no answer"}`));
      },
    );
    started.on("error", (error) => failAll(new Error(`the run-preparing thread failed: ${error.message}`)));
    started.on("exit", (code) => {
      if (worker === started) failAll(new Error(`the run-preparing thread exited with code ${code}`));
    });
    return started;
  };

  return {
    prepare(bytes, repeat) {
      if (bytes.length <= large) return Promise.resolve(prepareRun(bytes, options.serverSeed, repeat));
      worker ??= startWorker();
      const thread = worker;
      const id = nextId++;
      // The thread gets its own copy (a millisecond for megabytes); this one is kept for a request the
      // thread hands back (see prepare-run-thread.ts).
      const copy = new Uint8Array(bytes);
      return new Promise<PreparedRun>((resolve, reject) => {
        pending.set(id, { bytes, repeat, resolve, reject });
        thread.ref();
        const message: PrepareRunMessage = { id, bytes: copy, serverSeed: options.serverSeed, repeat };
        thread.postMessage(message, [copy.buffer as ArrayBuffer]);
      });
    },
    async close() {
      const thread = worker;
      worker = undefined;
      failAll(new Error("the local server closed"));
      await thread?.terminate();
    },
  };
}

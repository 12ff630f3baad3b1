// The preparing thread's entry (see run-preparer.ts): prepares each body it is sent and posts the result
// back under the request's id. An error it throws is posted too, so that one body cannot stop the thread;
// a request nested too deep to be copied between threads (the validators accept any depth of free-form
// fields) is handed back to be prepared in place.
import { parentPort } from "node:worker_threads";
import { prepareRun } from "./prepare-run.js";

/** A body to prepare, as the server posts it (its bytes transferred, not copied). */
export interface PrepareRunMessage {
  id: number;
  bytes: Uint8Array;
  serverSeed: number;
  repeat: string;
}

parentPort?.on("message", ({ id, bytes, serverSeed, repeat }: PrepareRunMessage) => {
  try {
    // Counted here, the input's tokens need not be counted on the thread that answers HTTP.
    const prepared = prepareRun(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      serverSeed,
      repeat,
      { countInput: true },
    );
    try {
      parentPort?.postMessage({ id, prepared });
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      parentPort?.postMessage({ id, inPlace: true });
    }
  } catch (error) {
    parentPort?.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});

/** A tool's answer was larger than allowed; the message gives the limit. */
export class ToolResponseTooLargeError extends Error {
  override readonly name = "ToolResponseTooLargeError";
}

/**
 * Reads a response body, giving up (and cancelling the stream) as soon as it passes `maxBytes`, so a
 * tool cannot make the local server hold an unbounded answer in memory.
 */
export async function readLimitedBody(response: Response, maxBytes: number): Promise<Buffer> {
  const declared = Number(response.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    throw new ToolResponseTooLargeError(
      `the response has ${declared} bytes; at most ${maxBytes} are allowed`,
    );
  }
  if (response.body === null) return Buffer.alloc(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new ToolResponseTooLargeError(`the response exceeds ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/**
 * Wraps a response so that reading its body fails once it passes `maxBytes`; event streams are
 * counted as they flow.
 */
export function limitResponseBody(response: Response, maxBytes: number): Response {
  if (response.body === null) return response;
  let total = 0;
  const counted = response.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        total += chunk.byteLength;
        if (total > maxBytes)
          controller.error(new ToolResponseTooLargeError(`the response exceeds ${maxBytes} bytes`));
        else controller.enqueue(chunk);
      },
    }),
  );
  return new Response(counted, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

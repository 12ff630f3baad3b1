// The JSON body of a run or chat request: read up to a limit, decoded and parsed, with the error
// Maestro's API gives for a body that is missing or not JSON.
import type { IncomingMessage } from "node:http";
import type { ValidationErrorItem } from "../domain/index.js";
import { nextTurn } from "./next-turn.js";

/** Past this size, a request's parsing, validation and start each take a turn of the event loop of their own. */
export const LARGE_BODY_BYTES = 256 * 1024;

/** A JSON body as read: its value and text, too large, or not JSON. */
export type JsonBody =
  | { kind: "ok"; value: unknown; text: string }
  | { kind: "tooLarge" }
  | { kind: "invalid"; issue: ValidationErrorItem };

/** Reads `req`'s body as JSON; past `limit` bytes the rest is drained and `tooLarge` answered. */
export async function readJsonBody(req: IncomingMessage, limit: number): Promise<JsonBody> {
  const bytes = await readBodyBytes(req, limit);
  if (bytes === undefined) return { kind: "tooLarge" };
  // Joining, decoding and parsing a body of megabytes each take milliseconds: not all in one turn.
  if (bytes.length > LARGE_BODY_BYTES) await nextTurn();
  return parseJsonBody(bytes);
}

/** A body's bytes decoded and parsed, with the error Maestro's API gives for a body missing or not JSON. */
export function parseJsonBody(bytes: Buffer): Exclude<JsonBody, { kind: "tooLarge" }> {
  const text = bytes.toString("utf8");
  if (text.trim() === "")
    return { kind: "invalid", issue: { loc: ["body"], msg: "field required", type: "value_error.missing" } };
  try {
    return { kind: "ok", value: JSON.parse(text), text };
  } catch (error) {
    return {
      kind: "invalid",
      issue: {
        loc: ["body", 0],
        msg: `JSON decode error: ${error instanceof Error ? error.message : String(error)}`,
        type: "value_error.jsondecode",
      },
    };
  }
}

/** `req`'s body as bytes; undefined past `limit` bytes, the rest drained unread. */
export async function readBodyBytes(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      req.resume();
      return undefined;
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

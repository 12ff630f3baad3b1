// What a run create's body becomes before the run starts: decoded, parsed, validated, read as the engine
// reads it, and its seed drawn. Pure, so that it runs the same on the thread that answers HTTP (a small
// body) and on the preparing thread (a large one; see run-preparer.ts).
import { createHash } from "node:crypto";
import { hasErrors, validateRunRequest } from "../constraints/index.js";
import type { CreateRunRequest, ValidationErrorItem } from "../domain/index.js";
import { countInputTokens, countTokens, inputText } from "./count-tokens.js";
import { parseJsonBody } from "./read-body.js";
import { readRunRequest } from "./read-request.js";
import { seedText } from "./seed-text.js";
import { validationDetail } from "./validation-detail.js";

/**
 * A create's body, prepared: a run to start with its seed (and, when asked, its input's tokens counted),
 * or the 422's detail.
 */
export type PreparedRun =
  | { kind: "ok"; request: CreateRunRequest; seed: string; inputTokens?: number }
  | { kind: "invalid"; detail: ValidationErrorItem[] };

/**
 * Prepares a create's body. The run's seed covers the server's seed, the cell's repeat and the request
 * with its keys sorted: the same seed and request give the same run, whatever the key order.
 */
export function prepareRun(
  bytes: Buffer,
  serverSeed: number,
  repeat: string,
  options: { countInput?: boolean } = {},
): PreparedRun {
  const body = parseJsonBody(bytes);
  if (body.kind === "invalid") return { kind: "invalid", detail: [body.issue] };
  const issues = validateRunRequest(body.value);
  if (hasErrors(issues)) return { kind: "invalid", detail: validationDetail(issues) };
  // Seeded by the request as the engine reads it (nulls dropped, defaults filled in).
  const request = readRunRequest(body.value);
  const seed = createHash("sha256")
    .update(`${serverSeed}\u0000${repeat}\u0000${seedText(request, body.text)}`)
    .digest("hex")
    .slice(0, 16);
  if (options.countInput !== true) return { kind: "ok", request, seed };
  const inputTokens = countInputTokens(request, countTokens(inputText(request.input)));
  return { kind: "ok", request, seed, inputTokens };
}

// Scoring a chat answer synchronously, with the verifiers loaded up front: for callers outside a suite's
// worker (the package's own tests, tools), where score-chat.ts loads them on demand.
import type { MaestroInput, MaestroRun, Requirement } from "../domain/index.js";
import * as verifiers from "../verifiers/index.js";
import { toScoredChat, verifyRequirements } from "./score-chat.js";

/**
 * Scores a chat answer with the verifiers alone (no judge) into a run shaped like Maestro's; `input`, the
 * messages the answer replies to, lets requirements that refer to the request ("repeat the request
 * first") be checked.
 */
export function scoreChatAnswer(
  id: string,
  text: string,
  requirements: readonly Requirement[],
  input?: MaestroInput,
): MaestroRun {
  const results = verifyRequirements(verifiers, text, requirements, input);
  return toScoredChat(verifiers, id, text, requirements, results).run;
}

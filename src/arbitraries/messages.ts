import * as fc from "fast-check";
import type { MaestroMessage } from "../domain/index.js";
import {
  fakerSeed,
  readConstraints,
  readCount,
  withFaker,
  writeInstruction,
  writeReply,
} from "./faker-value.js";

/** Options of {@link messages}. */
export interface MessagesConstraints {
  /** Fewest turns (default 1). */
  minTurns?: number;
  /** Most turns (default 7). */
  maxTurns?: number;
}

/**
 * A valid run input as turns: user and assistant alternating, starting and ending with a user turn
 * (so always an odd number of turns), each with realistic, non-empty content.
 */
export function messages(constraints?: MessagesConstraints): fc.Arbitrary<MaestroMessage[]> {
  const options = readConstraints("messages", constraints);
  const maxTurns = readCount("messages", "maxTurns", options.maxTurns, 1, 99, 7);
  const minTurns = readCount("messages", "minTurns", options.minTurns, 1, maxTurns, 1);
  // Only odd counts end with a user turn: draw the number of user turns.
  const minUsers = Math.ceil((minTurns + 1) / 2);
  const maxUsers = Math.floor((maxTurns + 1) / 2);
  if (minUsers > maxUsers) {
    throw new RangeError(`messages: no odd number of turns within [${minTurns}, ${maxTurns}]`);
  }
  return fc
    .tuple(fc.integer({ min: minUsers, max: maxUsers }), fakerSeed())
    .map(([users, seed]) =>
      withFaker(seed, (f) =>
        Array.from(
          { length: users * 2 - 1 },
          (_, index): MaestroMessage =>
            index % 2 === 0
              ? { role: "user", content: writeInstruction(f) }
              : { role: "assistant", content: writeReply(f) },
        ),
      ),
    );
}

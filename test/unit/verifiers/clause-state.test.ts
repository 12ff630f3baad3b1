// The working copy of a clause read piecewise (slice, nextConsumed) while consumed spans wait to be
// applied: the same characters as the whole copy rewritten, whatever the spans.
import * as fc from "fast-check";
import { describe, expect, test } from "vitest";
import { ClauseState, CONSUMED } from "../../../src/verifiers/clause-state.js";

const context = { quotes: [], responseLanguage: undefined };

/** A clause and the spans consumed in it, applied in batches with reads in between. */
const consumption = fc.string({ minLength: 1, maxLength: 120 }).chain((clause) =>
  fc.record({
    clause: fc.constant(clause),
    spans: fc.array(
      fc
        .tuple(fc.nat({ max: clause.length + 5 }), fc.nat({ max: 30 }))
        .map(([start, width]) => [start, start + width] as const),
      { maxLength: 90 },
    ),
    window: fc.tuple(fc.integer({ min: -5, max: clause.length + 5 }), fc.nat({ max: 140 })),
  }),
);

describe("ClauseState read piecewise", () => {
  test("slice and nextConsumed give what the rewritten working copy gives", () => {
    fc.assert(
      fc.property(consumption, ({ clause, spans, window: [start, width] }) => {
        const piecewise = new ClauseState(clause, context);
        const whole = new ClauseState(clause, context);
        for (const [from, to] of spans) {
          piecewise.consume(from, to);
          whole.consume(from, to);
          expect(piecewise.slice(start, start + width)).toBe(
            whole.text.slice(Math.max(0, start), Math.max(0, start + width)),
          );
          expect(piecewise.nextConsumed(Math.max(0, start))).toBe(
            whole.text.indexOf(CONSUMED, Math.max(0, start)),
          );
        }
        expect(piecewise.text).toBe(whole.text);
      }),
    );
  });

  test("a span read before it is applied is already consumed", () => {
    const state = new ClauseState("mention Paris and Rome", context);
    state.consume(8, 13);
    expect(state.slice(6, 15)).toBe(`n ${CONSUMED.repeat(5)} a`);
    expect(state.nextConsumed(0)).toBe(8);
    expect(state.nextConsumed(13)).toBe(-1);
    expect(state.text).toBe(`mention ${CONSUMED.repeat(5)} and Rome`);
  });
});

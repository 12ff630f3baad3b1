import { stableStringify } from "../domain/index.js";

/**
 * The text a run's or a completion's seed is drawn from: the request with its keys sorted, so that key
 * order does not change the output. The validators accept unknown and free-form fields nested to any
 * depth, which `JSON.stringify` cannot serialise past a few thousand levels (a RangeError, which was a
 * 500); such a request is seeded by its body exactly as sent instead, still the same for the same bytes.
 */
export function seedText(request: unknown, body: string): string {
  try {
    return stableStringify(request);
  } catch (error) {
    if (error instanceof RangeError) return body;
    throw error;
  }
}

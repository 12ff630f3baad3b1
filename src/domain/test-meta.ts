import type { TestAssertionReport } from "./eval-report.js";

/** The key under `task.meta` where a case's `across cells` test leaves its suite, case and assertions. */
export const TEST_META_KEY = "maestroEvalTest";

/** Version of {@link TestMeta}; bumped when its shape changes. */
export const TEST_META_VERSION = 1;

/**
 * What a case's `across cells` test stores in its meta: the suite and case it belongs to and the matcher
 * assertions its `compare` made on the cells, each with the cell's key. Kept apart from the cells' own
 * meta, so which cell an assertion counts for never depends on when the cell's result was sent.
 */
export interface TestMeta {
  version: typeof TEST_META_VERSION;
  suite: string;
  case: string;
  assertions: TestAssertionReport[];
}

/** Reads an `across cells` test's meta as the reporter receives it; anything else is undefined. */
export function readTestMeta(meta: unknown): TestMeta | undefined {
  if (typeof meta !== "object" || meta === null) return undefined;
  const value = (meta as Record<string, unknown>)[TEST_META_KEY];
  if (typeof value !== "object" || value === null) return undefined;
  const candidate = value as Partial<TestMeta>;
  if (candidate.version !== TEST_META_VERSION) return undefined;
  if (typeof candidate.suite !== "string" || typeof candidate.case !== "string") return undefined;
  if (!Array.isArray(candidate.assertions)) return undefined;
  const assertions = candidate.assertions.filter(
    (item): item is TestAssertionReport =>
      typeof item === "object" &&
      item !== null &&
      typeof item.cell === "string" &&
      typeof item.matcher === "string" &&
      typeof item.pass === "boolean",
  );
  return { version: TEST_META_VERSION, suite: candidate.suite, case: candidate.case, assertions };
}

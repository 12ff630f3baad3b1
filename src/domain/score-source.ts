// Where a requirement score came from. A score the deterministic verifiers measured and a score the model
// gave itself both read "1.00"; every report says which one it is, and the gate counts only the sources a
// team trusts.

/**
 * Who scored a requirement:
 * - `verifier`: the deterministic verifiers checked every clause of the description;
 * - `partial`: the verifiers checked some clauses and did not understand the rest (the score says
 *   nothing about those);
 * - `judge`: a judge model scored it (no verifier understood it);
 * - `self_assessed`: the generating model's own claim (the local engine with no verifier and no judge);
 * - `maestro`: AI21 Maestro's self-reported score (its verifier audit flags where it disagrees);
 * - `unscored`: nothing could score it (a chat answer with no verifier and no judge); the score is a
 *   placeholder 0, never counted by the gate.
 */
export type ScoreSource = "verifier" | "partial" | "judge" | "self_assessed" | "maestro" | "unscored";

/** Every score source, in the order reports list them. */
export const SCORE_SOURCES: readonly ScoreSource[] = [
  "verifier",
  "partial",
  "judge",
  "maestro",
  "self_assessed",
  "unscored",
];

/** The sources a gate may be told to trust: every source that is a score (`unscored` is not). */
export const TRUSTABLE_SCORE_SOURCES: readonly ScoreSource[] = [
  "verifier",
  "partial",
  "judge",
  "maestro",
  "self_assessed",
];

/** What the gate trusts unless `gate.trustedSources` says otherwise: every score but a model's own claim. */
export const DEFAULT_TRUSTED_SOURCES: readonly ScoreSource[] = ["verifier", "partial", "judge", "maestro"];

/** How many scores came from each source; sources with none are left out. */
export type ScoreSourceCounts = Partial<Record<ScoreSource, number>>;

/** Whether `value` is a {@link ScoreSource}. */
export function isScoreSource(value: unknown): value is ScoreSource {
  return typeof value === "string" && (SCORE_SOURCES as readonly string[]).includes(value);
}

/** A source in words, as gate messages and legends say it: `self_assessed` → "self-assessed". */
export function describeScoreSource(source: ScoreSource): string {
  switch (source) {
    case "verifier":
      return "verified";
    case "partial":
      return "partly verified";
    case "judge":
      return "judged";
    case "maestro":
      return "Maestro-reported";
    case "self_assessed":
      return "self-assessed";
    case "unscored":
      return "unscored";
  }
}

/**
 * The source of each requirement of a Maestro run, by name: what the local server's
 * `x_local.score_sources` says, and `maestro` for a run without `x_local` (AI21 scored it). A local run
 * that names no source for a requirement (recorded before the server reported sources) reads as
 * `self_assessed`: what scored it is unknown, so the gate does not trust it by default.
 */
export function readScoreSources(run: {
  requirements_result?: { requirements?: readonly { name: string }[] } | null | undefined;
  x_local?: { score_sources?: Record<string, string> | undefined } | null | undefined;
}): Record<string, ScoreSource> {
  const local = run.x_local ?? undefined;
  const reported = local?.score_sources;
  const sources: Record<string, ScoreSource> = {};
  for (const requirement of run.requirements_result?.requirements ?? []) {
    if (typeof requirement?.name !== "string") continue;
    const named = reported?.[requirement.name];
    sources[requirement.name] = isScoreSource(named)
      ? named
      : local === undefined
        ? "maestro"
        : "self_assessed";
  }
  return sources;
}

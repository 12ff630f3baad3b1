/** How a simulated model behaves: how often it meets a requirement, how long a step takes, what it costs. */
export interface ModelProfile {
  /** The chance, in [0, 1], that a draft meets a given check, and that a refine step repairs one. */
  skill: number;
  /** Simulated time of one generate-or-refine step, before jitter of ±20%. */
  latencyMsPerStep: number;
  /** USD per million prompt tokens. */
  inputUsdPerMillion: number;
  /** USD per million completion tokens. */
  outputUsdPerMillion: number;
}

/**
 * The built-in simulated profiles. Skills and latencies are invented so that larger models score
 * better and take longer; the Jamba prices are AI21's published per-token prices (as quoted publicly),
 * the others are illustrative list prices. None of this measures a real model.
 */
export const MODEL_PROFILES: Readonly<Record<string, ModelProfile>> = {
  "jamba-large": { skill: 0.86, latencyMsPerStep: 1800, inputUsdPerMillion: 2, outputUsdPerMillion: 8 },
  "jamba-mini": { skill: 0.62, latencyMsPerStep: 700, inputUsdPerMillion: 0.2, outputUsdPerMillion: 0.4 },
  "gpt-4o": { skill: 0.84, latencyMsPerStep: 1500, inputUsdPerMillion: 2.5, outputUsdPerMillion: 10 },
  "gpt-4.1": { skill: 0.88, latencyMsPerStep: 1600, inputUsdPerMillion: 2, outputUsdPerMillion: 8 },
  "gpt-4.1-mini": { skill: 0.72, latencyMsPerStep: 800, inputUsdPerMillion: 0.4, outputUsdPerMillion: 1.6 },
  "claude-4-sonnet": { skill: 0.9, latencyMsPerStep: 2000, inputUsdPerMillion: 3, outputUsdPerMillion: 15 },
  "claude-3-5-haiku": { skill: 0.66, latencyMsPerStep: 700, inputUsdPerMillion: 0.8, outputUsdPerMillion: 4 },
  "gemini-2.5-flash": {
    skill: 0.74,
    latencyMsPerStep: 900,
    inputUsdPerMillion: 0.3,
    outputUsdPerMillion: 2.5,
  },
  "gemini-2.5-flash-lite": {
    skill: 0.6,
    latencyMsPerStep: 500,
    inputUsdPerMillion: 0.1,
    outputUsdPerMillion: 0.4,
  },
  "mistral-small": { skill: 0.58, latencyMsPerStep: 600, inputUsdPerMillion: 0.2, outputUsdPerMillion: 0.6 },
};

/** The profile of a model name no built-in profile knows. */
export const DEFAULT_MODEL_PROFILE: ModelProfile = {
  skill: 0.7,
  latencyMsPerStep: 1000,
  inputUsdPerMillion: 1,
  outputUsdPerMillion: 3,
};

/** The model a run uses when its request names none (Maestro chooses; the local server picks this one). */
export const DEFAULT_RUN_MODEL = "jamba-large";

/** Finds a model's profile, with overrides first, then the built-in ones, then the default. */
export function resolveModelProfile(
  model: string,
  overrides: Readonly<Record<string, Partial<ModelProfile>>> = {},
): ModelProfile {
  const base = MODEL_PROFILES[model] ?? DEFAULT_MODEL_PROFILE;
  const override = overrides[model];
  return override === undefined ? base : { ...base, ...override };
}

/** Checks a profile override read from configuration; `where` names its origin in messages. */
export function validateModelProfile(profile: Partial<ModelProfile>, where: string): void {
  if (profile.skill !== undefined && !(profile.skill >= 0 && profile.skill <= 1)) {
    throw new RangeError(`${where}: skill must be within [0, 1], got ${profile.skill}`);
  }
  for (const key of ["latencyMsPerStep", "inputUsdPerMillion", "outputUsdPerMillion"] as const) {
    const value = profile[key];
    if (value !== undefined && !(value >= 0 && Number.isFinite(value))) {
      throw new RangeError(`${where}: ${key} must be a number >= 0, got ${value}`);
    }
  }
}

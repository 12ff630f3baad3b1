import { BUDGETS, type Budget } from "../domain/index.js";
import { MaestroConfigurationError } from "../errors/index.js";
import type { MatrixOptions } from "./expand-matrix.js";

/**
 * Applies `maestro-eval run --models/--budgets/--repeats`, which reach the workers as
 * `MAESTRO_EVAL_MODELS`, `MAESTRO_EVAL_BUDGETS` (comma-separated) and `MAESTRO_EVAL_REPEATS`, over a
 * suite's own matrix.
 */
export function applyMatrixOverrides(
  matrix: MatrixOptions,
  env: Record<string, string | undefined> = process.env,
): MatrixOptions {
  const list = (name: string) =>
    env[name]
      ?.split(",")
      .map((item) => item.trim())
      .filter(Boolean);
  const models = list("MAESTRO_EVAL_MODELS");
  const budgets = list("MAESTRO_EVAL_BUDGETS");
  for (const budget of budgets ?? []) {
    if (!(BUDGETS as readonly string[]).includes(budget)) {
      throw new MaestroConfigurationError(
        `MAESTRO_EVAL_BUDGETS has ${JSON.stringify(budget)}; expected low, medium or high`,
      );
    }
  }
  const repeatsText = env.MAESTRO_EVAL_REPEATS?.trim();
  let repeats: number | undefined;
  if (repeatsText !== undefined && repeatsText !== "") {
    repeats = Number(repeatsText);
    if (!Number.isInteger(repeats) || repeats < 1 || repeats > 1000) {
      throw new MaestroConfigurationError(
        `MAESTRO_EVAL_REPEATS must be a whole number from 1 to 1000, got ${JSON.stringify(repeatsText)}`,
      );
    }
  }
  return {
    ...matrix,
    ...(models && models.length > 0 ? { models } : {}),
    ...(budgets && budgets.length > 0 ? { budgets: budgets as Budget[] } : {}),
    ...(repeats === undefined ? {} : { repeats }),
  };
}

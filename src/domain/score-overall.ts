/**
 * Maestro's overall score as maestro-eval computes it: the mean of the requirement scores, 0 when any
 * mandatory requirement scored below 1, and 1 when there are no requirements. Rounded to 6 decimals so
 * that equal inputs print equally.
 */
export function scoreOverall(
  requirements: readonly { is_mandatory?: boolean | undefined }[],
  scores: readonly number[],
): number {
  if (scores.length === 0) return 1;
  if (
    requirements.some((requirement, index) => requirement.is_mandatory === true && (scores[index] ?? 0) < 1)
  )
    return 0;
  const mean = scores.reduce((sum, score) => sum + score, 0) / scores.length;
  return Math.round(mean * 1e6) / 1e6;
}

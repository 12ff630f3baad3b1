// Choosing among a suite's groups: the Pareto front of score against cost and latency (markPareto), the
// reference group outputs are compared with (chooseReference) and the cheapest passing group (recommendCheapest).
import type { GroupReport, ParetoReport, RecommendationReport } from "./eval-report.js";
import { budgetRank, compareText } from "./report-order.js";

/** Marks each group on the Pareto front of score (higher), cost and latency (lower). */
export function markPareto(groups: GroupReport[]): ParetoReport {
  const candidates = groups.filter((group) => group.overall !== null && group.latencyMs !== null);
  const withCost = candidates.length > 0 && candidates.every((group) => group.costUsd !== null);
  const objectives: ParetoReport["objectives"] = withCost
    ? ["score", "cost", "latency"]
    : ["score", "latency"];
  const point = (group: GroupReport): number[] => [
    group.overall!.mean,
    ...(withCost ? [-group.costUsd!.mean] : []),
    -group.latencyMs!.p50,
  ];
  const points = candidates.map(point);
  const front: string[] = [];
  candidates.forEach((group, index) => {
    const mine = points[index]!;
    const dominated = points.some(
      (other, otherIndex) =>
        otherIndex !== index &&
        other.every((value, axis) => value >= mine[axis]!) &&
        other.some((value, axis) => value > mine[axis]!),
    );
    if (!dominated) {
      group.pareto = true;
      front.push(group.id);
    }
  });
  return { objectives, groups: front };
}

/** The asked-for group, or the most expensive by mean cost (then budget, then latency). */
export function chooseReference(groups: readonly GroupReport[], wanted: string | null): string | null {
  if (groups.length === 0) return null;
  if (wanted !== null) {
    const exact = groups.find((group) => group.id === wanted);
    if (exact !== undefined) return exact.id;
    const ofModel = groups.filter((group) => group.model === wanted);
    if (ofModel.length > 0) return mostExpensive(ofModel).id;
  }
  return mostExpensive(groups).id;
}

function mostExpensive(groups: readonly GroupReport[]): GroupReport {
  let best = groups[0]!;
  for (const group of groups.slice(1)) {
    const order =
      (group.costUsd?.mean ?? Number.NEGATIVE_INFINITY) - (best.costUsd?.mean ?? Number.NEGATIVE_INFINITY) ||
      budgetRank(group.budget) - budgetRank(best.budget) ||
      (group.latencyMs?.p50 ?? Number.NEGATIVE_INFINITY) - (best.latencyMs?.p50 ?? Number.NEGATIVE_INFINITY);
    if (order > 0) best = group;
  }
  return best;
}

/**
 * The cheapest of the passing groups (by mean cost, or by p50 latency when a cost is unknown; ties to the
 * higher score), or null when none passes. The report's per-suite recommendation and the CLI's final one
 * (`recommendUnderGate`) both come from here, so they never disagree.
 */
export function recommendCheapest(passing: readonly GroupReport[]): RecommendationReport | null {
  const ordered = orderByCost(passing);
  const best = ordered[0];
  if (best === undefined) return null;
  const basis = passing.every((group) => group.costUsd !== null) ? "cost" : "latency";
  return {
    group: best.id,
    model: best.model,
    budget: best.budget,
    score: best.overall?.mean ?? null,
    meanCostUsd: best.costUsd?.mean ?? null,
    totalCostUsd: best.costUsd?.total ?? null,
    latencyP50Ms: best.latencyMs?.p50 ?? null,
    basis,
  };
}

/**
 * The groups cheapest first: by mean cost, or by p50 latency when a cost is unknown; ties to the lower p50
 * latency, then the higher score.
 */
export function orderByCost(groups: readonly GroupReport[]): GroupReport[] {
  const basis = groups.every((group) => group.costUsd !== null) ? "cost" : "latency";
  const measure = (group: GroupReport) =>
    (basis === "cost" ? group.costUsd?.mean : group.latencyMs?.p50) ?? Number.POSITIVE_INFINITY;
  const latency = (group: GroupReport) => group.latencyMs?.p50 ?? Number.POSITIVE_INFINITY;
  return [...groups].sort(
    (a, b) =>
      measure(a) - measure(b) ||
      latency(a) - latency(b) ||
      (b.overall?.mean ?? 0) - (a.overall?.mean ?? 0) ||
      compareText(a.id, b.id),
  );
}

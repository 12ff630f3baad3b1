/** What a family's scorer returns for one check: a score in [0, 1] (or null when undecidable) and why. */
export interface FamilyScore {
  score: number | null;
  reason: string;
}

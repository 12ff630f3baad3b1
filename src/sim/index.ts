export { type ComposeResult, composeDraft, composeOutput } from "./compose-output.js";
export { ALTERNATIVE_DATE_FORMATS, type ComposePlan, type ComposeStyle } from "./compose-settings.js";
export {
  ANY_COUNT,
  type CountInterval,
  type CountRange,
  distanceToRange,
  inRange,
  intersectRange,
  nearestInRange,
  subtractRange,
  toInterval,
} from "./count-range.js";
export { createRandom, deriveSeed, pickInteger, pickOne, type RandomSource } from "./create-random.js";
export {
  type DraftFacts,
  type DraftField,
  extractFacts,
  type FieldKind,
  readFieldRole,
} from "./extract-facts.js";
export {
  ENGLISH_BANK,
  type FieldRole,
  findPhraseBank,
  PHRASE_BANKS,
  type PhraseBank,
} from "./phrase-banks.js";
export {
  type CheckConflict,
  type CheckRole,
  computeCountRanges,
  identifyCheck,
  type ResolveCheckConflictsOptions,
  type ResolvedChecks,
  resolveCheckConflicts,
} from "./resolve-check-conflicts.js";

export {
  type AnswerOnlyCheck,
  type CaseCheck,
  CHECK_KINDS,
  type Check,
  type CheckKind,
  type CheckResult,
  type CountCheck,
  type CountUnit,
  type CurrencyCheck,
  type DateFormatCheck,
  type EndsWithCheck,
  type ForbiddenMark,
  type ForbidMarksCheck,
  type JsonCheck,
  type KeywordsCheck,
  type LanguageCheck,
  type NoMarkdownCheck,
  type ParsedRequirement,
  type ParseVerdict,
  type PostscriptCheck,
  type QuotedCheck,
  type StartsWithCheck,
  type TitleCheck,
  type Verdict,
  type VerifyResult,
} from "./check.js";
export { countKeyword } from "./families/keywords.js";
export { createLanguageCheck, detectLanguage, MIN_LETTERS_FOR_LANGUAGE } from "./families/language.js";
export { clearParseCache, type ParseRequirementOptions, parseRequirement } from "./parse-requirement.js";
export { countCharacters, countUnit, countWords } from "./text-facts.js";
export {
  readVerdict,
  type VerifyRequirementOptions,
  type VerifyTarget,
  verify,
  verifyRequirement,
} from "./verify.js";

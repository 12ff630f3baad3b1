export {
  type AuditableRequirement,
  type AuditableRun,
  type AuditedRequirement,
  type AuditRunOptions,
  type AuditRunResult,
  type AuditStatus,
  auditRun,
} from "./audit-run.js";
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
  type LetterCountCheck,
  type NoMarkdownCheck,
  type OneOfCheck,
  type ParagraphStartCheck,
  type ParsedRequirement,
  type ParseVerdict,
  type PostscriptCheck,
  type QuotedCheck,
  type RepeatRequestCheck,
  type ResponsesCheck,
  type SectionsCheck,
  type StartsWithCheck,
  type TitleCheck,
  type Verdict,
  type VerifyResult,
} from "./check.js";
export {
  createJudge,
  JUDGE_SYSTEM_PROMPT,
  type Judge,
  type JudgeOptions,
  type JudgeResult,
  parseJudgeAnswer,
  renderJudgePrompt,
} from "./create-judge.js";
export { countKeyword } from "./families/keywords.js";
export { createLanguageCheck, detectLanguage, MIN_LETTERS_FOR_LANGUAGE } from "./families/language.js";
export { createConfiguredJudge, JUDGE_API_KEY_ENV, type JudgeConfig } from "./judge-config.js";
export { clearVerifierCaches } from "./memo.js";
export { clearParseCache, type ParseRequirementOptions, parseRequirement } from "./parse-requirement.js";
export { countCharacters, countUnit, countWords } from "./text-facts.js";
export {
  readVerdict,
  type VerifyInput,
  type VerifyMessage,
  type VerifyOptions,
  type VerifyRequirementOptions,
  type VerifyTarget,
  verify,
  verifyRequirement,
} from "./verify.js";
export { scoreSourceOf, type VerifyWithJudgeOptions, verifyWithJudge } from "./verify-with-judge.js";

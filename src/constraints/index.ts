export { assertValidChatRequest, assertValidRunRequest } from "./assert-valid-request.js";
export { compileSpecSchema, type SpecSchemaValidator } from "./compile-spec-schema.js";
export { countWords } from "./count-words.js";
export { detectRequestKind, type RequestKind } from "./detect-request-kind.js";
export { dropNullFields } from "./drop-null-fields.js";
export { hasErrors } from "./has-errors.js";
export { ISSUE_TYPES, type IssueType } from "./issue-types.js";
export {
  listSpecSchemaNames,
  loadSpec,
  readSpecDefaults,
  readSpecSchema,
  type SpecDocument,
  type SpecSchema,
} from "./load-spec.js";
export { ajvStandaloneCode, createAjv2020, standaloneCodeOptions } from "./require-ajv.js";
export { isAbsoluteHttpUrl, isSearchPrefix } from "./rules/check-urls.js";
export { validateChatRequest } from "./validate-chat-request.js";
export type { AssertValidRequestOptions, ValidateOptions } from "./validate-options.js";
export { validateRunRequest } from "./validate-run-request.js";

export {
  type ConstraintIssue,
  ConstraintViolationError,
  formatIssueLocation,
  isConstraintViolationError,
} from "./constraint-violation-error.js";
export { isMaestroApiError, MaestroApiError, type MaestroApiErrorOptions } from "./maestro-api-error.js";
export {
  isMaestroCassetteMissError,
  MaestroCassetteMissError,
  type MaestroCassetteMissErrorOptions,
} from "./maestro-cassette-miss-error.js";
export { isMaestroConfigurationError, MaestroConfigurationError } from "./maestro-configuration-error.js";
export {
  isMaestroConnectionError,
  MaestroConnectionError,
  type MaestroConnectionErrorOptions,
} from "./maestro-connection-error.js";
export { isMaestroEvalError, MaestroEvalError, type MaestroEvalErrorOptions } from "./maestro-eval-error.js";
export { isMaestroRunError, MaestroRunError, type MaestroRunErrorOptions } from "./maestro-run-error.js";
export {
  isMaestroTimeoutError,
  MaestroTimeoutError,
  type MaestroTimeoutErrorOptions,
} from "./maestro-timeout-error.js";
export {
  collectUrlSecrets,
  MIN_SECRET_LENGTH,
  redactAndCut,
  redactSecrets,
  redactText,
  redactUrl,
  secretForms,
} from "./redact-secrets.js";

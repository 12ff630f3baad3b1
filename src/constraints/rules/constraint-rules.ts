import { checkAdditionalPropertiesSpelling } from "./check-additional-properties-spelling.js";
import { checkAlternatingTurns } from "./check-alternating-turns.js";
import { checkChatOrder } from "./check-chat-order.js";
import {
  checkNWithZeroTemperature,
  checkRequirementsWithTools,
  checkStreamWithN,
} from "./check-request-combinations.js";
import { checkOneSearchToolPerType } from "./check-search-tools.js";
import { checkUniqueMcpLabels, checkUniqueNames } from "./check-unique-names.js";
import { checkAbsoluteHttpUrl, checkSearchPrefix } from "./check-urls.js";
import type { ConstraintRule } from "./constraint-rule.js";

/**
 * Every rule JSON Schema cannot state, keyed by the name the spec's `x-maestro-rules` uses. The spec
 * decides where each applies; a test keeps this registry and the spec's names equal.
 */
export const CONSTRAINT_RULES: Readonly<Record<string, ConstraintRule>> = Object.freeze({
  "messages.alternating-user-assistant": checkAlternatingTurns,
  "messages.chat-order": checkChatOrder,
  "requirements.unique-names": checkUniqueNames,
  "tools.one-search-tool-per-type": checkOneSearchToolPerType,
  "tools.unique-mcp-labels": checkUniqueMcpLabels,
  "url.absolute-http": checkAbsoluteHttpUrl,
  "url.search-prefix": checkSearchPrefix,
  "run.requirements-with-tools": checkRequirementsWithTools,
  "chat.n-with-zero-temperature": checkNWithZeroTemperature,
  "chat.stream-with-n": checkStreamWithN,
  "http-tool.additional-properties-spelling": checkAdditionalPropertiesSpelling,
});

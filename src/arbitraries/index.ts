export { budget } from "./budget.js";
export {
  type ChatMessagesConstraints,
  type ChatRequestConstraints,
  chatMessages,
  chatRequest,
} from "./chat-request.js";
export { INVALID_CHAT_REQUEST_RULES, invalidChatRequest } from "./invalid-chat-request.js";
export type { InvalidRequest, InvalidRequestConstraints } from "./invalid-request.js";
export { INVALID_RUN_REQUEST_RULES, invalidRunRequest } from "./invalid-run-request.js";
export { type MessagesConstraints, messages } from "./messages.js";
export { type RequirementConstraints, requirement } from "./requirement.js";
export { type RequirementsConstraints, requirements } from "./requirements.js";
export { type RunRequestConstraints, runRequest } from "./run-request.js";
export { type ToolConstraints, type ToolsConstraints, type ToolType, tool, tools } from "./tool.js";

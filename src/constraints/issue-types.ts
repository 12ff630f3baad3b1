/**
 * Every issue `type` the validators produce, with what it means. Error types follow FastAPI and
 * pydantic v1 (`value_error.*`, `type_error.*`); warning types start with `warning.`.
 */
export const ISSUE_TYPES = Object.freeze({
  "value_error.missing": "A required field is absent.",
  "type_error.str": "Expected a string.",
  "type_error.integer": "Expected an integer.",
  "type_error.float": "Expected a number.",
  "type_error.bool": "Expected a boolean.",
  "type_error.list": "Expected an array.",
  "type_error.dict": "Expected an object.",
  "type_error.none.allowed": "Expected null.",
  "type_error.union": "The value is none of the types allowed (for example `input`: a string or an array).",
  "type_error.enum": "The value is not one of the allowed values.",
  "value_error.const": "The value must be exactly one value (for example `stream: false` on runs).",
  "value_error.any_str.min_length": "A string is empty or too short.",
  "value_error.any_str.max_length": "A string is too long.",
  "value_error.list.min_items": "An array is empty or has too few items.",
  "value_error.list.max_items": "An array has too many items (requirements, models, stop).",
  "value_error.number.not_ge": "A number is below its minimum.",
  "value_error.number.not_le": "A number is above its maximum.",
  "value_error.number.not_gt": "A number is not above its exclusive minimum (top_p > 0).",
  "value_error.number.not_lt": "A number is not below its exclusive maximum.",
  "value_error.discriminated_union.missing_discriminator":
    "A tool has no `type`, or a chat message no `role`.",
  "value_error.discriminated_union.invalid_discriminator":
    "A tool's `type` or a chat message's `role` is unknown.",
  "value_error.format": "A string is not in its format (uuid, date-time).",
  "value_error.extra": "A field the schema forbids.",
  "value_error.union": "A value matches none (or several) of the shapes a union allows.",
  "value_error.too_many_words": "A requirement description has more than 128 words.",
  "value_error.duplicate_name": "Two requirements share a name.",
  "value_error.duplicate_server_label": "Two MCP tools share a server_label.",
  "value_error.too_many_search_tools": "More than one web_search or more than one file_search tool.",
  "value_error.url.absolute_http": "An http endpoint or MCP server URL is not an absolute http(s) URL.",
  "value_error.url.search_prefix": "A web_search URL is none of the four documented prefix forms.",
  "value_error.messages.first_turn": "A run's conversation starts with an assistant turn.",
  "value_error.messages.last_turn": "A run's conversation ends with an assistant turn.",
  "value_error.messages.alternation": "Two user (or two assistant) turns follow each other.",
  "value_error.messages.system_position": "A chat system message that is not the first message.",
  "value_error.messages.tool_position":
    "A chat tool message that does not follow an assistant message with tool_calls.",
  "value_error.messages.no_turns": "A chat request with no user or assistant message.",
  "value_error.n_with_zero_temperature": "A chat request asks for n > 1 with temperature 0.",
  "value_error.stream_with_n": "A chat request asks for n > 1 while streaming.",
  "value_error.conflicting_spelling":
    "An http tool's parameters give additionalProperties and additional_properties with different values.",
  "value_error.unreadable": "The request could not be read (a getter or proxy threw).",
  value_error: "Any other schema keyword the spec may use in future.",
  "warning.unknown_field": "A field the spec does not know; AI21 ignores it.",
  "warning.sdk_spelling":
    "additional_properties (the SDKs' spelling), read as additionalProperties (AI21's wire name).",
  "warning.deprecated": "A deprecated field (tool_resources).",
  "warning.requirements_with_tools":
    "Requirements together with tools; AI21 documents they work only without tools.",
  "warning.above_documented_maximum":
    "A value above AI21's documented maximum but within what is accepted (max_tokens > 4096).",
} as const);

/** One of the issue types the validators produce. */
export type IssueType = keyof typeof ISSUE_TYPES;

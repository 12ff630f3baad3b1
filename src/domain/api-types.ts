// The only file that spells `components["schemas"][...]`: everything else imports these names.
import type { components, paths } from "../generated/maestro.js";

type Schemas = components["schemas"];

type OptionalKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? K : never }[keyof T];

/**
 * A request as the code reads it once the validator and the local server have dropped every optional
 * field sent as `null` (on the wire, null means unset: the spec types those fields `[type, "null"]`).
 */
export type WithoutNullFields<T> = T extends readonly (infer Item)[]
  ? WithoutNullFields<Item>[]
  : T extends object
    ? {
        [K in keyof T]: K extends OptionalKeys<T>
          ? WithoutNullFields<Exclude<T[K], null>>
          : WithoutNullFields<T[K]>;
      }
    : T;

/** The body of `POST /studio/v1/maestro/runs`. */
export type CreateRunRequest = WithoutNullFields<Schemas["CreateMaestroRunRequest"]>;
/** A Maestro run as `POST` and `GET` return it. */
export type MaestroRun = Schemas["MaestroRun"];
/** A run's status; `in_progress` until it ends. */
export type RunStatus = Schemas["RunStatus"];
/** `low`, `medium` or `high`. */
export type Budget = Schemas["Budget"];
/** An extra field a run may include. */
export type IncludeField = Schemas["IncludeField"];
/** One of the nine languages Maestro answers in, or `unset`. */
export type ResponseLanguage = Schemas["ResponseLanguage"];
/** A run's input: an instruction or user/assistant turns. */
export type MaestroInput = Schemas["MaestroInput"];
/** One user or assistant turn of a run's input. */
export type MaestroMessage = Schemas["MaestroMessage"];
/** A natural-language requirement `{name, description, is_mandatory}`. */
export type Requirement = WithoutNullFields<Schemas["Requirement"]>;
/** How a run met its requirements. */
export type RequirementsResult = Schemas["RequirementsResult"];
/** How a run met one requirement. */
export type RequirementResult = Schemas["RequirementResult"];
/** A tool a run may use, told apart by `type`. */
export type MaestroTool = WithoutNullFields<Schemas["MaestroTool"]>;
/** A user-provided HTTP endpoint tool. */
export type HttpTool = WithoutNullFields<Schemas["HttpTool"]>;
/** A remote MCP server tool. */
export type McpTool = WithoutNullFields<Schemas["McpTool"]>;
/** Search over the account's file library. */
export type FileSearchTool = WithoutNullFields<Schemas["FileSearchTool"]>;
/** Web search limited to URL prefixes. */
export type WebSearchTool = WithoutNullFields<Schemas["WebSearchTool"]>;
/** What a run retrieved or called. */
export type DataSources = Schemas["DataSources"];
/** A passage found by file_search. */
export type FileSearchResult = Schemas["FileSearchResult"];
/** A page found by web_search. */
export type WebSearchResult = Schemas["WebSearchResult"];
/** One call a run made to an http or mcp tool. */
export type ToolCallResult = Schemas["ToolCallResult"];
/** A file's metadata in the account's library (AI21's camelCase names). */
export type LibraryFile = Schemas["LibraryFile"];
/** The id an upload (or a delete) answers with: `{fileId}`. */
export type LibraryFileId = Schemas["LibraryFileId"];
/** The fields `PUT /studio/v1/library/files/{file_id}` replaces: labels and public URL. */
export type LibraryFileUpdate = WithoutNullFields<Schemas["LibraryFileUpdate"]>;
/** What the local server adds to a run: cost, latency, steps, generator. */
export type LocalRunInfo = Schemas["LocalRunInfo"];
/** One generate-or-refine step of the local engine. */
export type LocalRunStep = Schemas["LocalRunStep"];

/** The body of `POST /studio/v1/chat/completions`. */
export type ChatRequest = WithoutNullFields<Schemas["ChatCompletionRequest"]>;
/** One chat message, told apart by `role`. */
export type ChatMessage = WithoutNullFields<Schemas["ChatMessage"]>;
/** A completed chat completion. */
export type ChatCompletion = Schemas["ChatCompletion"];
/** One choice of a chat completion. */
export type ChatChoice = Schemas["ChatChoice"];
/** One server-sent chunk of a streamed chat completion. */
export type ChatCompletionChunk = Schemas["ChatCompletionChunk"];
/** Token counts of a chat completion. */
export type ChatUsage = Schemas["ChatUsage"];

/** A FastAPI 422 body. */
export type HttpValidationError = Schemas["HTTPValidationError"];
/** One item of a FastAPI 422 `detail`. */
export type ValidationErrorItem = Schemas["ValidationError"];
/** A FastAPI error body whose `detail` is a sentence. */
export type ErrorDetail = Schemas["ErrorDetail"];

/** The OpenAPI paths, for openapi-fetch. */
export type MaestroPaths = paths;

/** Statuses after which a run never changes again. */
export const TERMINAL_RUN_STATUSES: readonly RunStatus[] = ["completed", "failed", "requires_action"];

/** Whether a run has ended. */
export function isTerminalStatus(status: RunStatus): boolean {
  return TERMINAL_RUN_STATUSES.includes(status);
}

/** The enums of the spec as runtime values (kept equal to the spec by a test). */
export const BUDGETS: readonly Budget[] = ["low", "medium", "high"];
/** Every `response_language` value. */
export const RESPONSE_LANGUAGES: readonly ResponseLanguage[] = [
  "arabic",
  "dutch",
  "english",
  "french",
  "german",
  "hebrew",
  "italian",
  "portuguese",
  "spanish",
  "unset",
];
/** Every `include` value. */
export const INCLUDE_FIELDS: readonly IncludeField[] = [
  "data_sources",
  "requirements_result",
  "requirements_result.metadata",
];

/**
 * Whether `url` falls under a web_search `urls` prefix, read as AI21 documents its four forms
 * (`https://example.com`, `example.com`, `example.com/page`, `sub.example.com`). The scheme is
 * ignored; hosts compare case-insensitively (IDNs as punycode) with a leading `www.` dropped on both
 * sides, so `example.com` matches `www.example.com` but not `docs.example.com`; a prefix's path is a
 * case-sensitive string prefix of the page's path and query. An unreadable URL or prefix matches
 * nothing.
 */
export function matchesUrlPrefix(url: string, prefix: string): boolean {
  const wanted = readUrlPrefix(prefix);
  if (wanted === undefined) return false;
  let page: URL;
  try {
    page = new URL(url);
  } catch {
    return false;
  }
  if (page.protocol !== "http:" && page.protocol !== "https:") return false;
  if (withoutWww(page.hostname) !== wanted.host) return false;
  return `${page.pathname}${page.search}`.startsWith(wanted.path);
}

function readUrlPrefix(prefix: string): { host: string; path: string } | undefined {
  const bare = prefix.trim().replace(/^https?:\/\//i, "");
  const hostPart = bare.split(/[/?#]/, 1)[0] ?? "";
  if (hostPart === "" || /[@:\s]/.test(hostPart)) return undefined;
  try {
    // Parsed as a URL so that the host is in punycode and the path percent-encoded, as pages' URLs are.
    const parsed = new URL(`http://${bare}`);
    const path = `${parsed.pathname}${parsed.search}`;
    return { host: withoutWww(parsed.hostname), path: path === "/" ? "" : path };
  } catch {
    return undefined;
  }
}

function withoutWww(host: string): string {
  return host
    .toLowerCase()
    .replace(/\.$/, "")
    .replace(/^www\./, "");
}

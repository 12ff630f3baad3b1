import type { ConstraintIssue } from "../../errors/index.js";
import { formatIssueLocation } from "../../errors/index.js";
import { createIssue } from "../create-issue.js";
import { describeValue } from "../describe-value.js";
import type { RuleContext } from "./constraint-rule.js";

/** Whether `text` is an absolute http(s) URL with a host and no surrounding white space. */
export function isAbsoluteHttpUrl(text: string): boolean {
  // WHATWG URL parsing trims surrounding white space silently; a stored URL should not rely on that.
  if (text.trim() !== text) return false;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
}

/** `url.absolute-http`: an http tool's endpoint and an MCP server are called by URL, so it must be absolute. */
export function checkAbsoluteHttpUrl(value: unknown, context: RuleContext): ConstraintIssue[] | undefined {
  if (typeof value !== "string" || value === "" || isAbsoluteHttpUrl(value)) return undefined;
  const loc = context.loc();
  return [
    createIssue(
      loc,
      `${formatIssueLocation(loc)} must be an absolute http or https URL; got ${describeValue(value)}`,
      "value_error.url.absolute_http",
    ),
  ];
}

const LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u;
const HAS_LETTER = /\p{L}/u;
const SCHEME = /^https?:\/\//i;
const WHITE_SPACE = /\p{White_Space}/u;

/**
 * Whether `text` is a web_search URL prefix in one of AI21's four documented forms
 * (`https://example.com`, `example.com`, `example.com/page`, `sub.example.com`): an optional http(s)
 * scheme, a domain name of at least two labels whose last label has a letter, and an optional path.
 * Ports, credentials, IP addresses, wildcards and other schemes are none of the four forms.
 */
export function isSearchPrefix(text: string): boolean {
  if (text === "" || WHITE_SPACE.test(text)) return false;
  const rest = text.replace(SCHEME, "");
  const slash = rest.indexOf("/");
  const host = slash === -1 ? rest : rest.slice(0, slash);
  if (host.length === 0 || host.length > 253) return false;
  const labels = host.split(".");
  if (labels.length < 2) return false;
  for (const label of labels) if (!LABEL.test(label)) return false;
  return HAS_LETTER.test(labels[labels.length - 1]!);
}

/** `url.search-prefix`: a web_search URL must be one of the four prefix forms AI21 documents. */
export function checkSearchPrefix(value: unknown, context: RuleContext): ConstraintIssue[] | undefined {
  if (typeof value !== "string" || value === "" || isSearchPrefix(value)) return undefined;
  const loc = context.loc();
  return [
    createIssue(
      loc,
      `${formatIssueLocation(loc)} must be a URL prefix like https://example.com, example.com, example.com/page or sub.example.com; got ${describeValue(value)}`,
      "value_error.url.search_prefix",
    ),
  ];
}

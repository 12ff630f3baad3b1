// Escaping for every format the reporter writes. Model outputs, reasons, requirement and case names are
// untrusted: each reaches a file only through one of these.

const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Text or attribute value for HTML (and inline SVG): `& < > " '` become entities. */
export function escapeHtml(text: string): string {
  const value = String(text);
  return HTML_SPECIAL.test(value) ? value.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]!) : value;
}

const HTML_SPECIAL = /[&<>"']/;

// XML 1.0 forbids these characters even as references: C0 controls but tab, newline and return, lone
// surrogates, and U+FFFE/U+FFFF. They and `& < >` are replaced in one pass.
const XML_TEXT_ESCAPES =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters XML forbids.
  /[&<>\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const XML_TEXT_REPLACEMENTS: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };

/** Text content for XML: forbidden characters become U+FFFD, `& < >` entities (`]]>` cannot survive). */
export function escapeXmlText(text: string): string {
  const value = String(text);
  // Most texts need nothing: test once rather than run the replacement over them.
  if (!XML_SPECIAL.test(value)) return value;
  return value.replace(XML_TEXT_ESCAPES, (char) => XML_TEXT_REPLACEMENTS[char] ?? "\uFFFD");
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters XML forbids.
const XML_SPECIAL = /[&<>\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/** An XML attribute value (double-quoted): as text, plus quotes and whitespace kept as references. */
export function escapeXmlAttribute(text: string): string {
  const value = escapeXmlText(text);
  if (!XML_ATTRIBUTE_SPECIAL.test(value)) return value;
  return value
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;")
    .replace(/\t/g, "&#9;")
    .replace(/\n/g, "&#10;")
    .replace(/\r/g, "&#13;");
}

const XML_ATTRIBUTE_SPECIAL = /["'\t\n\r]/;

/**
 * JSON for a `<script type="application/json">` element: `<`, `>`, `&`, U+2028 and U+2029 become `\uXXXX`
 * escapes (valid JSON, same value), so no `</script>`, `<!--` or `]]>` can appear in the element.
 */
export function escapeJsonForScript(value: unknown): string {
  return escapeJsonTextForScript(JSON.stringify(value));
}

/**
 * {@link escapeJsonForScript} for text that is already JSON, or a piece of it cut between values: those
 * characters can only occur inside JSON strings, where their `\uXXXX` escapes mean the same.
 */
export function escapeJsonTextForScript(json: string): string {
  if (!SCRIPT_SPECIAL.test(json)) return json;
  return json.replace(
    /[<>&\u2028\u2029]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

const SCRIPT_SPECIAL = /[<>&\u2028\u2029]/;

/**
 * Text for GitHub-flavoured Markdown, inline (a table cell, a list item): `& < >` become entities so no HTML
 * gets through, the punctuation that opens links, emphasis, code, tables, strikethrough and headings is
 * backslash-escaped, and line breaks become spaces so a table row stays one row.
 */
export function escapeMarkdown(text: string): string {
  return String(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/[\\`*_[\]|~#]/g, (char) => `\\${char}`)
    .replace(/\r?\n|\r/g, " ");
}

const TERMINAL_CONTROLS =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: terminal control characters are what it removes.
  /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

/**
 * Text for a terminal: escape sequences and control characters are removed (an output could otherwise
 * move the cursor, retitle the window or hide lines), tabs become two spaces.
 */
export function sanitizeForTerminal(text: string): string {
  return String(text).replace(/\t/g, "  ").replace(TERMINAL_CONTROLS, "");
}

// What the local server can read of a document: text, Markdown and HTML. PDF and DOCX are accepted, as
// AI21 accepts them, but not read: parsing them would need dependencies this project does not carry.

/** The document kinds AI21's library accepts. */
export type DocumentKind = "text" | "markdown" | "html" | "pdf" | "docx";

/** AI21's supported types (PDF, DOCX, HTML, TXT, Markdown), by file name extension. */
export const DOCUMENT_EXTENSIONS: Readonly<Record<string, DocumentKind>> = {
  txt: "text",
  text: "text",
  md: "markdown",
  markdown: "markdown",
  html: "html",
  htm: "html",
  pdf: "pdf",
  docx: "docx",
};

/** A file name's extension (lower case, no dot) and its kind; undefined for unsupported types. */
export function readDocumentKind(filename: string): { extension: string; kind: DocumentKind } | undefined {
  const match = /\.([A-Za-z0-9]+)$/.exec(filename);
  const extension = match?.[1]?.toLowerCase();
  if (extension === undefined) return undefined;
  const kind = DOCUMENT_EXTENSIONS[extension];
  return kind === undefined ? undefined : { extension, kind };
}

/** The text of a document, or undefined when the local server cannot read its kind (PDF, DOCX). */
export function extractText(data: Uint8Array, kind: DocumentKind): string | undefined {
  if (kind === "pdf" || kind === "docx") return undefined;
  const text = Buffer.from(data)
    .toString("utf8")
    .replace(/^\uFEFF/, "");
  return kind === "html" ? htmlToText(text) : text;
}

const BLOCK_TAG =
  /<\/?(?:p|div|br|hr|li|ul|ol|dl|dt|dd|h[1-6]|tr|table|thead|tbody|section|article|header|footer|nav|aside|main|blockquote|pre|figure|figcaption|form|title)\b[^>]*>/gi;

/**
 * The visible text of an HTML page: comments, scripts, styles and the head dropped, block elements
 * turned into paragraph breaks, other tags removed, and common entities decoded.
 *
 * @example
 * htmlToText("<h1>Refunds</h1><p>Within 30&nbsp;days.</p>"); // "Refunds\n\nWithin 30 days."
 */
export function htmlToText(html: string): string {
  const text = html
    .replace(/<!--[\s\S]*?-->/g, " ")
    .replace(/<(script|style|head|template|noscript)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, " ")
    .replace(BLOCK_TAG, "\n\n")
    .replace(/<[^>]*>/g, " ");
  return decodeEntities(text)
    .split("\n")
    .map((line) => line.replace(/[ \t\f\v\u00a0]+/g, " ").trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  mdash: "—",
  ndash: "–",
  hellip: "…",
  rsquo: "’",
  lsquo: "‘",
  rdquo: "”",
  ldquo: "“",
  copy: "©",
  euro: "€",
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/gi, (entity, body: string) => {
    if (body.startsWith("#")) {
      const code =
        body[1] === "x" || body[1] === "X" ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? entity;
  });
}

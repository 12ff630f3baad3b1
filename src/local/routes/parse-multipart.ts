// A small multipart/form-data reader (RFC 7578) for library uploads: the whole body is in memory
// already (the server caps its size), so it works on one Buffer.

/** One part of a multipart/form-data body. */
export interface MultipartPart {
  /** The form field's name. */
  name: string;
  /** The file name, for file parts: `filename*` (RFC 5987) wins over `filename`. */
  filename?: string;
  /** The part's `Content-Type`, when it has one. */
  contentType?: string;
  data: Buffer;
}

/** Why a body is not readable multipart/form-data; its message says what is wrong. */
export class MultipartError extends Error {
  override readonly name = "MultipartError";
}

/** Limits of {@link parseMultipart}. */
export interface MultipartLimits {
  /** Default 100. */
  maxParts?: number;
  /** The most bytes of one part's headers. Default 16 KiB. */
  maxHeaderBytes?: number;
}

/**
 * The boundary of a `multipart/form-data` Content-Type, or undefined when the type is another one or
 * has no usable boundary (1 to 70 characters, RFC 2046).
 *
 * @example
 * readBoundary('multipart/form-data; boundary="abc"'); // "abc"
 */
export function readBoundary(contentType: string | undefined): string | undefined {
  if (contentType === undefined) return undefined;
  const [type, ...parameters] = splitParameters(contentType);
  if (type?.trim().toLowerCase() !== "multipart/form-data") return undefined;
  const boundary = readParameters(parameters).get("boundary");
  if (boundary === undefined || boundary.length < 1 || boundary.length > 70) return undefined;
  return boundary;
}

const CRLF = Buffer.from("\r\n");
const HEADER_END = Buffer.from("\r\n\r\n");

/**
 * Reads a multipart/form-data body into its parts, in order. Throws {@link MultipartError} when the
 * body has no opening or closing delimiter, a part has no `Content-Disposition: form-data` with a
 * name, or a limit is passed. The preamble and epilogue are ignored, as RFC 2046 says.
 *
 * @example
 * parseMultipart(Buffer.from('--b\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--b--\r\n'), "b");
 * // [{ name: "a", data: <Buffer 31> }]
 */
export function parseMultipart(
  body: Buffer,
  boundary: string,
  limits: MultipartLimits = {},
): MultipartPart[] {
  const maxParts = limits.maxParts ?? 100;
  const maxHeaderBytes = limits.maxHeaderBytes ?? 16 * 1024;
  const delimiter = Buffer.from(`--${boundary}`);
  const nextDelimiter = Buffer.from(`\r\n--${boundary}`);
  let position: number;
  if (body.subarray(0, delimiter.length).equals(delimiter)) position = delimiter.length;
  else {
    const found = body.indexOf(nextDelimiter);
    if (found === -1) throw new MultipartError("the body has no multipart boundary line");
    position = found + nextDelimiter.length;
  }
  const parts: MultipartPart[] = [];
  for (;;) {
    if (body[position] === 0x2d && body[position + 1] === 0x2d) return parts; // "--": the close delimiter
    // Transport padding (spaces and tabs) may follow a delimiter before its line break.
    while (body[position] === 0x20 || body[position] === 0x09) position += 1;
    if (!body.subarray(position, position + 2).equals(CRLF)) {
      throw new MultipartError("a multipart boundary line is not followed by a line break");
    }
    position += 2;
    if (parts.length >= maxParts) throw new MultipartError(`more than ${maxParts} parts`);
    let headerEnd: number;
    let dataStart: number;
    if (body.subarray(position, position + 2).equals(CRLF)) {
      headerEnd = position;
      dataStart = position + 2;
    } else {
      headerEnd = body.indexOf(HEADER_END, position);
      if (headerEnd === -1) throw new MultipartError("a part's headers never end");
      dataStart = headerEnd + 4;
    }
    if (headerEnd - position > maxHeaderBytes) {
      throw new MultipartError(`a part's headers exceed ${maxHeaderBytes} bytes`);
    }
    const end = body.indexOf(nextDelimiter, dataStart);
    if (end === -1) throw new MultipartError("the body ends before its closing boundary");
    parts.push(readPart(body.subarray(position, headerEnd).toString("utf8"), body.subarray(dataStart, end)));
    position = end + nextDelimiter.length;
  }
}

function readPart(headerText: string, data: Buffer): MultipartPart {
  const headers = new Map<string, string>();
  for (const line of headerText.split("\r\n")) {
    if (line === "") continue;
    const colon = line.indexOf(":");
    if (colon <= 0)
      throw new MultipartError(`a part has a malformed header line: ${JSON.stringify(line.slice(0, 80))}`);
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const disposition = headers.get("content-disposition");
  if (disposition === undefined) throw new MultipartError("a part has no Content-Disposition header");
  const [kind, ...rest] = splitParameters(disposition);
  if (kind?.trim().toLowerCase() !== "form-data") {
    throw new MultipartError(
      `a part's Content-Disposition is ${JSON.stringify(kind?.trim())}, not form-data`,
    );
  }
  const parameters = readParameters(rest);
  const name = parameters.get("name");
  if (name === undefined) throw new MultipartError("a part has no name in its Content-Disposition");
  const filename = readExtendedValue(parameters.get("filename*")) ?? parameters.get("filename");
  const contentType = headers.get("content-type");
  return {
    name: decodeFormEscapes(name),
    ...(filename === undefined ? {} : { filename: decodeFormEscapes(filename) }),
    ...(contentType === undefined ? {} : { contentType }),
    data: Buffer.from(data),
  };
}

/** Splits `type; a=1; b="x;y"` at the semicolons outside quoted strings. */
function splitParameters(value: string): string[] {
  const pieces: string[] = [];
  let current = "";
  let quoted = false;
  for (let index = 0; index < value.length; index += 1) {
    const char = value[index]!;
    if (quoted && char === "\\" && index + 1 < value.length) {
      current += char + value[index + 1];
      index += 1;
      continue;
    }
    if (char === '"') quoted = !quoted;
    if (char === ";" && !quoted) {
      pieces.push(current);
      current = "";
      continue;
    }
    current += char;
  }
  pieces.push(current);
  return pieces;
}

/** Reads `name=value` and `name="quoted \"value\""` pairs; names lower-cased, the first one wins. */
function readParameters(pieces: readonly string[]): Map<string, string> {
  const parameters = new Map<string, string>();
  for (const piece of pieces) {
    const equals = piece.indexOf("=");
    if (equals <= 0) continue;
    const name = piece.slice(0, equals).trim().toLowerCase();
    let value = piece.slice(equals + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) {
      value = value.slice(1, -1).replace(/\\(.)/g, "$1");
    }
    if (!parameters.has(name)) parameters.set(name, value);
  }
  return parameters;
}

/** An RFC 5987 value such as `UTF-8''na%C3%AFve.txt`; undefined when absent or unreadable. */
function readExtendedValue(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const match = /^([\w!#$%&+^`{}~-]+)'[\w-]*'(.*)$/.exec(value);
  if (match === null) return undefined;
  const [, charset, encoded] = match;
  if (charset!.toLowerCase() !== "utf-8") {
    return encoded!.replace(/%([0-9a-f]{2})/gi, (_, hex: string) =>
      String.fromCharCode(Number.parseInt(hex, 16)),
    );
  }
  try {
    return decodeURIComponent(encoded!);
  } catch {
    return undefined;
  }
}

/**
 * Undoes the escapes browsers and httpx apply to names and file names (the HTML form encoding): `%22`
 * for a quote and `%0D`, `%0A` for line breaks.
 */
function decodeFormEscapes(value: string): string {
  return value.replace(/%22|%0D|%0A/gi, (code) => decodeURIComponent(code));
}

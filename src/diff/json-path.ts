/** One step into a JSON value: an object key or an array index. */
export type PathSegment = string | number;

/** A step of an ignore pattern: a key, an index, or `*` (any key or index). */
type PatternSegment = { key: string } | { index: number } | { any: true };

/** An `ignore` entry read: a bare key name matches that key at any depth; a path matches from the root. */
export type IgnorePattern = { kind: "key"; key: string } | { kind: "path"; segments: PatternSegment[] };

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** Renders a path as `$.items[0]["unit price"]`. */
export function formatPath(path: readonly PathSegment[]): string {
  let text = "$";
  for (const segment of path) {
    if (typeof segment === "number") text += `[${segment}]`;
    else text += IDENTIFIER.test(segment) ? `.${segment}` : `[${JSON.stringify(segment)}]`;
  }
  return text;
}

/**
 * Reads an `ignore` entry. `created_at` (no `.`, `[` or leading `$`) is a key name, ignored at any depth;
 * `$.meta.id`, `meta.id`, `items[*].id`, `$["unit price"]` and `rows[0]` are paths from the root, where
 * `*` stands for any key or index. Throws a `TypeError` naming `api` when the entry cannot be read.
 */
export function parseIgnorePattern(api: string, pattern: string): IgnorePattern {
  if (typeof pattern !== "string" || pattern.length === 0) {
    throw new TypeError(`${api}: ignore entries must be non-empty strings, got ${JSON.stringify(pattern)}`);
  }
  if (!/[.[]/.test(pattern) && !pattern.startsWith("$")) return { kind: "key", key: pattern };
  const segments: PatternSegment[] = [];
  let rest = pattern.startsWith("$") ? pattern.slice(1) : `.${pattern}`;
  const fail = (): never => {
    throw new TypeError(
      `${api}: cannot read ignore path ${JSON.stringify(pattern)}; write a key name, or a path such as $.items[*].id`,
    );
  };
  while (rest.length > 0) {
    const dotted = /^\.(\*|[^.[\]]+)/.exec(rest);
    const indexed = /^\[(\*|\d+)\]/.exec(rest);
    const quoted = /^\[("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')\]/.exec(rest);
    if (dotted) {
      const name = dotted[1]!;
      segments.push(name === "*" ? { any: true } : { key: name });
      rest = rest.slice(dotted[0].length);
    } else if (indexed) {
      const index = indexed[1]!;
      segments.push(index === "*" ? { any: true } : { index: Number(index) });
      rest = rest.slice(indexed[0].length);
    } else if (quoted) {
      const literal = quoted[1]!;
      const key = literal.startsWith("'")
        ? literal.slice(1, -1).replace(/\\(.)/g, "$1")
        : (JSON.parse(literal) as string);
      segments.push({ key });
      rest = rest.slice(quoted[0].length);
    } else {
      fail();
    }
  }
  if (segments.length === 0) fail();
  return { kind: "path", segments };
}

/** Whether `path` is ignored by one of `patterns`. */
export function isIgnored(path: readonly PathSegment[], patterns: readonly IgnorePattern[]): boolean {
  if (path.length === 0) return false;
  return patterns.some((pattern) => {
    if (pattern.kind === "key") return path[path.length - 1] === pattern.key;
    if (pattern.segments.length !== path.length) return false;
    return pattern.segments.every((segment, index) => {
      const step = path[index];
      if ("any" in segment) return true;
      if ("index" in segment) return step === segment.index;
      return step === segment.key;
    });
  });
}

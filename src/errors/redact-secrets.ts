const REDACTED = "[REDACTED]";

/** Header and field names whose values are secrets wherever they appear. */
const SECRET_KEY =
  /^(authorization|proxy-authorization|x-api-key|api[-_]?key|cookie|set-cookie|headers|token|access[-_]?token|secret|password)$/i;

/** Bearer tokens and AI21-looking keys inside free text. */
const SECRET_TEXT = /\b(Bearer\s+)[A-Za-z0-9._~+/=-]{4,}/gi;

/**
 * Removes secrets from text: bearer tokens, and every literal value in `known` (the API key, tool
 * header values) wherever it occurs.
 */
export function redactText(text: string, known: Iterable<string> = []): string {
  let out = text.replace(SECRET_TEXT, `$1${REDACTED}`);
  for (const secret of known) {
    if (secret.length >= 4) out = out.split(secret).join(REDACTED);
  }
  return out;
}

/**
 * A deep copy of `value` with secrets removed: any `Authorization`-like key or `headers` object is
 * replaced, and every string is passed through {@link redactText}.
 */
export function redactSecrets<T>(value: T, known: Iterable<string> = []): T {
  const secrets = [...known];
  const seen = new WeakMap<object, unknown>();
  const walk = (node: unknown): unknown => {
    if (typeof node === "string") return redactText(node, secrets);
    if (typeof node !== "object" || node === null) return node;
    const cached = seen.get(node);
    if (cached !== undefined) return cached;
    if (Array.isArray(node)) {
      const copy: unknown[] = [];
      seen.set(node, copy);
      for (const item of node) copy.push(walk(item));
      return copy;
    }
    const copy: Record<string, unknown> = {};
    seen.set(node, copy);
    for (const [key, item] of Object.entries(node)) {
      copy[key] = SECRET_KEY.test(key) && item !== null && item !== undefined ? REDACTED : walk(item);
    }
    return copy;
  };
  return walk(value) as T;
}

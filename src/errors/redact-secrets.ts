const REDACTED = "[REDACTED]";

/** Header and field names whose values are secrets wherever they appear. */
const SECRET_KEY =
  /^(authorization|proxy-authorization|x-api-key|api[-_]?key|cookie|set-cookie|headers|token|access[-_]?token|secret|password)$/i;

/** Bearer tokens and AI21-looking keys inside free text. */
const SECRET_TEXT = /\b(Bearer\s+)[A-Za-z0-9._~+/=-]{4,}/gi;

/**
 * The shortest known secret removed by value. Shorter values ("1", "abc") would erase ordinary words
 * wherever they occur, and are not secrets worth the name.
 */
export const MIN_SECRET_LENGTH = 4;

/** A URL in free text, up to a space, quote or angle bracket. */
const URL_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>`]+/gi;

/** User-info in a URL: `scheme://user:password@`. */
const URL_USER_INFO = /^([a-z][a-z0-9+.-]*:\/\/)[^@/?#]+@/i;

/**
 * Query parameters named like credentials: `api_key`, `apikey`, `key`, `token`, `access_token`,
 * `secret`, `password`, `sig`, `signature`, `auth`, `credential`, `session`, alone or as the last word
 * of a longer name (`client_secret`, `X-Amz-Signature`, `sessionid`).
 */
const CREDENTIAL_PARAM =
  /([?&;](?:[\w.-]*[-_.])?(?:api[-_]?key|apikey|key|token|secret|password|passwd|pwd|sig|signature|auth|authorization|credentials?|session(?:[-_]?id)?|jwt)=)([^&#;]*)/gi;

/**
 * Removes the secrets a URL carries: its user-info, and the values of query parameters named like
 * credentials. Everything else is kept as written.
 *
 * @example
 * redactUrl("https://bob:pw@api.example.com/v1?api_key=abc&q=1"); // "https://[REDACTED]@api.example.com/v1?api_key=[REDACTED]&q=1"
 */
export function redactUrl(url: string): string {
  return url
    .replace(URL_USER_INFO, `$1${REDACTED}@`)
    .replace(CREDENTIAL_PARAM, (_, name: string, value: string) =>
      value === "" ? name : `${name}${REDACTED}`,
    );
}

/** The secret values a URL carries (its user-info, credential-named query parameters), to remove by value. */
export function collectUrlSecrets(url: string): string[] {
  const secrets: string[] = [];
  const userInfo = /^[a-z][a-z0-9+.-]*:\/\/([^@/?#]+)@/i.exec(url)?.[1];
  if (userInfo !== undefined) secrets.push(userInfo, ...userInfo.split(":").filter((part) => part !== ""));
  for (const match of url.matchAll(CREDENTIAL_PARAM)) {
    const value = match[2] ?? "";
    if (value === "") continue;
    secrets.push(value);
    try {
      secrets.push(decodeURIComponent(value.replace(/\+/g, " ")));
    } catch {
      // Not percent-encoded: the value as written is enough.
    }
  }
  return secrets;
}

/**
 * The forms a known secret may take in what a service echoes: as given, without a `Bearer ` scheme,
 * percent-encoded and JSON-escaped. Values shorter than {@link MIN_SECRET_LENGTH} are left out.
 */
export function secretForms(known: Iterable<string>): string[] {
  const forms = new Set<string>();
  for (const secret of known) {
    const bare = /^\s*bearer\s+(.+)$/i.exec(secret)?.[1]?.trim();
    for (const value of [secret, ...(bare === undefined ? [] : [bare])]) {
      for (const form of [value, encodeURIComponent(value), JSON.stringify(value).slice(1, -1)]) {
        if (form.length >= MIN_SECRET_LENGTH) forms.add(form);
      }
    }
  }
  // Longest first, so that a secret containing another is removed whole.
  return [...forms].sort((a, b) => b.length - a.length);
}

/**
 * Removes secrets from text: bearer tokens, URL user-info and credential-named query parameters, and
 * every value in `known` (the API key, tool header values) of at least {@link MIN_SECRET_LENGTH}
 * characters wherever it occurs, also percent-encoded or JSON-escaped.
 */
export function redactText(text: string, known: Iterable<string> = []): string {
  return redactForms(text, secretForms(known));
}

function redactForms(text: string, forms: readonly string[]): string {
  let out = text;
  for (const form of forms) out = out.split(form).join(REDACTED);
  return out.replace(SECRET_TEXT, `$1${REDACTED}`).replace(URL_TEXT, (url) => redactUrl(url));
}

/**
 * Removes secrets from text, then cuts it to `maxLength` characters (with `…`): cutting first could
 * split a secret so that its head no longer matches and survives.
 */
export function redactAndCut(text: string, known: Iterable<string>, maxLength: number): string {
  const redacted = redactText(text, known);
  return redacted.length > maxLength ? `${redacted.slice(0, maxLength)}…` : redacted;
}

/**
 * A deep copy of `value` with secrets removed: any `Authorization`-like key or `headers` object is
 * replaced, and every string is passed through {@link redactText}.
 */
export function redactSecrets<T>(value: T, known: Iterable<string> = []): T {
  const secrets = secretForms(known);
  const seen = new WeakMap<object, unknown>();
  const walk = (node: unknown): unknown => {
    if (typeof node === "string") return redactForms(node, secrets);
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

// `Prefer: wait=<seconds>` (RFC 7240, section 4.3): a client asks the server to hold its answer until the
// work it asked about is done, up to that many seconds, and the server says it did with
// `Preference-Applied: wait=<seconds>`. The local server honours it on a run's create and retrieve, so the
// harness sees a run end the moment it does, with one request instead of a create and a series of polls.
// AI21's API does not document it: the client sends it only when asked to, and goes on polling on a timer
// whenever an answer does not say the preference was applied.

/** The header a client sends. */
export const PREFER_HEADER = "prefer";

/** The header a server answers with when it applied the preference. */
export const PREFERENCE_APPLIED_HEADER = "preference-applied";

/** The longest wait the local server holds an answer for: 60 s, whatever a client asks. */
export const MAX_PREFER_WAIT_SECONDS = 60;

/** The header value asking for a wait of `seconds` (a whole number >= 1). */
export function formatPreferWait(seconds: number): string {
  return `wait=${seconds}`;
}

/**
 * The wait a `Prefer` header asks for, in whole seconds, or undefined when it asks none. The header is a
 * comma-separated list of preferences, each `name[=value]` with optional `;`-parameters; names are
 * case-insensitive and the value may be quoted. A value that is not a whole number of seconds >= 1 is
 * ignored, as RFC 7240 asks of a preference a server does not understand.
 */
export function readPreferWait(header: string | readonly string[] | undefined): number | undefined {
  if (header === undefined) return undefined;
  const values = typeof header === "string" ? [header] : header;
  for (const value of values) {
    for (const preference of value.split(",")) {
      const [token = ""] = preference.split(";");
      const equals = token.indexOf("=");
      if (equals === -1 || token.slice(0, equals).trim().toLowerCase() !== "wait") continue;
      const raw = token
        .slice(equals + 1)
        .trim()
        .replace(/^"(.*)"$/, "$1");
      if (!/^\d{1,9}$/.test(raw)) continue;
      const seconds = Number(raw);
      if (seconds >= 1) return seconds;
    }
  }
  return undefined;
}

/** Whether an answer's `Preference-Applied` header says the server held it (applied a wait). */
export function isWaitApplied(header: string | null | undefined): boolean {
  if (header === null || header === undefined) return false;
  return header.split(",").some((preference) => /^\s*wait\s*(=|;|$)/i.test(preference));
}

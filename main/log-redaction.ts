// What never reaches the log file: the secrets of join links (token, link key), host keys,
// WHIP bearer tokens and any field named like a secret. Applied to every line main writes,
// renderer errors and relay output included, so a log attached to a bug report leaks nothing.

export const REDACTED = '[redacted]';

/** Field names whose values are secrets, in JSON (`"hostKey":"…"`), `name=…` or `name: …`. */
const SECRET_FIELD =
  /(["']?\b(?:host_?key|link_?key|key|token|access_?token|secret|password|passphrase)\b["']?\s*[:=]\s*["']?)([^\s"',;}&]+)/gi;
/** Join links and the host page carry their secrets in the fragment: `#t=TOKEN&k=LINKKEY`, `#k=HOSTKEY`. */
const FRAGMENT_PARAMS = /#((?:[\w.-]+=[^&\s"'<>#]*&?)+)/g;
/** The same secrets as query parameters (`?t=…`, `&k=…`, `?token=…`). */
const QUERY_SECRET = /([?&](?:t|k|token|key|access_token)=)[^&\s"'<>#]+/gi;
/** `Authorization: Bearer …` (WHIP) and any other HTTP credentials. */
const AUTHORIZATION = /(\bauthorization["']?\s*[:=]\s*["']?)(?:(?:bearer|basic)\s+)?[^\s"',;}]+/gi;
const BEARER = /(\bbearer\s+)[\w.~+/=-]+/gi;

export function redactSecrets(text: string): string {
  return text
    .replace(FRAGMENT_PARAMS, (_match, params: string) => `#${params.replace(/=[^&]*/g, `=${REDACTED}`)}`)
    .replace(QUERY_SECRET, `$1${REDACTED}`)
    .replace(AUTHORIZATION, `$1${REDACTED}`)
    .replace(BEARER, `$1${REDACTED}`)
    .replace(SECRET_FIELD, (match, field: string, value: string) =>
      value === REDACTED ? match : `${field}${REDACTED}`,
    );
}

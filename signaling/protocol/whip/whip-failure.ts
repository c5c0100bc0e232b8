// Why a WHIP exchange failed, as a code for the program and plain words for the person.

export type WhipFailureCode =
  | 'wrong-token'
  | 'endpoint-not-found'
  | 'codecs-refused'
  | 'offer-refused'
  | 'busy'
  | 'server-error'
  | 'unreachable'
  | 'bad-response'
  | 'session-gone';

export interface WhipFailure {
  readonly code: WhipFailureCode;
  /** One sentence for the Host view, the banner or a log line. */
  readonly message: string;
  /** The HTTP status, when the server answered. */
  readonly status?: number;
}

const MAX_DETAIL_CHARS = 120;

/** A short, printable excerpt of what the server said: it is untrusted text headed for a UI or log. */
export function serverDetail(body: string): string {
  const printable = body.replace(/[^\x20-\x7e]+/g, ' ').trim();
  return printable.length > MAX_DETAIL_CHARS ? `${printable.slice(0, MAX_DETAIL_CHARS)}…` : printable;
}

function withDetail(sentence: string, status: number, detail: string): string {
  return `${sentence} (HTTP ${status}${detail ? `: ${detail}` : ''})`;
}

/** The failure an unsuccessful HTTP status means for a POST of the offer. */
export function failureForStatus(status: number, body: string): WhipFailure {
  const detail = serverDetail(body);
  const failure = (code: WhipFailureCode, sentence: string): WhipFailure => ({
    code,
    status,
    message: withDetail(sentence, status, detail),
  });
  if (status === 401 || status === 403)
    return failure('wrong-token', 'The media server refused the token: check the WHIP token');
  if (status === 404 || status === 410)
    return failure('endpoint-not-found', 'There is no WHIP endpoint at this URL: check the endpoint URL');
  if (status === 406 || status === 415 || status === 488)
    return failure('codecs-refused', 'The media server refused the offer or its codecs');
  if (status === 409 || status === 429 || status === 503)
    return failure('busy', 'The media server is busy or the stream is already being published: try again later');
  if (status >= 500) return failure('server-error', 'The media server failed to handle the request');
  if (status >= 400) return failure('offer-refused', 'The media server refused the request');
  return failure('bad-response', 'The media server gave an answer WHIP does not allow');
}

export function unreachable(url: string, cause: unknown): WhipFailure {
  const host = new URL(url).host;
  // By name, not instanceof: the DOMException of a timeout may come from another realm.
  const timedOut = typeof cause === 'object' && cause !== null && 'name' in cause && cause.name === 'TimeoutError';
  const why = timedOut ? 'it did not answer in time' : 'no connection';
  return { code: 'unreachable', message: `Could not reach the media server at ${host} (${why})` };
}

export function badResponse(what: string, status?: number): WhipFailure {
  return { code: 'bad-response', status, message: `The media server's answer is not valid WHIP: ${what}` };
}

export function codecsRefused(kinds: readonly string[]): WhipFailure {
  return { code: 'codecs-refused', message: `The media server refused the ${kinds.join(' and ')} codecs we offered` };
}

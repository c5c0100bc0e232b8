// The HTTP side of one WHIP session (RFC 9725): POST the offer, then PATCH trickle candidates or an
// ICE restart to the session's URL, and DELETE it at the end. Browser-safe: only fetch and URL,
// so both the host page and the relay (Node's fetch) use it. Every response is checked.
import { err, ok, type Result } from '../result';
import { refusedKinds } from './answer-check';
import { candidatesOf, iceCredentialsOf, type IceCredentials } from './sdp-fragment';
import { badResponse, codecsRefused, failureForStatus, type WhipFailure } from './whip-failure';
import { WhipHttp, type WhipOptions } from './whip-http';

export const SDP_TYPE = 'application/sdp';
export const SDP_FRAGMENT_TYPE = 'application/trickle-ice-sdpfrag';
export type { WhipOptions } from './whip-http';

export interface WhipAnswer {
  readonly session: WhipSession;
  readonly answerSdp: string;
}

/** The server's side of an ICE restart: its new credentials, and any candidates it sent along. */
export interface IceRestartAnswer {
  readonly credentials: IceCredentials;
  readonly candidates: readonly string[];
}

/** What a trickle PATCH came to: sent, or the server does not take trickled candidates. */
export type TrickleOutcome = 'sent' | 'not-supported';

const isType = (response: Response, type: string) =>
  (response.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() === type;

/** Sends `offerSdp` to the WHIP endpoint; a session when the server answered `201 Created` with a usable answer. */
export async function publishOffer(
  endpointUrl: string,
  offerSdp: string,
  options: WhipOptions = {},
): Promise<Result<WhipAnswer, WhipFailure>> {
  const http = new WhipHttp(options);
  const sent = await http.send(endpointUrl, 'POST', { 'content-type': SDP_TYPE }, offerSdp);
  if (!sent.ok) return sent;
  const { response, body } = sent.value;
  if (response.status !== 201) {
    if (response.ok) return err(badResponse(`HTTP ${response.status} instead of 201 Created`, response.status));
    return err(failureForStatus(response.status, body));
  }
  if (!isType(response, SDP_TYPE)) return err(badResponse('the answer is not application/sdp', 201));
  if (!body.startsWith('v=0')) return err(badResponse('the answer is not an SDP', 201));
  const location = response.headers.get('location');
  // A server on another origin must expose Location through CORS, or the browser hides it.
  if (!location) return err(badResponse('no Location header (a server on another origin must expose it)', 201));
  let sessionUrl: URL;
  try {
    // Relative to the URL the POST ended at (after redirects), as HTTP resolves Location.
    sessionUrl = new URL(location, response.url || endpointUrl);
  } catch {
    return err(badResponse(`the Location '${location.slice(0, 80)}' is not a URL`, 201));
  }
  if (sessionUrl.protocol !== 'https:' && sessionUrl.protocol !== 'http:')
    return err(badResponse(`the Location is not an http(s) URL`, 201));
  const refused = refusedKinds(offerSdp, body);
  const session = new WhipSession(http, sessionUrl.href, response.headers.get('etag') ?? undefined);
  if (refused.length > 0) {
    await session.end();
    return err(codecsRefused(refused));
  }
  return ok({ session, answerSdp: body });
}

/** One published session: its URL, the latest entity-tag the server gave, and the requests on it. */
export class WhipSession {
  private ended = false;

  constructor(
    private readonly http: WhipHttp,
    readonly url: string,
    private etag: string | undefined,
  ) {}

  /** PATCHes trickled candidates (a fragment of sdp-fragment.ts); `If-Match` carries the session's entity-tag. */
  async trickle(fragment: string): Promise<Result<TrickleOutcome, WhipFailure>> {
    const headers: Record<string, string> = { 'content-type': SDP_FRAGMENT_TYPE };
    if (this.etag) headers['if-match'] = this.etag;
    const sent = await this.http.send(this.url, 'PATCH', headers, fragment);
    if (!sent.ok) return sent;
    const { response, body } = sent.value;
    // 405: no PATCH at all; 422: restarts but no trickle (RFC 9725 4.3); 501: not implemented.
    if (response.status === 405 || response.status === 422 || response.status === 501) return ok('not-supported');
    if (response.status === 204 || response.status === 200) return ok('sent');
    return err(this.sessionFailure(response.status, body));
  }

  /** An ICE restart (`If-Match: *`): sends the new local credentials and candidates, returns the server's. */
  async restartIce(fragment: string): Promise<Result<IceRestartAnswer, WhipFailure>> {
    const sent = await this.http.send(
      this.url,
      'PATCH',
      { 'content-type': SDP_FRAGMENT_TYPE, 'if-match': '*' },
      fragment,
    );
    if (!sent.ok) return sent;
    const { response, body } = sent.value;
    if (response.status !== 200) return err(this.sessionFailure(response.status, body));
    if (!isType(response, SDP_FRAGMENT_TYPE)) return err(badResponse('the ICE restart answer is not an SDP fragment'));
    const credentials = iceCredentialsOf(body);
    if (!credentials) return err(badResponse('the ICE restart answer has no ice-ufrag and ice-pwd', 200));
    this.etag = response.headers.get('etag') ?? undefined;
    return ok({ credentials, candidates: candidatesOf(body) });
  }

  /** DELETEs the session; a session the server already forgot counts as ended. Only the first call sends. */
  async end(): Promise<Result<void, WhipFailure>> {
    if (this.ended) return ok(undefined);
    this.ended = true;
    const sent = await this.http.send(this.url, 'DELETE', {}, undefined);
    if (!sent.ok) return sent;
    const { response, body } = sent.value;
    if (response.ok || response.status === 404) return ok(undefined);
    return err(failureForStatus(response.status, body));
  }

  private sessionFailure(status: number, body: string): WhipFailure {
    if (status === 404 || status === 410)
      return { code: 'session-gone', status, message: `The media server no longer has this session (HTTP ${status})` };
    return failureForStatus(status, body);
  }
}

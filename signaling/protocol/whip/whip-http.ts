// fetch for WHIP requests: the Bearer token on each, a time limit, and a network error turned
// into an `unreachable` failure instead of a throw.
import { err, ok, type Result } from '../result';
import { unreachable, type WhipFailure } from './whip-failure';

const REQUEST_TIMEOUT_MS = 10_000;

export interface WhipOptions {
  /** The Bearer token, when the server wants one. */
  readonly token?: string;
  /** Defaults to the global fetch. */
  readonly fetch?: typeof fetch;
  readonly timeoutMs?: number;
}

export class WhipHttp {
  constructor(private readonly options: WhipOptions) {}

  async send(
    url: string,
    method: string,
    headers: Record<string, string>,
    body: string | undefined,
  ): Promise<Result<{ response: Response; body: string }, WhipFailure>> {
    const all = { ...headers };
    if (this.options.token) all.authorization = `Bearer ${this.options.token}`;
    const fetcher = this.options.fetch ?? fetch;
    try {
      const response = await fetcher(url, {
        method,
        headers: all,
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? REQUEST_TIMEOUT_MS),
      });
      return ok({ response, body: await response.text() });
    } catch (cause) {
      return err(unreachable(url, cause));
    }
  }
}

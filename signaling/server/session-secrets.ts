// One hosting session's secrets (host key, room token) and viewer ids. Each start is a
// new session with fresh secrets unless the options fixed them; ids never repeat.
import { randomBytes } from 'node:crypto';
import { createSecret } from './secrets';

export interface FixedSecrets {
  readonly hostKey?: string | undefined;
  readonly token?: string | undefined;
}

export class SessionSecrets {
  hostKey = '';
  token = '';
  private viewersEver = 0;
  /**
   * Keeps ids unique across server restarts too: a host that outlives the server must not mistake a newcomer for
   * someone it admitted.
   */
  private readonly instanceTag = randomBytes(3).toString('hex');

  constructor(private readonly fixed: FixedSecrets) {
    this.renew();
  }

  /** New secrets for the next hosting session. */
  renew(): void {
    this.hostKey = this.fixed.hostKey ?? createSecret();
    this.token = this.fixed.token ?? createSecret();
  }

  /** Counted across sessions, not per room: ids stay unique across hosting sessions. */
  newViewerId(): string {
    return `v${++this.viewersEver}-${this.instanceTag}`;
  }
}

// The viewer's rejoin ticket: kept while joined, named only by its handle in each reconnect's
// `hello`, and proved once per new viewer id, as soon as the host has let that id in and can
// hear it (a waiting viewer may not signal). The ticket itself never goes back on the wire.
import type { ServerMessage } from '../../signaling/protocol';
import { rejoinHandle, rejoinProof } from '../security/rejoin-proof';

interface Owed {
  readonly viewerId: string;
  readonly state: 'waiting' | 'admitted';
  readonly hostPresent: boolean;
}

export class RejoinTicket {
  private ticket: string | undefined;
  private owed: Owed | null = null;

  keep(ticket: string): void {
    this.ticket = ticket;
  }

  /** What the `hello` carries: the ticket's handle, when there is a ticket. */
  helloFields(): { rejoin?: string } {
    return this.ticket === undefined ? {} : { rejoin: rejoinHandle(this.ticket) };
  }

  /**
   * Follows the server's messages (after the session has handled each one) and returns the signal
   * data to send now, once per id: `{returning: PROOF}`; null when nothing is due.
   */
  observe(message: ServerMessage): { returning: string } | null {
    if (message.type === 'welcome' && message.role === 'viewer')
      this.owed =
        this.ticket === undefined
          ? null
          : { viewerId: message.id, state: message.state, hostPresent: message.hostPresent };
    else if (this.owed && message.type === 'admitted') this.owed = { ...this.owed, state: 'admitted' };
    else if (this.owed && (message.type === 'host-joined' || message.type === 'host-left'))
      this.owed = { ...this.owed, hostPresent: message.type === 'host-joined' };
    return this.due();
  }

  private due(): { returning: string } | null {
    const owed = this.owed;
    if (!owed || this.ticket === undefined || owed.state !== 'admitted' || !owed.hostPresent) return null;
    this.owed = null;
    return { returning: rejoinProof(this.ticket, owed.viewerId) };
  }
}

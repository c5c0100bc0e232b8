// One host page's control channel to the relay, after the host key was checked:
// each message in is validated, carried out, and answered. Nothing in it can
// throw past here: a bad message gets an `error` reply.
import { assertNever, parseRelayClientMessage, type RelayClientMessage, type RelayServerMessage } from '../protocol';
import type { Relay } from './relay';
import { useViewerIceServers } from './werift-config';

export class ControlSession {
  constructor(
    private readonly relay: Relay,
    private readonly reply: (message: RelayServerMessage) => void,
  ) {}

  receive(text: string): void {
    const parsed = parseRelayClientMessage(text);
    if (!parsed.ok) return this.reply({ type: 'error', message: parsed.error });
    // Not awaited one by one: a slow step (ICE gathering) must not hold up the others.
    void this.carryOut(parsed.value).catch((error: unknown) =>
      this.reply({ type: 'error', message: error instanceof Error ? error.message : String(error) }),
    );
  }

  private async carryOut(message: RelayClientMessage): Promise<void> {
    switch (message.type) {
      case 'hello':
        return; // checked before the session starts
      case 'publish': {
        useViewerIceServers(message.iceServers ?? []);
        const { sdp, codec } = await this.relay.publish(message.sdp);
        return this.reply({ type: 'published', sdp, codec });
      }
      case 'publisher-candidate':
        return this.relay.addPublisherCandidate(message.candidate);
      case 'viewer-open': {
        const sdp = await this.relay.openViewer(message.peer);
        return this.reply({ type: 'viewer-offer', peer: message.peer, sdp });
      }
      case 'viewer-answer':
        return this.relay.viewerAnswer(message.peer, message.sdp);
      case 'viewer-candidate':
        return this.relay.addViewerCandidate(message.peer, message.candidate);
      case 'viewer-active':
        return this.relay.setViewerActive(message.peer, message.active);
      case 'viewer-close':
        return this.relay.closeViewer(message.peer);
      case 'stats': {
        const stats = await this.relay.stats();
        return this.reply({ type: 'stats', request: message.request, ...stats });
      }
      default:
        return assertNever(message);
    }
  }
}

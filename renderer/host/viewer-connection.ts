// One connection from the host to one viewer (direct delivery): the host offers, ICE
// trickles, the viewer answers. Every signal it sends carries its connection id
// (the wire's `link`), and it ignores the viewer's signals for another one.
import type { SignalPayload } from '../../signaling/protocol';
import { checkDtls } from '../security/dtls-check';
import { normaliseStats, type StatsSample } from '../stats/normalise-stats';
import { orderVideoCodecs } from './codec-preferences';
import { newConnectionId } from './connection-id';
import type { ViewerConnectionReport } from './media-delivery';
import type { SenderSettings } from './presets';
import { SendOnlyConnection, type Tracks } from './send-only-connection';
import { START_BITRATE_BPS } from './start-bitrate';

export class ViewerConnection {
  readonly connectionId = newConnectionId();
  private readonly connection: SendOnlyConnection;
  private statsSample: StatsSample | undefined;

  constructor(
    send: (data: SignalPayload) => void,
    tracks: Tracks,
    settings: SenderSettings | null,
    iceServers: RTCIceServer[] = [],
  ) {
    const link = this.connectionId;
    this.connection = new SendOnlyConnection({
      tracks,
      settings,
      iceServers,
      orderCodecs: orderVideoCodecs,
      withStream: true,
      onCandidate: (candidate) => send({ candidate, link }),
    });
    const pc = this.connection.pc;
    pc.onnegotiationneeded = () =>
      void this.connection.offer().then((sdp) => {
        if (sdp !== null) send({ sdp: { type: 'offer', sdp }, link });
      });
    // The host has the media, so the host restarts ICE when a path fails.
    pc.oniceconnectionstatechange = () => {
      if (pc.iceConnectionState === 'failed') pc.restartIce();
    };
  }

  /** The viewer has answered an offer of this connection: it can carry a picture. */
  get answered(): boolean {
    return this.connection.answerSdp !== null;
  }

  get connected(): boolean {
    return this.connection.pc.connectionState === 'connected';
  }

  async handleSignal(data: SignalPayload): Promise<void> {
    if (!('sdp' in data || 'candidate' in data)) return;
    if (data.link !== undefined && data.link !== this.connectionId) return; // meant for a connection we replaced
    if ('sdp' in data) {
      if (data.sdp.type !== 'answer') return;
      const startBps = Math.min(START_BITRATE_BPS, this.connection.maxBitrate ?? START_BITRATE_BPS);
      await this.connection.acceptAnswer(data.sdp.sdp, startBps); // false: a late answer to an offer we replaced
      return;
    }
    // A candidate for an old ICE generation or a malformed one is no reason to drop the viewer.
    await this.connection.pc.addIceCandidate(data.candidate).catch(() => undefined);
  }

  setTracks(tracks: Tracks): Promise<void> {
    return this.connection.setTracks(tracks);
  }

  applySettings(settings: SenderSettings | null): Promise<void> {
    return this.connection.applySettings(settings);
  }

  async report(): Promise<ViewerConnectionReport> {
    const report = await this.connection.pc.getStats();
    const { stats, sample } = normaliseStats(report, 'send', this.statsSample);
    this.statsSample = sample ?? this.statsSample;
    // Chromium checks the viewer's certificate against the answer itself and fails the handshake on a
    // mismatch (as the viewer's does on ours), so the transport never connects for checkDtls to see it.
    const answer = this.connection.answerSdp;
    const handshakeFailed = answer !== null && this.connection.dtlsState === 'failed';
    return {
      connected: this.connected,
      stats,
      dtls: handshakeFailed ? { kind: 'mismatch' } : checkDtls(report, answer),
    };
  }

  close(): void {
    this.connection.close();
  }
}

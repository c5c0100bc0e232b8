// MediaDelivery through the media relay: the host encodes once, on one connection
// to the relay (PublisherLink), and the relay holds one connection per viewer.
// The host page stays the viewers' signaling end: it asks the relay for each
// viewer's offer and carries SDP and candidates both ways in its own `signal`
// messages, so for a viewer nothing changes. A lost link to the relay is made
// again (viewers restart at its first keyframe); if the relay is not there, goes
// away or keeps losing the link, every viewer is handed to the direct delivery.
import type { RelayCandidate, RelayLinkStats, RelayServerMessage } from '../../signaling/protocol';
import { checkFingerprints } from '../security/dtls-check';
import type { MediaDelivery, SignalData, UplinkReport, ViewerLinkReport } from './media-delivery';
import { PeerConnectionDelivery } from './peer-connection-delivery';
import type { SenderSettings } from './presets';
import { PublisherLink } from './publisher-link';
import { RelayChannel } from './relay-channel';
import { RestartBudget } from './restart-budget';
import { newLinkId } from './viewer-link';

export type DeliveryMode = 'relay' | 'direct';
type Tracks = { video: MediaStreamTrack | null; audio: MediaStreamTrack | null };

const STATS_TIMEOUT_MS = 2_000;
/** A link to the relay lost more often than this in a minute is not worth making again: go direct. */
const PUBLISHER_RESTARTS_PER_MINUTE = 3;

export class RelayDelivery implements MediaDelivery {
  private readonly channel: RelayChannel;
  private ready = false;
  private publisher: PublisherLink | null = null;
  /** viewer id -> the relay's key for its connection (also the `link` id viewers see). */
  private readonly peers = new Map<string, string>();
  /**
   * Relay key -> the viewer's answer as received (signed when it holds the link key): the relay's report of its
   * certificate is pinned to it.
   */
  private readonly answers = new Map<string, string>();
  /** Viewers kept for a possible return, sent nothing meanwhile. */
  private readonly suspended = new Set<string>();
  private fallback: PeerConnectionDelivery | null = null;
  private tracks: Tracks = { video: null, audio: null };
  /** What the publisher link has been given. */
  private sending: Tracks = { video: null, audio: null };
  private settings: SenderSettings | null = null;
  private paused = false;
  private nextRequest = 1;
  private readonly restartBudget = new RestartBudget(PUBLISHER_RESTARTS_PER_MINUTE, 60_000);
  /** Lost publisher links made again this session. */
  private restarts = 0;
  private uplinkStats: RelayLinkStats | null = null;
  private readonly statsWaiting = new Map<
    number,
    (stats: Extract<RelayServerMessage, { type: 'stats' }> | null) => void
  >();

  constructor(
    private readonly send: (viewerId: string, data: SignalData) => void,
    relayUrl: string,
    hostKey: string,
    private readonly iceServers: RTCIceServer[],
    private readonly onMode: (mode: DeliveryMode) => void,
  ) {
    this.channel = new RelayChannel(relayUrl, hostKey, {
      onReady: () => this.relayReady(),
      onMessage: (message) => this.fromRelay(message),
      onGone: () => this.fallBack(),
    });
  }

  addViewer(viewerId: string): void {
    if (this.fallback) return this.fallback.addViewer(viewerId);
    this.removeViewer(viewerId);
    const peer = newLinkId();
    this.peers.set(viewerId, peer);
    if (this.ready) this.channel.send({ type: 'viewer-open', peer });
    if (this.paused) this.send(viewerId, { control: { paused: true } });
    this.updateSending();
  }

  suspend(viewerId: string): void {
    if (this.fallback) return this.fallback.suspend(viewerId);
    const peer = this.peers.get(viewerId);
    if (!peer) return;
    this.suspended.add(viewerId);
    this.channel.send({ type: 'viewer-active', peer, active: false });
    this.updateSending();
  }

  rebind(formerId: string, viewerId: string): boolean {
    if (this.fallback) return this.fallback.rebind(formerId, viewerId);
    const peer = this.peers.get(formerId);
    if (!peer) return false;
    this.peers.delete(formerId);
    this.suspended.delete(formerId);
    this.removeViewer(viewerId);
    this.peers.set(viewerId, peer);
    this.channel.send({ type: 'viewer-active', peer, active: true });
    this.updateSending();
    return true;
  }

  removeViewer(viewerId: string): void {
    if (this.fallback) return this.fallback.removeViewer(viewerId);
    const peer = this.peers.get(viewerId);
    if (!peer) return;
    this.peers.delete(viewerId);
    this.suspended.delete(viewerId);
    this.answers.delete(peer);
    this.channel.send({ type: 'viewer-close', peer });
    this.updateSending();
  }

  async handleSignal(viewerId: string, data: SignalData): Promise<void> {
    if (this.fallback) return this.fallback.handleSignal(viewerId, data);
    const peer = this.peers.get(viewerId);
    if (!peer || (data.link !== undefined && data.link !== peer)) return; // meant for a connection we replaced
    const sdp = data.sdp as RTCSessionDescriptionInit | undefined;
    if (sdp && sdp.type === 'answer' && typeof sdp.sdp === 'string') {
      // The relay applies only the first answer per connection (later ones find it stable): pin that one.
      if (!this.answers.has(peer)) this.answers.set(peer, sdp.sdp);
      return this.channel.send({ type: 'viewer-answer', peer, sdp: sdp.sdp });
    }
    const candidate = data.candidate as RelayCandidate | undefined;
    if (candidate && typeof candidate === 'object' && typeof candidate.candidate === 'string') {
      this.channel.send({
        type: 'viewer-candidate',
        peer,
        candidate: {
          candidate: candidate.candidate,
          sdpMid: candidate.sdpMid ?? null,
          sdpMLineIndex: candidate.sdpMLineIndex ?? null,
        },
      });
    }
  }

  async setSource(stream: MediaStream): Promise<void> {
    this.tracks = { video: stream.getVideoTracks()[0] ?? null, audio: stream.getAudioTracks()[0] ?? null };
    if (this.fallback) return this.fallback.setSource(stream);
    if (!this.publisher) return this.publish();
    this.sending = this.sentTracks();
    await this.publisher.setTracks(this.sending);
  }

  async applySettings(settings: SenderSettings): Promise<void> {
    this.settings = settings;
    if (this.tracks.video) this.tracks.video.contentHint = settings.contentHint;
    if (this.fallback) return this.fallback.applySettings(settings);
    await this.publisher?.applySettings(settings);
  }

  async setPaused(paused: boolean): Promise<void> {
    this.paused = paused;
    if (this.fallback) return this.fallback.setPaused(paused);
    this.updateSending();
    for (const viewerId of this.peers.keys()) this.send(viewerId, { control: { paused } });
  }

  async collectStats(): Promise<Map<string, ViewerLinkReport>> {
    if (this.fallback) return this.fallback.collectStats();
    if (!this.ready) return new Map();
    const request = this.nextRequest++;
    const answer = await new Promise<Extract<RelayServerMessage, { type: 'stats' }> | null>((resolve) => {
      const timeout = setTimeout(() => this.settleStats(request, null), STATS_TIMEOUT_MS);
      this.statsWaiting.set(request, (answer) => {
        clearTimeout(timeout);
        resolve(answer);
      });
      this.channel.send({ type: 'stats', request });
    });
    const reports = new Map<string, ViewerLinkReport>();
    this.uplinkStats = answer?.publisher ?? null;
    if (!answer) return reports;
    for (const [viewerId, peer] of this.peers) {
      const stats = answer.viewers[peer];
      if (!stats) continue;
      const dtls = checkFingerprints(stats.localCertificate, stats.remoteCertificate, this.answers.get(peer) ?? null);
      reports.set(viewerId, { connected: stats.connected, stats: toStreamStats(stats, this.tracks.video), dtls });
    }
    return reports;
  }

  uplink(): UplinkReport | null {
    if (this.fallback || !this.publisher) return null;
    const stats = this.uplinkStats;
    return {
      state: this.publisher.state,
      bitrateBps: stats?.bitrateBps ?? null,
      fps: stats?.fps ?? null,
      targetBps: stats?.targetBps ?? null,
      restarts: this.restarts,
    };
  }

  close(): void {
    this.channel.close();
    this.publisher?.close();
    this.publisher = null;
    this.fallback?.close();
    this.peers.clear();
    this.answers.clear();
    this.suspended.clear();
    for (const request of [...this.statsWaiting.keys()]) this.settleStats(request, null);
  }

  private relayReady(): void {
    this.ready = true;
    this.onMode('relay');
    for (const peer of this.peers.values()) this.channel.send({ type: 'viewer-open', peer });
    if (this.tracks.video) this.publish();
  }

  private publish(): void {
    if (!this.ready || this.fallback) return;
    this.publisher?.close();
    this.sending = this.sentTracks();
    const link = new PublisherLink(
      this.sending,
      this.settings,
      {
        publish: (sdp) => this.channel.send({ type: 'publish', sdp, iceServers: this.iceServers }),
        candidate: (candidate) => this.channel.send({ type: 'publisher-candidate', candidate }),
      },
      () => this.publisherLost(link),
    );
    this.publisher = link;
    this.uplinkStats = null;
    void link.offer().catch(() => this.fallBack());
  }

  /** The relay replaces its publisher on a new offer and keeps every viewer, so a lost link is simply made again. */
  private publisherLost(link: PublisherLink): void {
    if (link !== this.publisher) return;
    if (!this.restartBudget.take(performance.now())) return this.fallBack();
    this.restarts += 1;
    this.publish();
  }

  private fromRelay(message: RelayServerMessage): void {
    switch (message.type) {
      case 'published':
        void this.publisher?.accept(message.sdp).catch(() => this.fallBack());
        return;
      case 'viewer-offer': {
        const viewerId = [...this.peers].find(([, peer]) => peer === message.peer)?.[0];
        if (viewerId !== undefined)
          this.send(viewerId, { sdp: { type: 'offer', sdp: message.sdp }, link: message.peer });
        return;
      }
      case 'stats':
        return this.settleStats(message.request, message);
      case 'error':
      case 'ready':
        return;
    }
  }

  private settleStats(request: number, answer: Extract<RelayServerMessage, { type: 'stats' }> | null): void {
    this.statsWaiting.get(request)?.(answer);
    this.statsWaiting.delete(request);
  }

  /** The relay is gone or unusable: every viewer gets its own connection from this page instead. */
  private fallBack(): void {
    if (this.fallback) return;
    this.ready = false;
    this.channel.close();
    this.publisher?.close();
    this.publisher = null;
    const direct = new PeerConnectionDelivery(this.send, this.iceServers);
    this.fallback = direct;
    this.onMode('direct');
    const viewers = [...this.peers.keys()];
    this.peers.clear();
    this.answers.clear();
    this.suspended.clear();
    void (async () => {
      if (this.settings) await direct.applySettings(this.settings);
      if (this.paused) await direct.setPaused(true);
      if (this.tracks.video || this.tracks.audio)
        await direct.setSource(
          new MediaStream([this.tracks.video, this.tracks.audio].filter((t): t is MediaStreamTrack => t !== null)),
        );
      for (const viewerId of viewers) direct.addViewer(viewerId);
    })();
  }

  /**
   * Nothing is encoded while paused or while no admitted viewer watches; the first one back restarts it (a new encode
   * starts at a keyframe).
   */
  private sentTracks(): Tracks {
    const watched = this.peers.size > this.suspended.size;
    return this.paused || !watched ? { video: null, audio: null } : this.tracks;
  }

  private updateSending(): void {
    const tracks = this.sentTracks();
    if (!this.publisher || (tracks.video === this.sending.video && tracks.audio === this.sending.audio)) return;
    this.sending = tracks;
    void this.publisher.setTracks(tracks).catch(() => undefined);
  }
}

function toStreamStats(stats: RelayLinkStats, video: MediaStreamTrack | null) {
  const settings = video?.getSettings();
  return {
    bitrateBps: stats.bitrateBps,
    fps: stats.fps,
    width: settings?.width ?? null,
    height: settings?.height ?? null,
    rttMs: stats.rttMs,
    packetLossPct: stats.packetLossPct,
    jitterMs: null,
    codec: 'VP8',
    connectionType: null,
    framesDecoded: null,
    estimateBps: stats.estimateBps,
  };
}

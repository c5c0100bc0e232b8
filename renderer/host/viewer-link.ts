// One RTCPeerConnection from the host to one viewer: the host offers, ICE trickles,
// the viewer answers. Send-only transceivers for video and (possibly silent) audio,
// so switching source or toggling audio never needs a new negotiation.
import { iceCandidateJson } from '../connection/ice-candidate';
import { checkDtls } from '../security/dtls-check';
import { normaliseStats, type StatsSample } from '../stats/normalise-stats';
import { orderVideoCodecs } from './codec-preferences';
import type { SignalData, ViewerLinkReport } from './media-delivery';
import type { SenderSettings } from './presets';
import { applySenderSettings } from './sender-settings';
import { START_BITRATE_BPS, withStartBitrate } from './start-bitrate';
import { randomHex } from '../security/base64url';
import type { SignalPayload } from '../../signaling/protocol';

/** Random id of one peer connection, so a viewer can tell a new connection's offer from a renegotiation. */
export function newLinkId(): string {
  return randomHex(8);
}

export class ViewerLink {
  readonly linkId = newLinkId();
  private readonly pc: RTCPeerConnection;
  private readonly video: RTCRtpTransceiver;
  private readonly audio: RTCRtpTransceiver;
  private statsSample: StatsSample | undefined;
  private closed = false;
  /**
   * What the sender has been given: set before negotiation where the browser allows it, so connecting does not
   * reconfigure the encoder.
   */
  private applied: SenderSettings | null = null;
  private settingsQueue: Promise<void> = Promise.resolve();
  /** The viewer's answer as received (signed when the viewer holds the link key): its fingerprint is pinned. */
  private remoteSdp: string | null = null;

  private readonly send: (data: SignalData) => void;

  constructor(
    send: (data: SignalData) => void,
    tracks: { video: MediaStreamTrack | null; audio: MediaStreamTrack | null },
    private settings: SenderSettings | null,
    iceServers: RTCIceServer[] = [],
  ) {
    this.send = (data) => send({ ...data, link: this.linkId });
    this.pc = new RTCPeerConnection({ iceServers, bundlePolicy: 'max-bundle' });
    const stream = new MediaStream();
    this.video = this.pc.addTransceiver(tracks.video ?? 'video', { direction: 'sendonly', streams: [stream] });
    this.audio = this.pc.addTransceiver(tracks.audio ?? 'audio', { direction: 'sendonly', streams: [stream] });
    this.preferCodecs();
    this.pc.onicecandidate = (event) => {
      if (event.candidate) this.send({ candidate: iceCandidateJson(event.candidate) });
    };
    this.pc.onnegotiationneeded = () => void this.offer();
    void this.applySettings(settings);
    // The host has the media, so the host restarts ICE when a path fails.
    this.pc.oniceconnectionstatechange = () => {
      if (this.pc.iceConnectionState === 'failed') this.pc.restartIce();
    };
  }

  get connected(): boolean {
    return this.pc.connectionState === 'connected';
  }

  async handleSignal(data: SignalPayload): Promise<void> {
    if (!('sdp' in data || 'candidate' in data)) return;
    if (data.link !== undefined && data.link !== this.linkId) return; // meant for a connection we replaced
    if ('sdp' in data && data.sdp.type === 'answer') {
      const { sdp } = data;
      if (this.pc.signalingState !== 'have-local-offer') return; // a late answer to an offer we replaced
      const startBps = Math.min(START_BITRATE_BPS, this.settings?.maxBitrate ?? START_BITRATE_BPS);
      await this.pc.setRemoteDescription({ type: 'answer', sdp: withStartBitrate(sdp.sdp, startBps) });
      this.remoteSdp = sdp.sdp;
      await this.applySettings(this.settings); // nothing to do when set before negotiation
      return;
    }
    if ('candidate' in data) {
      // A candidate for an old ICE generation or a malformed one is no reason to drop the viewer.
      await this.pc.addIceCandidate(data.candidate).catch(() => undefined);
    }
  }

  async setTracks(tracks: { video: MediaStreamTrack | null; audio: MediaStreamTrack | null }): Promise<void> {
    await Promise.all([this.video.sender.replaceTrack(tracks.video), this.audio.sender.replaceTrack(tracks.audio)]);
  }

  /** In call order, one at a time: a second setParameters while one is pending is refused by the browser. */
  applySettings(settings: SenderSettings | null): Promise<void> {
    this.settings = settings;
    this.settingsQueue = this.settingsQueue.then(() => this.setSenderParameters(settings));
    return this.settingsQueue;
  }

  private async setSenderParameters(settings: SenderSettings | null): Promise<void> {
    if (!settings || this.closed || settings === this.applied) return;
    // Not taken (no encodings before negotiation in some browsers, or a closing sender): the call after the answer
    // applies what is current.
    if (await applySenderSettings(this.video.sender, settings)) this.applied = settings;
  }

  async report(): Promise<ViewerLinkReport> {
    const report = await this.pc.getStats();
    const { stats, sample } = normaliseStats(report, 'send', this.statsSample);
    this.statsSample = sample ?? this.statsSample;
    // Chromium checks the viewer's certificate against the answer itself and fails the handshake on a
    // mismatch (as the viewer's does on ours), so the transport never connects for checkDtls to see it.
    const handshakeFailed = this.remoteSdp !== null && this.video.sender.transport?.state === 'failed';
    return {
      connected: this.connected,
      stats,
      dtls: handshakeFailed ? { kind: 'mismatch' } : checkDtls(report, this.remoteSdp),
    };
  }

  close(): void {
    this.closed = true;
    this.pc.onicecandidate = null;
    this.pc.onnegotiationneeded = null;
    this.pc.oniceconnectionstatechange = null;
    this.pc.close();
  }

  private async offer(): Promise<void> {
    if (this.closed) return;
    const offer = await this.pc.createOffer();
    if (this.closed || this.pc.signalingState !== 'stable') return;
    await this.pc.setLocalDescription(offer);
    this.send({ sdp: { type: offer.type, sdp: offer.sdp } });
  }

  private preferCodecs(): void {
    const capabilities =
      typeof RTCRtpSender.getCapabilities === 'function' ? RTCRtpSender.getCapabilities('video') : null;
    if (!capabilities || typeof this.video.setCodecPreferences !== 'function') return;
    try {
      this.video.setCodecPreferences(orderVideoCodecs(capabilities.codecs));
    } catch {
      // Some browsers refuse reordering; their default order still works.
      return;
    }
  }
}

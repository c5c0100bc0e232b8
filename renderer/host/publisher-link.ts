// The host page's one connection to the media relay: the capture is encoded once
// here and the relay forwards it to every viewer. VP8 first: the relay finds VP8
// keyframes, so a new viewer starts at one. It says when it is lost (failed, closed,
// or disconnected for longer than a network blip), so the delivery can make a new one.
import type { RelayCandidate } from '../../signaling/protocol';
import type { SenderSettings } from './presets';
import { applySenderSettings } from './sender-settings';
import { iceCandidateJson } from '../connection/ice-candidate';
import { START_BITRATE_BPS, withStartBitrate } from './start-bitrate';

type Tracks = { video: MediaStreamTrack | null; audio: MediaStreamTrack | null };

/** ICE reports `disconnected` for short outages it recovers from by itself; longer than this, start again. */
export const DISCONNECTED_GRACE_MS = 3_000;
/** From the relay's answer to a connection; loopback needs well under a second. */
export const CONNECT_TIMEOUT_MS = 10_000;

export type PublisherLinkState = 'connecting' | 'connected' | 'lost';

export class PublisherLink {
  private readonly pc = new RTCPeerConnection({ bundlePolicy: 'max-bundle' });
  private readonly video: RTCRtpTransceiver;
  private readonly audio: RTCRtpTransceiver;
  private closed = false;
  private lost = false;
  private lossTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    tracks: Tracks,
    private settings: SenderSettings | null,
    private readonly relay: { publish(sdp: string): void; candidate(candidate: RelayCandidate): void },
    /** Called once, when the link is lost for good (never after close()). */
    private readonly onLost: () => void = () => undefined,
  ) {
    this.video = this.pc.addTransceiver(tracks.video ?? 'video', { direction: 'sendonly' });
    this.audio = this.pc.addTransceiver(tracks.audio ?? 'audio', { direction: 'sendonly' });
    this.preferVp8();
    this.pc.onicecandidate = (event) => {
      if (event.candidate) relay.candidate(iceCandidateJson(event.candidate));
    };
    this.pc.onconnectionstatechange = () => this.watchConnection();
  }

  get state(): PublisherLinkState {
    if (this.lost) return 'lost';
    return this.pc.connectionState === 'connected' ? 'connected' : 'connecting';
  }

  async offer(): Promise<void> {
    const offer = await this.pc.createOffer();
    if (this.closed) return;
    await this.pc.setLocalDescription(offer);
    this.relay.publish(offer.sdp ?? '');
  }

  async accept(answerSdp: string): Promise<void> {
    if (this.closed || this.pc.signalingState !== 'have-local-offer') return;
    // Loopback to the relay: start at the preset's cap rather than libwebrtc's 300 kbit/s. The relay sends
    // REMB but no transport-wide feedback, so without this the rate climbs slowly (and the first keyframes are soft).
    const startBps = this.settings?.maxBitrate ?? START_BITRATE_BPS;
    await this.pc.setRemoteDescription({ type: 'answer', sdp: withStartBitrate(answerSdp, startBps) });
    this.watchConnection();
    await this.applySettings(this.settings);
  }

  async setTracks(tracks: Tracks): Promise<void> {
    await Promise.all([this.video.sender.replaceTrack(tracks.video), this.audio.sender.replaceTrack(tracks.audio)]);
  }

  async applySettings(settings: SenderSettings | null): Promise<void> {
    this.settings = settings;
    if (!settings || this.closed) return;
    await applySenderSettings(this.video.sender, settings);
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.lossTimer);
    this.pc.onicecandidate = null;
    this.pc.onconnectionstatechange = null;
    this.pc.close();
  }

  /** `failed` is final; `disconnected` and a first connection get a grace period before the link counts as lost. */
  private watchConnection(): void {
    if (this.closed || this.lost) return;
    const state = this.pc.connectionState;
    clearTimeout(this.lossTimer);
    this.lossTimer = undefined;
    if (state === 'failed' || state === 'closed') return this.declareLost();
    if (state === 'disconnected') this.lossTimer = setTimeout(() => this.declareLost(), DISCONNECTED_GRACE_MS);
    else if (state !== 'connected' && this.pc.remoteDescription)
      this.lossTimer = setTimeout(() => this.declareLost(), CONNECT_TIMEOUT_MS);
  }

  private declareLost(): void {
    if (this.closed || this.lost) return;
    this.lost = true;
    this.onLost();
  }

  private preferVp8(): void {
    const capabilities =
      typeof RTCRtpSender.getCapabilities === 'function' ? RTCRtpSender.getCapabilities('video') : null;
    if (!capabilities || typeof this.video.setCodecPreferences !== 'function') return;
    const vp8 = capabilities.codecs.filter((codec) => codec.mimeType.toLowerCase() === 'video/vp8');
    try {
      if (vp8.length > 0) this.video.setCodecPreferences(vp8);
    } catch {
      return; // the relay's answer picks VP8 anyway when it is offered
    }
  }
}

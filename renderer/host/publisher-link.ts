// The host page's one connection to the media relay: the capture is encoded once
// here and the relay forwards it to every viewer. VP8 first: the relay finds VP8
// keyframes, so a new viewer starts at one.
import type { RelayCandidate } from '../../signaling/protocol';
import type { SenderSettings } from './presets';
import { applySenderSettings } from './sender-settings';
import { START_BITRATE_BPS, withStartBitrate } from './start-bitrate';

type Tracks = { video: MediaStreamTrack | null; audio: MediaStreamTrack | null };

export class PublisherLink {
  private readonly pc = new RTCPeerConnection({ bundlePolicy: 'max-bundle' });
  private readonly video: RTCRtpTransceiver;
  private readonly audio: RTCRtpTransceiver;
  private closed = false;

  constructor(
    tracks: Tracks,
    private settings: SenderSettings | null,
    private readonly relay: { publish(sdp: string): void; candidate(candidate: RelayCandidate): void },
  ) {
    this.video = this.pc.addTransceiver(tracks.video ?? 'video', { direction: 'sendonly' });
    this.audio = this.pc.addTransceiver(tracks.audio ?? 'audio', { direction: 'sendonly' });
    this.preferVp8();
    this.pc.onicecandidate = (event) => {
      if (event.candidate) relay.candidate(event.candidate.toJSON() as RelayCandidate);
    };
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
    await this.applySettings(this.settings);
  }

  get failed(): boolean {
    return this.pc.connectionState === 'failed';
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
    this.pc.onicecandidate = null;
    this.pc.close();
  }

  private preferVp8(): void {
    const capabilities = typeof RTCRtpSender.getCapabilities === 'function' ? RTCRtpSender.getCapabilities('video') : null;
    if (!capabilities || typeof this.video.setCodecPreferences !== 'function') return;
    const vp8 = capabilities.codecs.filter((codec) => codec.mimeType.toLowerCase() === 'video/vp8');
    try {
      if (vp8.length > 0) this.video.setCodecPreferences(vp8);
    } catch {
      return; // the relay's answer picks VP8 anyway when it is offered
    }
  }
}

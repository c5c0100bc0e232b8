// The one send-only RTCPeerConnection under every host connection (to a viewer, or
// the uplink to the relay): video and (possibly silent) audio transceivers, so a new
// source or audio on/off never needs a new negotiation; the codec order; the sender
// settings, one setParameters at a time; the answer with a start bitrate; and the
// answer as received, kept so its DTLS fingerprint can be pinned.
import type { IceCandidateJson } from '../../signaling/protocol';
import { iceCandidateJson } from '../connection/ice-candidate';
import type { SenderSettings } from './presets';
import { applySenderSettings } from './sender-settings';
import { withStartBitrate } from './start-bitrate';

export type Tracks = { readonly video: MediaStreamTrack | null; readonly audio: MediaStreamTrack | null };
export const NO_TRACKS: Tracks = { video: null, audio: null };
export type VideoCodec = RTCRtpCodec;

export interface SendOnlyOptions {
  readonly tracks: Tracks;
  readonly settings: SenderSettings | null;
  readonly iceServers?: RTCIceServer[];
  /** The browser's video codecs in the order to offer them (an empty list keeps the browser's order). */
  readonly orderCodecs: (codecs: readonly VideoCodec[]) => VideoCodec[];
  /** Tracks go out in one MediaStream (a viewer shows them together); the relay needs none. */
  readonly withStream: boolean;
  readonly onCandidate: (candidate: IceCandidateJson) => void;
}

export class SendOnlyConnection {
  readonly pc: RTCPeerConnection;
  private readonly video: RTCRtpTransceiver;
  private readonly audio: RTCRtpTransceiver;
  private closed = false;
  private settings: SenderSettings | null;
  /**
   * What the sender has been given: set before negotiation where the browser allows it, so connecting does not
   * reconfigure the encoder.
   */
  private applied: SenderSettings | null = null;
  private settingsQueue: Promise<void> = Promise.resolve();
  /** The far end's answer as received (signed when it came from a viewer with the link key): pinned. */
  private answer: string | null = null;

  constructor(options: SendOnlyOptions) {
    this.settings = options.settings;
    this.pc = new RTCPeerConnection({ iceServers: options.iceServers ?? [], bundlePolicy: 'max-bundle' });
    const streams = options.withStream ? [new MediaStream()] : [];
    this.video = this.pc.addTransceiver(options.tracks.video ?? 'video', { direction: 'sendonly', streams });
    this.audio = this.pc.addTransceiver(options.tracks.audio ?? 'audio', { direction: 'sendonly', streams });
    this.preferCodecs(options.orderCodecs);
    this.pc.onicecandidate = (event) => {
      if (event.candidate) options.onCandidate(iceCandidateJson(event.candidate));
    };
    void this.applySettings(options.settings);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  get answerSdp(): string | null {
    return this.answer;
  }

  /** The video sender's DTLS transport: `failed` after an answer means the far end's certificate was refused. */
  get dtlsState(): RTCDtlsTransportState | null {
    return this.video.sender.transport?.state ?? null;
  }

  get maxBitrate(): number | undefined {
    return this.settings?.maxBitrate;
  }

  /** The offer's SDP once set locally; null when closed meanwhile or a negotiation is already under way. */
  async offer(): Promise<string | null> {
    if (this.closed) return null;
    const offer = await this.pc.createOffer();
    if (this.closed || this.pc.signalingState !== 'stable') return null;
    await this.pc.setLocalDescription(offer);
    return offer.sdp ?? '';
  }

  /** Applies the answer with a start bitrate; false when it answers nothing (closed, or an offer we replaced). */
  async acceptAnswer(sdp: string, startBps: number): Promise<boolean> {
    if (this.closed || this.pc.signalingState !== 'have-local-offer') return false;
    await this.pc.setRemoteDescription({ type: 'answer', sdp: withStartBitrate(sdp, startBps) });
    this.answer = sdp;
    await this.applySettings(this.settings); // nothing to do when set before negotiation
    return true;
  }

  async setTracks(tracks: Tracks): Promise<void> {
    await Promise.all([this.video.sender.replaceTrack(tracks.video), this.audio.sender.replaceTrack(tracks.audio)]);
  }

  /** In call order, one at a time: a second setParameters while one is pending is refused by the browser. */
  applySettings(settings: SenderSettings | null): Promise<void> {
    this.settings = settings;
    this.settingsQueue = this.settingsQueue.then(() => this.setSenderParameters(settings));
    return this.settingsQueue;
  }

  close(): void {
    this.closed = true;
    this.pc.onicecandidate = null;
    this.pc.onnegotiationneeded = null;
    this.pc.oniceconnectionstatechange = null;
    this.pc.onconnectionstatechange = null;
    this.pc.close();
  }

  private async setSenderParameters(settings: SenderSettings | null): Promise<void> {
    if (!settings || this.closed || settings === this.applied) return;
    // Not taken (no encodings before negotiation in some browsers, or a closing sender): the call after the answer
    // applies what is current.
    if (await applySenderSettings(this.video.sender, settings)) this.applied = settings;
  }

  private preferCodecs(order: (codecs: readonly VideoCodec[]) => VideoCodec[]): void {
    const capabilities =
      typeof RTCRtpSender.getCapabilities === 'function' ? RTCRtpSender.getCapabilities('video') : null;
    if (!capabilities || typeof this.video.setCodecPreferences !== 'function') return;
    const codecs = order(capabilities.codecs);
    try {
      if (codecs.length > 0) this.video.setCodecPreferences(codecs);
    } catch {
      // Some browsers refuse reordering; their default order still works (and the relay's answer picks VP8).
      return;
    }
  }
}

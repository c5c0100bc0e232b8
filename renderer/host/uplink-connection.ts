// The host page's uplink: its one connection to the media relay, where the capture
// is encoded once and the relay forwards it to every viewer. VP8 only: the relay
// finds VP8 keyframes, so a new viewer starts at one. It says when it is lost (failed,
// closed, or disconnected for longer than a network blip), so a new one can be made.
import type { IceCandidateJson } from '../../signaling/protocol';
import type { SenderSettings } from './presets';
import { SendOnlyConnection, type Tracks, type VideoCodec } from './send-only-connection';
import { START_BITRATE_BPS } from './start-bitrate';

/** ICE reports `disconnected` for short outages it recovers from by itself; longer than this, start again. */
export const DISCONNECTED_GRACE_MS = 3_000;
/** From the relay's answer to a connection; loopback needs well under a second. */
export const CONNECT_TIMEOUT_MS = 10_000;

export type UplinkState = 'connecting' | 'connected' | 'lost';

const onlyVp8 = (codecs: readonly VideoCodec[]) => codecs.filter((c) => c.mimeType.toLowerCase() === 'video/vp8');

export class UplinkConnection {
  private readonly connection: SendOnlyConnection;
  private lost = false;
  private lossTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    tracks: Tracks,
    settings: SenderSettings | null,
    private readonly relay: { publish(sdp: string): void; candidate(candidate: IceCandidateJson): void },
    /** Called once, when the uplink is lost for good (never after close()). */
    private readonly onLost: () => void = () => undefined,
  ) {
    this.connection = new SendOnlyConnection({
      tracks,
      settings,
      orderCodecs: onlyVp8,
      withStream: false,
      onCandidate: (candidate) => relay.candidate(candidate),
    });
    this.connection.pc.onconnectionstatechange = () => this.watchConnection();
  }

  get state(): UplinkState {
    if (this.lost) return 'lost';
    return this.connection.pc.connectionState === 'connected' ? 'connected' : 'connecting';
  }

  async offer(): Promise<void> {
    const sdp = await this.connection.offer();
    if (sdp !== null) this.relay.publish(sdp);
  }

  async accept(answerSdp: string): Promise<void> {
    // Loopback to the relay: start at the preset's cap rather than libwebrtc's 300 kbit/s. The relay sends
    // REMB but no transport-wide feedback, so without this the rate climbs slowly (and the first keyframes are soft).
    const startBps = this.connection.maxBitrate ?? START_BITRATE_BPS;
    if (await this.connection.acceptAnswer(answerSdp, startBps)) this.watchConnection();
  }

  setTracks(tracks: Tracks): Promise<void> {
    return this.connection.setTracks(tracks);
  }

  applySettings(settings: SenderSettings | null): Promise<void> {
    return this.connection.applySettings(settings);
  }

  close(): void {
    clearTimeout(this.lossTimer);
    this.connection.close();
  }

  /** `failed` is final; `disconnected` and a first connection get a grace period before the uplink counts as lost. */
  private watchConnection(): void {
    if (this.connection.isClosed || this.lost) return;
    const pc = this.connection.pc;
    const state = pc.connectionState;
    clearTimeout(this.lossTimer);
    this.lossTimer = undefined;
    if (state === 'failed' || state === 'closed') return this.declareLost();
    if (state === 'disconnected') this.lossTimer = setTimeout(() => this.declareLost(), DISCONNECTED_GRACE_MS);
    else if (state !== 'connected' && pc.remoteDescription)
      this.lossTimer = setTimeout(() => this.declareLost(), CONNECT_TIMEOUT_MS);
  }

  private declareLost(): void {
    if (this.connection.isClosed || this.lost) return;
    this.lost = true;
    this.onLost();
  }
}

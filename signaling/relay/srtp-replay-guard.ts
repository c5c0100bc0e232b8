// Drops replayed SRTP and SRTCP on one of the relay's connections, where werift
// unprotects them: its SrtpSession/SrtcpSession `decrypt` is wrapped, once the DTLS
// handshake has made them, with the replay windows of replay-window.ts. A replayed
// packet is refused as werift refuses a forged one (SrtpAuthenticationError: dropped).
import {
  ProtectionProfileAeadAes128Gcm,
  SrtpAuthenticationError,
  type RTCDtlsTransport,
  type RTCPeerConnection,
} from 'werift';
import { whenDtlsConnected } from './dtls-connected';
import { ReplayWindows } from './replay-window';

/** SRTCP's E flag and 31-bit index (RFC 3711 section 3.4): before the tag (HMAC-SHA1-80), or last (GCM, RFC 7714). */
const SRTCP_INDEX_BYTES = 4;
const HMAC_SHA1_80_TAG_BYTES = 10;

export interface ReplayStats {
  /** Authentic packets received again, dropped. */
  readonly replaysDropped: number;
}

export class SrtpReplayGuard {
  private readonly rtp = new ReplayWindows();
  private readonly rtcp = new ReplayWindows();
  private replays = 0;

  /** Guards every DTLS transport of `pc` once connected (call once its descriptions made them). */
  install(pc: RTCPeerConnection): void {
    whenDtlsConnected(pc, (transport) => this.guard(transport));
  }

  stats(): ReplayStats {
    return { replaysDropped: this.replays };
  }

  private guard(transport: RTCDtlsTransport): void {
    const { srtp, srtcp } = transport;
    if (!srtp || !srtcp) return;
    const decryptRtp = srtp.decrypt;
    srtp.decrypt = (packet) => {
      const ssrc = packet.readUInt32BE(8);
      return this.once(this.rtp, ssrc, this.rtp.srtpIndex(ssrc, packet.readUInt16BE(2)), () => decryptRtp(packet));
    };
    const decryptRtcp = srtcp.decrypt;
    const trailer =
      SRTCP_INDEX_BYTES + (srtcp.config.profile === ProtectionProfileAeadAes128Gcm ? 0 : HMAC_SHA1_80_TAG_BYTES);
    srtcp.decrypt = (packet) => {
      if (packet.length < 8 + trailer) return decryptRtcp(packet); // werift refuses it
      const index = packet.readUInt32BE(packet.length - trailer) & 0x7fffffff;
      return this.once(this.rtcp, packet.readUInt32BE(4), index, () => decryptRtcp(packet));
    };
  }

  private once(windows: ReplayWindows, ssrc: number, index: number, decrypt: () => Buffer): Buffer {
    if (!windows.isFresh(ssrc, index)) {
      this.replays += 1;
      throw new SrtpAuthenticationError(`replayed packet ${index} of SSRC ${ssrc}`);
    }
    const plain = decrypt(); // throws when it does not authenticate: the window stays as it was
    windows.accept(ssrc, index);
    return plain;
  }
}

// After the DTLS handshake, only records werift can authenticate reach it. werift 0.25
// acts on a DTLS alert without checking it: a plaintext record of content type alert
// (or of any unknown type) with a warning level closes the transport, so one 13-byte
// datagram would end a viewer's media. Once connected, the relay needs DTLS for
// nothing but a retransmitted Finished (epoch 1, which werift decrypts), so every
// epoch-0 record and every alert is dropped from then on. A viewer that really leaves
// is closed by the host page (viewer-close) or by ICE consent freshness (RFC 7675).
import type { RTCDtlsTransport, RTCPeerConnection } from 'werift';
import { whenDtlsConnected } from './dtls-connected';

const RECORD_HEADER_BYTES = 13;
const CONTENT_HANDSHAKE = 22;
const CONTENT_APPLICATION_DATA = 23;

export interface DtlsGuardStats {
  /** Records dropped after the handshake (alerts, epoch 0, unknown types). */
  readonly dtlsRecordsDropped: number;
}

export class DtlsRecordGuard {
  private dropped = 0;

  /** Guards every DTLS transport of `pc` once connected (call once its descriptions made them). */
  install(pc: RTCPeerConnection): void {
    whenDtlsConnected(pc, (transport) => this.guard(transport));
  }

  stats(): DtlsGuardStats {
    return { dtlsRecordsDropped: this.dropped };
  }

  private guard(transport: RTCDtlsTransport): void {
    const socket = transport.dtls?.transport.socket;
    if (!socket) return;
    const deliver = socket.onData;
    socket.onData = (data, addr) => {
      const kept = this.authenticable(data);
      if (kept) deliver(kept, addr);
    };
  }

  /** The datagram with only the records werift authenticates (null: none). */
  private authenticable(datagram: Buffer): Buffer | null {
    const kept: Buffer[] = [];
    let offset = 0;
    while (offset + RECORD_HEADER_BYTES <= datagram.length) {
      const end = offset + RECORD_HEADER_BYTES + datagram.readUInt16BE(offset + 11);
      const type = datagram[offset];
      const epoch = datagram.readUInt16BE(offset + 3);
      if (end <= datagram.length && epoch > 0 && (type === CONTENT_HANDSHAKE || type === CONTENT_APPLICATION_DATA))
        kept.push(datagram.subarray(offset, end));
      else this.dropped += 1;
      offset = end;
    }
    if (kept.length === 0) return null;
    return kept.length === 1 ? (kept[0] ?? null) : Buffer.concat(kept);
  }
}

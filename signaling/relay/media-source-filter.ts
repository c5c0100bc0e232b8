// Media and DTLS reach one of the relay's connections only from the far side's
// selected candidate pair. werift hands every non-STUN datagram arriving at one of its
// UDP sockets to DTLS and SRTP, whoever sent it; SRTP authenticates packets but a
// captured one replayed from another address still decrypts, and a DTLS alert needs
// no key at all (dtls-record-guard.ts). STUN still reaches werift from anywhere: that
// is how ICE finds and checks pairs (its responses carry MESSAGE-INTEGRITY).
import { CandidatePairState, StunProtocol, type Address, type IceConnection, type RTCPeerConnection } from 'werift';

/** RFC 7983's demultiplexing: a first byte of 0-3 is STUN. */
const STUN_FIRST_BYTE_MAX = 3;

export interface SourceFilterStats {
  /** Non-STUN datagrams from an address other than the selected pair's far end, dropped. */
  readonly foreignDatagrams: number;
}

export class MediaSourceFilter {
  private foreign = 0;

  /** Filters each UDP socket `pc` has gathered (call after gathering). */
  install(pc: RTCPeerConnection): void {
    for (const { connection } of pc.iceTransports)
      for (const protocol of protocolsOf(connection)) {
        const transport = protocol.transport;
        const deliver = transport.onData;
        transport.onData = (data, addr) => {
          if ((data[0] ?? 0) <= STUN_FIRST_BYTE_MAX || fromSelectedPair(connection, addr)) return deliver(data, addr);
          this.foreign += 1;
        };
      }
  }

  stats(): SourceFilterStats {
    return { foreignDatagrams: this.foreign };
  }
}

/**
 * From the nominated pair's far end; before ICE has nominated one, from the far end of a pair whose check succeeded
 * (werift only counts a check answered from the very address it was sent to, with the right password). On any of the
 * connection's sockets: the far side sends to the local end of the pair it selected, which need not be werift's.
 */
function fromSelectedPair(connection: IceConnection, [host, port]: Address): boolean {
  const nominated = connection.nominated;
  if (nominated) return sameAddress(nominated.remoteAddr, host, port);
  return connection.checkList.some(
    (pair) => pair.state === CandidatePairState.SUCCEEDED && sameAddress(pair.remoteAddr, host, port),
  );
}

function sameAddress([host, port]: Address, otherHost: string, otherPort: number): boolean {
  return host === otherHost && port === otherPort;
}

/** werift keeps a connection's sockets in a private field: read defensively, as socket-buffers.ts does. */
function protocolsOf(connection: IceConnection): StunProtocol[] {
  const protocols: unknown = Reflect.get(connection, 'protocols');
  return Array.isArray(protocols) ? protocols.filter((p): p is StunProtocol => p instanceof StunProtocol) : [];
}

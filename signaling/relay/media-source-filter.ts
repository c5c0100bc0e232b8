// Media and DTLS reach one of the relay's connections only from the far end of one of
// its candidate pairs. werift hands every non-STUN datagram arriving at one of its
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
          if ((data[0] ?? 0) <= STUN_FIRST_BYTE_MAX || fromCandidatePair(connection, addr)) return deliver(data, addr);
          this.foreign += 1;
        };
      }
  }

  stats(): SourceFilterStats {
    return { foreignDatagrams: this.foreign };
  }
}

/**
 * From the far end of a candidate pair still in play (not failed): the candidates the far side's signed description
 * named, and peer-reflexive ones its checks revealed. Not only the nominated or succeeded pairs: a far side that is
 * the DTLS client (it answered `a=setup:active`, as Chromium does by default) sends its ClientHello as soon as its
 * own checks pass, while werift's check of that pair may still be in progress, and requiring the nominated pair
 * dropped media in one run of four (e2e "a man in the middle with a link without its key"). On any of the
 * connection's sockets: the far side sends to the local end of the pair it selected, which need not be werift's.
 */
function fromCandidatePair(connection: IceConnection, [host, port]: Address): boolean {
  return connection.checkList.some(
    (pair) => pair.state !== CandidatePairState.FAILED && sameAddress(pair.remoteAddr, host, port),
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

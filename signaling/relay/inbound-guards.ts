// What keeps a stranger's datagrams from acting on one of the relay's connections (the
// publisher's or a viewer's): media and DTLS only from the selected pair's far end, no
// replayed SRTP/SRTCP, no unauthenticated DTLS records after the handshake.
import type { RTCPeerConnection } from 'werift';
import { DtlsRecordGuard, type DtlsGuardStats } from './dtls-record-guard';
import { MediaSourceFilter, type SourceFilterStats } from './media-source-filter';
import { SrtpReplayGuard, type ReplayStats } from './srtp-replay-guard';

export type InboundGuardStats = SourceFilterStats & ReplayStats & DtlsGuardStats;

export class InboundGuards {
  private readonly sources = new MediaSourceFilter();
  private readonly replays = new SrtpReplayGuard();
  private readonly records = new DtlsRecordGuard();

  /** Call once `pc` has both descriptions' transports and has gathered its sockets. */
  install(pc: RTCPeerConnection): void {
    this.sources.install(pc);
    this.replays.install(pc);
    this.records.install(pc);
  }

  stats(): InboundGuardStats {
    return { ...this.sources.stats(), ...this.replays.stats(), ...this.records.stats() };
  }
}

// Runs something on each of a connection's DTLS transports once its handshake is done:
// in the same tick werift set up SRTP, before any packet of the session is handled.
import type { RTCDtlsTransport, RTCPeerConnection } from 'werift';

/** Call once `pc`'s descriptions have made its transports; `act` runs at most once per transport. */
export function whenDtlsConnected(pc: RTCPeerConnection, act: (transport: RTCDtlsTransport) => void): void {
  for (const transport of pc.dtlsTransports) {
    let done = false;
    const once = () => {
      if (done || transport.state !== 'connected') return;
      done = true;
      act(transport);
    };
    once();
    transport.onStateChange.subscribe(once);
  }
}

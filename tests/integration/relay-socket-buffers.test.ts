// socket-buffers.ts against werift's real sockets: after gathering, every UDP socket of a
// connection gets the bigger kernel buffers (capped by the OS: Linux doubles what it
// grants and caps it at net.core.rmem_max, so only "bigger than before" is asserted).
import { RTCPeerConnection } from 'werift';
import { enlargeSocketBuffers } from '../../signaling/relay/socket-buffers';
import { gatheringComplete, relayPeerConfig } from '../../signaling/relay/werift-config';

type Sized = { getRecvBufferSize(): number; getSendBufferSize(): number };

function sockets(pc: RTCPeerConnection): Sized[] {
  // The same path socket-buffers.ts walks, read here to check its effect.
  const transports = (
    pc as unknown as { iceTransports: { connection: { protocols: { transport?: { socket?: Sized } }[] } }[] }
  ).iceTransports;
  return transports.flatMap((t) =>
    t.connection.protocols.map((p) => p.transport?.socket).filter((s): s is Sized => s !== undefined),
  );
}

it('enlarges the receive and send buffers of every UDP socket of a gathered connection', async () => {
  const pc = new RTCPeerConnection(relayPeerConfig());
  try {
    pc.addTransceiver('video', { direction: 'sendonly' });
    await pc.setLocalDescription(await pc.createOffer());
    await gatheringComplete(pc);
    const found = sockets(pc);
    expect(found.length).toBeGreaterThan(0);
    const before = found.map((s) => s.getRecvBufferSize());
    expect(enlargeSocketBuffers(pc, 1024 * 1024)).toBe(found.length);
    found.forEach((socket, i) => expect(socket.getRecvBufferSize()).toBeGreaterThan(before[i]!));
  } finally {
    await pc.close();
  }
});

it('does nothing (and does not throw) for something that is not a werift connection', () => {
  expect(enlargeSocketBuffers({})).toBe(0);
  expect(enlargeSocketBuffers(null)).toBe(0);
  expect(
    enlargeSocketBuffers({ iceTransports: [{ connection: { protocols: [{ transport: { socket: {} } }] } }] }),
  ).toBe(0);
});

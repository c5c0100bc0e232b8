// Bigger kernel buffers on a werift connection's UDP sockets. A 1080p keyframe is
// 100+ packets arriving within milliseconds; with Linux's default ~208 KB receive
// buffer (about 90 such datagrams) a relay thread that is not scheduled for a moment
// loses part of it, every viewer then misses the same packets, and their pictures
// stall until the next keyframe. werift does not expose its sockets, so this walks
// its (untyped) internals defensively: where the shape differs, nothing happens.
// The kernel caps the size at net.core.rmem_max / wmem_max.

const RELAY_SOCKET_BUFFER_BYTES = 4 * 1024 * 1024;

interface SizableSocket {
  setRecvBufferSize(size: number): void;
  setSendBufferSize(size: number): void;
}

/** How many sockets were enlarged. */
export function enlargeSocketBuffers(pc: unknown, bytes = RELAY_SOCKET_BUFFER_BYTES): number {
  let enlarged = 0;
  for (const socket of udpSockets(pc)) {
    try {
      socket.setRecvBufferSize(bytes);
      socket.setSendBufferSize(bytes);
      enlarged += 1;
    } catch {
      // not bound yet, or closed: the default buffers still work
    }
  }
  return enlarged;
}

function udpSockets(pc: unknown): SizableSocket[] {
  const transports = field(pc, 'iceTransports');
  if (!Array.isArray(transports)) return [];
  const sockets: SizableSocket[] = [];
  for (const transport of transports) {
    const protocols = field(field(transport, 'connection'), 'protocols');
    if (!Array.isArray(protocols)) continue;
    for (const protocol of protocols) {
      const socket = field(field(protocol, 'transport'), 'socket');
      if (isSizable(socket)) sockets.push(socket);
    }
  }
  return sockets;
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}

function isSizable(value: unknown): value is SizableSocket {
  return (
    typeof field(value, 'setRecvBufferSize') === 'function' && typeof field(value, 'setSendBufferSize') === 'function'
  );
}

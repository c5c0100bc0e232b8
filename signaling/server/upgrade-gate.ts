// Which WebSocket upgrades get through, and to where: `/signal` to the signaling
// server, `/relay` to the media relay's control socket, anything else 404.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { RELAY_PATH, SIGNAL_PATH } from '../protocol';
import { normalizeAddress } from '../network/addresses';
import type { RelayRoute } from './options';
import { isHostHeaderAllowed, isOriginAllowed } from './origin-policy';
import { secretsEqual } from './secrets';
import type { SocketQuotas } from './socket-quotas';

export interface UpgradeTargets {
  readonly hostNames: readonly string[];
  readonly quotas: SocketQuotas;
  relay(): RelayRoute | null;
  hostKey(): string;
  /** Completes a `/signal` upgrade that passed the gate. */
  signal(req: IncomingMessage, socket: Duplex, head: Buffer, address: string): void;
}

/**
 * Every route passes the same checks in the same order (Host header, Origin, socket caps), so a route added later
 * cannot skip one by accident.
 */
export function createUpgradeGate(targets: UpgradeTargets) {
  return (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on('error', () => socket.destroy());
    const path = (req.url ?? '').split('?')[0];
    const relay = path === RELAY_PATH ? targets.relay() : null;
    if (path !== SIGNAL_PATH && !relay) return rejectUpgrade(socket, 404, 'Not Found');
    if (
      !isHostHeaderAllowed(req.headers.host, targets.hostNames) ||
      !isOriginAllowed(req.headers.origin, req.headers.host)
    ) {
      return rejectUpgrade(socket, 403, 'Forbidden');
    }
    const address = normalizeAddress(req.socket.remoteAddress);
    // A /relay socket counts toward the caps but not as pending: the relay endpoint, not this server, sees its hello
    // (and takes it only from loopback).
    if (!targets.quotas.hasRoomFor(address, relay !== null)) return rejectUpgrade(socket, 503, 'Service Unavailable');
    if (!relay) return targets.signal(req, socket, head, address);
    // The relay endpoint owns its sockets: the slot is held from here until the TCP socket closes.
    targets.quotas.take(address, true);
    socket.once('close', () => targets.quotas.release(address, false));
    relay.upgrade(req, socket, head, (key) => secretsEqual(key, targets.hostKey()));
  };
}

function rejectUpgrade(socket: Duplex, status: number, reason: string): void {
  const body = `${reason}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
  );
}

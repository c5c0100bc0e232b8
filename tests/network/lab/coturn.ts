// coturn (Debian's turnserver) as the lab's STUN/TURN server "on the internet": UDP and
// TCP on 3478, long-term credentials, and the lab ranges allowed as peers (coturn
// refuses to relay to documentation and shared-address ranges by default).
import type { Lab } from './lab-fixture';
import { startInNamespace } from './processes';

export const TURN_USER = { username: 'lab', credential: 'lab-secret' } as const;
const LAB_PEERS = ['198.51.100.0-198.51.100.255', '203.0.113.0-203.0.113.255', '100.64.0.0-100.127.255.255'];

export interface TurnServer {
  readonly address: string;
  readonly port: number;
  /** Lines for the app's "STUN/TURN servers" field. */
  readonly turnUdp: string;
  readonly turnTcp: string;
  readonly stun: string;
}

export async function startCoturn(lab: Lab, namespace: string, address: string): Promise<TurnServer> {
  const port = 3478;
  const args = [
    '-n', // no configuration file
    `--listening-ip=${address}`,
    `--relay-ip=${address}`,
    `--listening-port=${port}`,
    '--min-port=49152',
    '--max-port=49352',
    '--lt-cred-mech',
    `--user=${TURN_USER.username}:${TURN_USER.credential}`,
    '--realm=lab',
    ...LAB_PEERS.map((range) => `--allowed-peer-ip=${range}`),
    '--no-tls',
    '--no-dtls',
    '--no-cli',
    '--no-rfc5780',
    '--no-stun-backward-compatibility',
    '--log-file=stdout',
    '--simple-log',
    '--verbose',
    `--pidfile=/run/${namespace}-turnserver.pid`,
  ];
  const server = lab.own(startInNamespace(namespace, 'coturn', 'turnserver', args));
  await server.waitFor(/Total (UDP|General) servers|IPv4. (UDP|TCP) listener opened on/);
  const credentials = `${TURN_USER.username} ${TURN_USER.credential}`;
  return {
    address,
    port,
    turnUdp: `turn:${address}:${port}?transport=udp ${credentials}`,
    turnTcp: `turn:${address}:${port}?transport=tcp ${credentials}`,
    stun: `stun:${address}:${port}`,
  };
}

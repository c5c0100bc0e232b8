// coturn (Debian's turnserver) as the lab's STUN/TURN server "on the internet": UDP and
// TCP on 3478, TLS on 5349 (a self-signed certificate for its address, which the host
// trusts through NODE_EXTRA_CA_CERTS), long-term credentials, and the lab ranges allowed
// as peers (coturn refuses to relay to documentation and shared-address ranges by default).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './commands';
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
  readonly turnTls: string;
  readonly stun: string;
  /** The certificate of its TLS listener (PEM), for NODE_EXTRA_CA_CERTS. */
  readonly certificate: string;
}

/** A self-signed certificate for the address, in a directory the lab removes afterwards (coturn's pid file too). */
function certificateFor(lab: Lab, address: string): { cert: string; key: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'wdhlab-turn-'));
  lab.removeAfterwards(dir);
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-days',
    '1',
    '-subj',
    `/CN=${address}`,
    '-addext',
    `subjectAltName=IP:${address}`,
    '-keyout',
    key,
    '-out',
    cert,
  ]);
  return { cert, key, dir };
}

export async function startCoturn(lab: Lab, namespace: string, address: string): Promise<TurnServer> {
  const port = 3478;
  const tlsPort = 5349;
  const { cert, key, dir } = certificateFor(lab, address);
  const pidFile = join(dir, 'turnserver.pid');
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
    `--tls-listening-port=${tlsPort}`,
    `--cert=${cert}`,
    `--pkey=${key}`,
    '--no-dtls',
    '--no-cli',
    '--no-rfc5780',
    '--no-stun-backward-compatibility',
    '--log-file=stdout',
    '--simple-log',
    '--verbose',
    `--pidfile=${pidFile}`,
  ];
  const server = lab.own(startInNamespace(namespace, 'coturn', 'turnserver', args));
  await server.waitFor(/Total (UDP|General) servers|IPv4. (UDP|TCP) listener opened on/);
  const credentials = `${TURN_USER.username} ${TURN_USER.credential}`;
  return {
    address,
    port,
    turnUdp: `turn:${address}:${port}?transport=udp ${credentials}`,
    turnTcp: `turn:${address}:${port}?transport=tcp ${credentials}`,
    turnTls: `turns:${address}:${tlsPort} ${credentials}`,
    stun: `stun:${address}:${port}`,
    certificate: cert,
  };
}

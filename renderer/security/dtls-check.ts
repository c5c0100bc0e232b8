// Fingerprint pinning and the safety code. After connecting, the certificate the
// remote side really used (getStats: transport -> remoteCertificateId) must be one the
// signed SDP announced (a=fingerprint); otherwise the connection is torn down. The
// safety code is made from both sides' certificates, in either order, so host and
// viewer see the same code unless someone sits between them.
import { sha256 } from '@noble/hashes/sha2.js';

export type DtlsCheck =
  /** Not connected yet, or no certificate reported yet. */
  | { readonly kind: 'pending' }
  | { readonly kind: 'pinned'; readonly safetyCode: string }
  | { readonly kind: 'mismatch' };

/** "sha-256 AB:CD:…" per `a=fingerprint` line (session or media level), normalised. */
export function sdpFingerprints(sdp: string): string[] {
  const found: string[] = [];
  for (const line of sdp.split(/\r?\n/)) {
    const match = /^a=fingerprint:(\S+) ([0-9A-Fa-f:]+)\s*$/.exec(line);
    if (match) found.push(normalise(match[1]!, match[2]!));
  }
  return found;
}

function normalise(algorithm: string, fingerprint: string): string {
  return `${algorithm.toLowerCase()} ${fingerprint.toUpperCase()}`;
}

interface CertificateStats {
  readonly fingerprint?: string;
  readonly fingerprintAlgorithm?: string;
}

/** Both certificates of the connected DTLS transport, normalised; null while there is none. */
export function transportCertificates(report: RTCStatsReport): { local: string; remote: string } | null {
  for (const stat of report.values() as IterableIterator<Record<string, unknown>>) {
    if (stat.type !== 'transport' || stat.dtlsState !== 'connected') continue;
    const local = report.get(String(stat.localCertificateId)) as CertificateStats | undefined;
    const remote = report.get(String(stat.remoteCertificateId)) as CertificateStats | undefined;
    if (!local?.fingerprint || !remote?.fingerprint) return null;
    return {
      local: normalise(local.fingerprintAlgorithm ?? '', local.fingerprint),
      remote: normalise(remote.fingerprintAlgorithm ?? '', remote.fingerprint),
    };
  }
  return null;
}

/** Compares the connected transport with the signed remote SDP. */
export function checkDtls(report: RTCStatsReport, signedRemoteSdp: string | null): DtlsCheck {
  const certificates = transportCertificates(report);
  if (!certificates || signedRemoteSdp === null) return { kind: 'pending' };
  if (!sdpFingerprints(signedRemoteSdp).includes(certificates.remote)) return { kind: 'mismatch' };
  return { kind: 'pinned', safetyCode: safetyCode(certificates.local, certificates.remote) };
}

/**
 * Twelve digits in three groups ("0421 7730 1189", about 40 bits): short enough to read
 * out, long enough that a man in the middle cannot make certificates until both of his
 * connections happen to show the same code within a connection's lifetime.
 */
export function safetyCode(fingerprintA: string, fingerprintB: string): string {
  const [first, second] = [fingerprintA, fingerprintB].sort();
  const digest = sha256(new TextEncoder().encode(`wdh-safety-code/1\n${first}\n${second}`));
  const view = new DataView(digest.buffer, digest.byteOffset, digest.byteLength);
  return [0, 4, 8].map((offset) => String(view.getUint32(offset) % 10_000).padStart(4, '0')).join(' ');
}

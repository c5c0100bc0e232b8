// Fingerprint pinning and the safety code. After connecting, the certificate the
// remote side really used (getStats: transport -> remoteCertificateId; in relay mode,
// the relay's report) must be one the signed SDP announced (a=fingerprint); otherwise
// the connection is torn down. The safety code is made from both sides' certificates,
// in either order, so host and viewer see the same code unless someone sits between them.
import { sha256 } from '@noble/hashes/sha2.js';
import { normaliseFingerprint } from '../../signaling/protocol';

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
    if (match) found.push(normaliseFingerprint(match[1]!, match[2]!));
  }
  return found;
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
      local: normaliseFingerprint(local.fingerprintAlgorithm ?? '', local.fingerprint),
      remote: normaliseFingerprint(remote.fingerprintAlgorithm ?? '', remote.fingerprint),
    };
  }
  return null;
}

/**
 * The pinning rule, wherever the certificates come from: the remote certificate (normalised)
 * must be one the signed remote SDP announced. Pending while either certificate or the SDP is missing.
 */
export function checkFingerprints(
  local: string | null,
  remote: string | null,
  signedRemoteSdp: string | null,
): DtlsCheck {
  if (local === null || remote === null || signedRemoteSdp === null) return { kind: 'pending' };
  if (!sdpFingerprints(signedRemoteSdp).includes(remote)) return { kind: 'mismatch' };
  return { kind: 'pinned', safetyCode: safetyCode(local, remote) };
}

/** Compares this browser's connected transport with the signed remote SDP. */
export function checkDtls(report: RTCStatsReport, signedRemoteSdp: string | null): DtlsCheck {
  const certificates = transportCertificates(report);
  return checkFingerprints(certificates?.local ?? null, certificates?.remote ?? null, signedRemoteSdp);
}

/**
 * Sixteen digits in four groups ("0421 7730 1189 5062", about 53 bits): still short enough to
 * read out. A man in the middle who sees both certificates must find one of his own that gives
 * the other side the same code: about 5 * 10^15 tries on average, within the 20 s the host
 * waits for an answer (renderer/host/answer-deadline.ts). Twelve digits (40 bits) left about
 * 5 * 10^11, within reach of one GPU in minutes when nothing timed out (issue 14 item 9).
 */
export function safetyCode(fingerprintA: string, fingerprintB: string): string {
  const [first, second] = [fingerprintA, fingerprintB].sort();
  const digest = sha256(new TextEncoder().encode(`wdh-safety-code/1\n${first}\n${second}`));
  const view = new DataView(digest.buffer, digest.byteOffset, digest.byteLength);
  return [0, 4, 8, 12].map((offset) => String(view.getUint32(offset) % 10_000).padStart(4, '0')).join(' ');
}

// The certificates of one of the relay's DTLS transports, for the host page's pinning
// check (renderer/security/dtls-check.ts): the relay's own, and the one the far side
// really presented in the handshake.
//
// Why not werift's getStats(): its remote "certificate" entry carries the fingerprint
// from the remote SDP, not one computed from the certificate received, so it would
// always agree with the answer it is meant to be checked against.
//
// werift 0.25 does verify the received certificate against the remote SDP itself
// (RTCDtlsTransport.verifyRemoteCertificateFingerprint, after the handshake: on a
// mismatch the transport goes "failed" and no media flows). The host page does not rely
// on that: it makes its own check from what is reported here, against the answer it
// received signed. So the certificate is reported whenever the handshake delivered one,
// also when werift then failed the transport, so the host can refuse the viewer.
import { createHash } from 'node:crypto';
import type { RTCDtlsTransport } from 'werift';
import { normaliseFingerprint } from '../protocol';

interface TransportCertificates {
  readonly localCertificate: string | null;
  readonly remoteCertificate: string | null;
}

export const NO_CERTIFICATES: TransportCertificates = { localCertificate: null, remoteCertificate: null };

export function transportCertificates(transport: RTCDtlsTransport | undefined): TransportCertificates {
  if (!transport) return NO_CERTIFICATES;
  const local = transport.localCertificate?.getFingerprints()[0];
  const remote = transport.dtls?.remoteCertificate;
  return {
    localCertificate: local ? normaliseFingerprint(local.algorithm, local.value) : null,
    remoteCertificate: remote && remote.length > 0 ? derFingerprint(remote) : null,
  };
}

/** SHA-256 over the certificate's DER bytes, as a=fingerprint states it (RFC 8122). */
function derFingerprint(der: Uint8Array): string {
  const hex = createHash('sha256').update(der).digest('hex');
  return normaliseFingerprint('sha-256', hex.match(/../g)!.join(':'));
}

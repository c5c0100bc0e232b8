// One spelling of a DTLS certificate fingerprint, shared by the host page (which reads
// it from getStats and SDP) and the media relay (which reports the certificates of its
// viewer connections): "sha-256 AB:CD:…", algorithm lower case, hex upper case.

/** Algorithm, a space, then colon-separated hex byte pairs (SHA-512 is the longest: 64 pairs). */
export const CERTIFICATE_FINGERPRINT = /^[a-z0-9-]{1,16} [0-9A-F]{2}(:[0-9A-F]{2}){0,63}$/;

export function normaliseFingerprint(algorithm: string, fingerprint: string): string {
  return `${algorithm.toLowerCase()} ${fingerprint.toUpperCase()}`;
}

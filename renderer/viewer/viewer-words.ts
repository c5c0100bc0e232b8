// The sentences the viewer side shows for a join that ended for a security reason (close-outcome.ts has the
// server's reasons).
export const TURNED_AWAY_UNVERIFIED =
  'The host lets in only viewers whose link carries its security key (the part after “&k=”). Ask the host for the whole link.';
export const TURNED_AWAY_TAMPERED =
  'The host turned this connection away: it received a message in your name that was not signed with the link’s key. Someone on the network may be tampering with the connection.';
export const CERTIFICATE_MISMATCH =
  'The connection was closed: the host’s security certificate did not match the one in its signed offer, a sign that someone is in the middle. Tell the host.';

/** Kicked after the host got an unsigned message in this viewer's name: the link lacks `k`, or someone tampers. */
export const turnedAwayWords = (verified: boolean): string =>
  verified ? TURNED_AWAY_TAMPERED : TURNED_AWAY_UNVERIFIED;

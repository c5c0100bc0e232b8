// Plain words for the security state of a join (host list and viewer alike). Pure.

/** "Verified", "Not verified", or null while not known. */
export function trustLabel(verified: boolean | null): string | null {
  if (verified === null) return null;
  return verified ? 'Verified' : 'Not verified';
}

export function trustExplanation(verified: boolean): string {
  return verified
    ? 'The link carries the host’s security key: every connection message is checked end to end.'
    : 'This link has no security key (the part after “&k=”), so nothing stops someone on the network from sitting in the middle. Compare the safety code with the other side.';
}

/** Null when nothing was refused. */
export function refusedWords(count: number): string | null {
  if (count <= 0) return null;
  const messages = count === 1 ? '1 connection message' : `${count} connection messages`;
  return `Refused ${messages} that failed the security check: someone on the network may be tampering with the connection.`;
}

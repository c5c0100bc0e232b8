// Every sentence the host side shows the person hosting: server errors, capture
// failures, security refusals, notices. Kept here so wording is reviewed in one place.

/** The server's error codes as the host reads them. */
export function hostErrorWords(code: string, serverMessage: string): string {
  switch (code) {
    case 'bad-key':
      return 'This page is not allowed to host: open the host link printed when the server started (it ends in #k=…), on the same computer.';
    case 'host-taken':
      return 'Another host page is already connected to this server. Close it, then click Start hosting here.';
    case 'bad-message':
      return `The server refused a message from this page (${serverMessage}). Reload the page.`;
    default:
      return `The server reported a problem: ${serverMessage}`;
  }
}

export function describeCaptureError(error: unknown): string {
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError')
    return 'Screen sharing was cancelled or not allowed. Click Start hosting and pick a screen or window to share.';
  if (name === 'NotFoundError') return 'There is nothing to share: no screen or window was found.';
  if (name === 'NotReadableError')
    return 'The screen could not be captured. Another app may be using it; close it and try again.';
  return `The screen could not be captured (${error instanceof Error ? error.message : String(error)}).`;
}

export const SYSTEM_AUDIO_UNAVAILABLE = 'Sharing the computer’s sound is not available here.';

export const portFallbackNotice = (from: number, port: number): string =>
  `Port ${from} was in use, so this session uses port ${port}. Links and the QR code already show it.`;

// The safe action first; switching the check off is the downgrade an attacker wants (issue 14 item 10).
export const turnedAwayNotice = (name: string): string =>
  `${name} was turned away: a message in their name was not signed with the link’s security key. Send them the full link shown here (it ends in “&k=…”) and ask them to join again. If they already used it, someone on the network may be tampering. Turning “Only verified viewers” off would let in anyone who has seen the link, unchecked.`;

/** A newcomer named a rejoin ticket but did not prove it holds it (returning-viewers.ts). */
export const unprovenNotice = (name: string): string =>
  `${name} was turned away: they came back naming another viewer’s ticket but could not prove they hold it.`;

/** A viewer let an offer go unanswered past the deadline (answer-deadline.ts). */
export const unansweredNotice = (name: string): string =>
  `${name} was dropped: their device did not answer the connection offer within 20 seconds. They can join again.`;

export const certificateMismatchError = (name: string): string =>
  `The connection to ${name} was closed: its security certificate did not match the one in its signed answer, a sign that someone is in the middle.`;

export const UNNAMED_VIEWER = 'a viewer';

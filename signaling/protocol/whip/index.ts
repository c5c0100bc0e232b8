// WHIP (RFC 9725) publishing, browser-safe: the host page and the relay both import it from here.
export * from './answer-check';
export * from './sdp-fragment';
export * from './whip-failure';
export * from './whip-client';
export * from './whip-session';

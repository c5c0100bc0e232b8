// The wire contract (protocol.md v1): the only part of signaling/ the renderer may import.
export * from './certificate-fingerprint';
export * from './errors';
export * from './join-link';
export * from './messages';
export * from './names';
export * from './parse';
export * from './result';
export * from './relay-messages';
export * from './signal-data';
export * from './app-constants';

// The link key `k`: 128 random bits made by the host page, shared only inside the
// join link's fragment (`#t=TOKEN&k=KEY`), never sent to the server. A reloaded host
// page must keep using the same key, or the links already handed out would stop
// verifying: it is kept on this device for the hosting session it belongs to, which
// is recognised by a hash of the host key (fresh for every start of the server).
import { sha256 } from '@noble/hashes/sha2.js';
import { isWellFormedLinkKey } from '../../signaling/protocol';
import { loadText, saveText, type ReadableStorage, type WritableStorage } from '../app/device-storage';
import { toBase64Url } from './base64url';

const STORAGE_KEY = 'hostingLinkKey';

export function createLinkKey(): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(16)));
}

export interface HostingSecurity {
  readonly linkKey: string;
  /** "Only verified viewers": on for a new hosting session. */
  readonly onlyVerified: boolean;
}

function sessionTag(hostKey: string): string {
  return toBase64Url(sha256(new TextEncoder().encode(`wdh-hosting-session/1\n${hostKey}`))).slice(0, 22);
}

/**
 * The key and setting of the hosting session with this host key: the kept ones, or new
 * ones. `givenKey` (made by `npm run serve`, from the host page's fragment) wins.
 */
export function hostingSecurityFor(
  hostKey: string,
  storage: ReadableStorage = globalThis.localStorage,
  givenKey?: string,
): HostingSecurity {
  const tag = sessionTag(hostKey);
  let kept: { tag?: unknown; linkKey?: unknown; onlyVerified?: unknown } = {};
  try {
    kept = JSON.parse(loadText(STORAGE_KEY, storage)) as typeof kept;
  } catch {
    // Nothing kept: a new session.
  }
  const ours = kept.tag === tag;
  const keptKey =
    ours && typeof kept.linkKey === 'string' && isWellFormedLinkKey(kept.linkKey) ? kept.linkKey : undefined;
  return {
    linkKey: givenKey ?? keptKey ?? createLinkKey(),
    onlyVerified: ours && typeof kept.onlyVerified === 'boolean' ? kept.onlyVerified : true,
  };
}

/** Keeps the session's key and setting (only the latest session is kept). */
export function keepHostingSecurity(
  hostKey: string,
  security: HostingSecurity,
  storage: WritableStorage = globalThis.localStorage,
): void {
  saveText(STORAGE_KEY, JSON.stringify({ tag: sessionTag(hostKey), ...security }), storage);
}

// What checking one received signal gave: a payload to act on, or a refusal with why.

export type RefusalReason =
  /** No `auth` where one is required. */
  | 'unsigned'
  /** `auth` present but not readable. */
  | 'malformed'
  /** The MAC does not match: altered, or made without the link key, or meant for another viewer. */
  | 'bad-mac'
  /** A sequence number not above the last one accepted: replayed or reordered. */
  | 'replayed'
  /** From a host instance that has been replaced (or, at the host, not this one). */
  | 'stale-epoch';

export type OpenedSignal =
  | { readonly kind: 'authentic'; readonly payload: Record<string, unknown> }
  /** No `auth`, accepted as such (the caller decides whether unverified peers are welcome). */
  | { readonly kind: 'unsigned'; readonly payload: Record<string, unknown> }
  | { readonly kind: 'refused'; readonly reason: RefusalReason };

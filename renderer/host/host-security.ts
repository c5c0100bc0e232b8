// The host's side of end-to-end authenticated signaling for one hosting session: the
// link key that goes into join links, the sealing of everything sent to viewers, and
// the verdict on everything they send back ("Only verified viewers" decides what an
// unsigned message means).
import { HostSignalAuth } from '../security/host-signal-auth';
import { withLinkKey } from '../../signaling/protocol';
import { hostingSecurityFor, keepHostingSecurity } from '../security/link-key';
import type { RefusalReason } from '../security/opened-signal';
import { deriveSignalKeys } from '../security/signal-mac';
import type { SignalData } from './media-delivery';

export type SignalVerdict =
  | { readonly action: 'deliver'; readonly payload: SignalData; readonly verified: boolean }
  | { readonly action: 'refuse'; readonly reason: RefusalReason }
  /** Unsigned (the link had no key) while only verified viewers may watch. */
  | { readonly action: 'turn-away' };

/** Sent, unsigned, to a viewer turned away for having no link key, so it can say why. */
export const VERIFICATION_REQUIRED: SignalData = { verify: 'required' };

export class HostSecurity {
  private readonly auth: HostSignalAuth;
  private readonly linkKey: string;
  private onlyVerifiedViewers: boolean;

  /** `givenKey`: the link key `npm run serve` made and put in the host page's link, if any. */
  constructor(
    private readonly hostKey: string,
    givenKey?: string,
  ) {
    const kept = hostingSecurityFor(hostKey, globalThis.localStorage, givenKey);
    this.linkKey = kept.linkKey;
    this.onlyVerifiedViewers = kept.onlyVerified;
    this.auth = new HostSignalAuth(deriveSignalKeys(kept.linkKey)!);
    keepHostingSecurity(hostKey, kept);
  }

  get onlyVerified(): boolean {
    return this.onlyVerifiedViewers;
  }

  setOnlyVerified(on: boolean): void {
    this.onlyVerifiedViewers = on;
    keepHostingSecurity(this.hostKey, { linkKey: this.linkKey, onlyVerified: on });
  }

  /** A server's join link as the host shares it: with the link key. */
  joinLink(serverUrl: string): string {
    return withLinkKey(serverUrl, this.linkKey);
  }

  seal(viewerId: string, data: SignalData): SignalData {
    return this.auth.seal(viewerId, data);
  }

  judge(viewerId: string, data: SignalData): SignalVerdict {
    const opened = this.auth.open(viewerId, data);
    switch (opened.kind) {
      case 'authentic':
        return { action: 'deliver', payload: opened.payload, verified: true };
      case 'unsigned':
        return this.onlyVerifiedViewers
          ? { action: 'turn-away' }
          : { action: 'deliver', payload: opened.payload, verified: false };
      case 'refused':
        return { action: 'refuse', reason: opened.reason };
    }
  }

  /** Whether this viewer id has sent a message that passed the MAC (its link has the key). */
  hasSigned(viewerId: string): boolean {
    return this.auth.hasSigned(viewerId);
  }
}

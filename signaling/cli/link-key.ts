// The headless host's link key: `npm run serve` makes it, prints it only inside the
// links it shows (join links with `&k=`, the host page's link with `&lk=`), and the
// server never sees it. The host page reads it from its own link, so a reloaded page
// and the printed join links (and their QR code) agree.
import { randomBytes } from 'node:crypto';
import { HOST_PAGE_LINK_KEY_FIELD, withLinkKey } from '../protocol';
import type { HostingInfo } from '../server';

export function createLinkKey(): string {
  return randomBytes(16).toString('base64url');
}

/** The links to print: join links with the key, the host page's link carrying it. */
export function withHostingLinkKey(info: HostingInfo, linkKey: string): HostingInfo {
  return {
    ...info,
    hostUrl: `${info.hostUrl}&${HOST_PAGE_LINK_KEY_FIELD}=${linkKey}`,
    joinUrls: info.joinUrls.map((url) => withLinkKey(url, linkKey)),
  };
}

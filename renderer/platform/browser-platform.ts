// The platform of a plain browser tab: the page was served by a running headless
// server (`npm run serve`), whose host key is in this page's fragment (#k=...).
import {
  err,
  HOST_PAGE_LINK_KEY_FIELD,
  isWellFormedLinkKey,
  isWellFormedSecret,
  ok,
  signalUrlFor,
} from '../../signaling/protocol';
import type { CaptureRequest, HostingEndpoint, Platform } from './platform';
import { downloadingSink } from './recording-sink';
import type { PageAddress } from '../app/page-address';

function secretFromFragment(hash: string, field: string, wellFormed = isWellFormedSecret): string | undefined {
  const value = new URLSearchParams(hash.replace(/^#/, '')).get(field) ?? undefined;
  return value !== undefined && wellFormed(value) ? value : undefined;
}

export const hostKeyFromFragment = (hash: string) => secretFromFragment(hash, 'k');

export function createBrowserPlatform(location: PageAddress = window.location): Platform {
  return {
    kind: 'browser',
    listsSources: false,
    // The browser's own picker offers "share audio" where it can (Chromium on Windows, tabs elsewhere).
    systemAudioSupport: async () => ({ available: true, reason: null }),
    async startHosting() {
      const hostKey = hostKeyFromFragment(location.hash);
      if (!hostKey) {
        return err(
          'This page needs the host link printed by "npm run serve" (it ends in #k=…). Open that link on this computer.',
        );
      }
      const port = Number(location.port || (location.protocol === 'https:' ? 443 : 80));
      const linkKey = secretFromFragment(location.hash, HOST_PAGE_LINK_KEY_FIELD, isWellFormedLinkKey);
      const endpoint: HostingEndpoint = {
        hostKey,
        ...(linkKey === undefined ? {} : { linkKey }),
        port,
        signalUrl: signalUrlFor({
          host: location.hostname.replace(/^\[(.*)\]$/, '$1'),
          port,
          secure: location.protocol === 'https:',
        }),
      };
      return ok(endpoint);
    },
    async stopHosting() {
      // The headless server outlives the page; stopping hosting only disconnects.
    },
    async listSources() {
      return [];
    },
    openRecording: async (fileName) => downloadingSink(fileName),
    capture(request: CaptureRequest) {
      return navigator.mediaDevices.getDisplayMedia({
        video: { width: request.width, height: request.height, frameRate: request.frameRate },
        audio: request.systemAudio,
        // Chromium: offer "share system audio" and tab audio; ignored elsewhere.
        systemAudio: request.systemAudio ? 'include' : 'exclude',
      } as DisplayMediaStreamOptions);
    },
  };
}

// What the renderer's pages are served with, wherever they are served from: the
// headless HTTP server and the desktop app's app:// protocol share these.
import { extname } from 'node:path';
import { HOST_PATH, JOIN_PATH } from '../protocol';

/** Paths that are the app page itself (index.html); the app routes on them. */
export const APP_ROUTES: ReadonlySet<string> = new Set(['/', JOIN_PATH, HOST_PATH]);

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wav': 'audio/wav',
  '.txt': 'text/plain; charset=utf-8',
};

export function mimeTypeFor(path: string): string {
  return MIME_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The page may run only its own scripts and styles and show media from capture and
 * peers. `connectSrc`: where its WebSockets may go ('self' when served by the host
 * it talks to; the desktop app's Join view must reach hosts anywhere on the LAN).
 */
export function contentSecurityPolicy(connectSrc = "'self'"): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob: mediastream:",
    `connect-src ${connectSrc}`,
    "font-src 'self'",
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

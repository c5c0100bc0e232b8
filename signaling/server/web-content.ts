// What the renderer's pages are served with: the app routes and MIME types (shared with
// the desktop app's app:// protocol) and the headless server's page policy.
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
 * The headless page may run only its own scripts and styles and show media from capture and peers; its WebSockets go
 * only to the server that served it. The desktop app window starts from these (main/app-content-security-policy.ts).
 */
export const PAGE_CSP_DIRECTIVES: Readonly<Record<string, string>> = {
  'default-src': "'none'",
  'script-src': "'self'",
  'style-src': "'self'",
  'img-src': "'self' data: blob:",
  'media-src': "'self' blob: mediastream:",
  'connect-src': "'self'",
  'font-src': "'self'",
  'manifest-src': "'self'",
  'base-uri': "'none'",
  'form-action': "'none'",
  'frame-ancestors': "'none'",
};

/** Directives -> the header value, in the order given. */
export function formatPolicy(directives: Readonly<Record<string, string>>): string {
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources}`)
    .join('; ');
}

export const PAGE_CONTENT_SECURITY_POLICY = formatPolicy(PAGE_CSP_DIRECTIVES);

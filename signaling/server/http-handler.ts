// Plain HTTP on the signaling port: the viewer web app, /healthz, nothing else.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HOST_PATH } from '../protocol';
import { isLoopback, normalizeAddress } from '../network/addresses';
import type { StaticFile, StaticSite } from './static-site';
import { APP_ROUTES, PAGE_CONTENT_SECURITY_POLICY } from './web-content';

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': PAGE_CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'display-capture=(self), geolocation=(), payment=(), usb=()',
};

function respond(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  file: StaticFile,
  extra: Record<string, string> = {},
): void {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': file.contentType,
    'Content-Length': String(file.body.length),
    'Cache-Control': 'no-cache',
    ...extra,
  });
  res.end(req.method === 'HEAD' ? undefined : file.body);
}

const text = (body: string): StaticFile => ({
  body: Buffer.from(body + '\n'),
  contentType: 'text/plain; charset=utf-8',
});
const HEALTHY: StaticFile = { body: Buffer.from('{"status":"ok"}'), contentType: 'application/json; charset=utf-8' };

/** Path only, undecoded; null when the request target is not a path we could read. */
function requestPath(rawUrl: string | undefined): string | null {
  if (!rawUrl || !rawUrl.startsWith('/')) return null;
  const end = rawUrl.search(/[?#]/);
  return end === -1 ? rawUrl : rawUrl.slice(0, end);
}

export function createHttpHandler(site: StaticSite) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      respond(req, res, 405, text('Only GET and HEAD are supported.'), { Allow: 'GET, HEAD' });
      return;
    }
    const path = requestPath(req.url);
    if (path === null) {
      respond(req, res, 400, text('Bad request target.'));
      return;
    }
    if (path === '/healthz') {
      respond(req, res, 200, HEALTHY, { 'Cache-Control': 'no-store' });
      return;
    }
    if (path === HOST_PATH && !isLoopback(normalizeAddress(req.socket.remoteAddress))) {
      respond(req, res, 403, text('The host page opens only on the computer that is sharing.'));
      return;
    }
    if (APP_ROUTES.has(path)) {
      respond(req, res, 200, site.appPage, { 'Cache-Control': 'no-store' });
      return;
    }
    const file = path === '/index.html' ? undefined : site.file(path);
    if (!file) {
      respond(req, res, 404, text('Not found.'));
      return;
    }
    respond(req, res, 200, file);
  };
}

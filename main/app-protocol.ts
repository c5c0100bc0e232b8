// Serves the built renderer as app://desktop/… instead of file://, so the page has a
// real origin that permission, IPC and navigation checks can compare against, and
// every response carries a strict Content-Security-Policy.
import { protocol } from 'electron';
import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { APP_ROUTES, mimeTypeFor } from '../signaling/server/web-content';
import { APP_CONTENT_SECURITY_POLICY } from './app-content-security-policy';
import { APP_SCHEME, isAppUrl } from './app-origin';
import { log } from './main-log';

/** Must run before the app is ready: Chromium reads scheme privileges at start-up. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

export function serveAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => respondToAppRequest(rendererDir, request));
}

/**
 * The file under rendererDir an app:// URL names, or null when it names anything else
 * (another host, an encoded `..`, a backslash, a NUL): nothing outside rendererDir is served.
 */
export function resolveAppPath(rendererDir: string, url: string): string | null {
  if (!isAppUrl(url)) return null;
  let path: string;
  try {
    path = decodeURIComponent(new URL(url).pathname);
  } catch {
    return null;
  }
  if (path.includes('\0') || path.includes('\\')) return null;
  const root = resolve(rendererDir);
  // The app's views are one page (the renderer routes by path), as on the headless server.
  const file = resolve(root, `.${APP_ROUTES.has(path) ? '/index.html' : path}`);
  const inside = relative(root, file);
  if (inside === '' || isAbsolute(inside) || inside.split(sep)[0] === '..') return null;
  return file;
}

export async function respondToAppRequest(
  rendererDir: string,
  request: { url: string; method: string },
): Promise<Response> {
  if (request.method !== 'GET') return textResponse(405, 'Only GET is supported.');
  const file = resolveAppPath(rendererDir, request.url);
  if (!file) return textResponse(404, 'Not found.');
  try {
    if (!(await stat(file)).isFile()) return textResponse(404, 'Not found.');
    const body = await readFile(file);
    return new Response(new Uint8Array(body), { status: 200, headers: headers(mimeTypeFor(file)) });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return textResponse(404, 'Not found.');
    log.error(`app protocol: cannot read ${file}:`, error);
    return textResponse(500, 'Cannot read this file.');
  }
}

function headers(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': APP_CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
  };
}

function textResponse(status: number, body: string): Response {
  return new Response(`${body}\n`, { status, headers: headers('text/plain; charset=utf-8') });
}

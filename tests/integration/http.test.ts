// protocol.md "Transport": the same port serves the app over HTTP (GET/HEAD only),
// `/host` to loopback only, `/healthz`, 404 for anything else; `/signal` is the only
// WebSocket path. No request path, in any encoding, reads a file outside the app.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect as netConnect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestClient } from '../support/test-client';
import { startServer, track } from '../support/server-fixture';

const lanAddress = Object.values(networkInterfaces())
  .flat()
  .find((info) => info !== undefined && info.family === 'IPv4' && !info.internal)?.address;
if (!lanAddress) console.warn('http: no non-loopback IPv4 address on this machine; skipping the remote /host test');
const itWithLan = lanAddress ? it : it.skip;

interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
  /** Everything the server sent, headers included. */
  readonly raw: string;
}

/** Sends `head` verbatim on a new TCP connection (no client-side URL normalization). */
function rawRequest(port: number, head: string, host = '127.0.0.1'): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = netConnect(port, host);
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const raw = Buffer.concat(chunks).toString('latin1');
      const split = raw.indexOf('\r\n\r\n');
      const lines = (split === -1 ? raw : raw.slice(0, split)).split('\r\n');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(lines[0] ?? '')?.[1] ?? 0);
      const headers: Record<string, string> = {};
      for (const line of lines.slice(1)) {
        const colon = line.indexOf(':');
        if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolve({ status, headers, body: split === -1 ? '' : raw.slice(split + 4), raw });
    });
    socket.setTimeout(3_000, () => socket.destroy());
    socket.write(head);
  });
}

const get = (port: number, path: string, method = 'GET', host = '127.0.0.1') =>
  rawRequest(port, `${method} ${path} HTTP/1.1\r\nHost: ${host}:${port}\r\nConnection: close\r\n\r\n`, host);

/** The site: index.html and app.js inside `site/`, secrets beside it (outside the site). */
const root = mkdtempSync(join(tmpdir(), 'signaling-http-'));
const staticDir = join(root, 'site');
const marker = randomBytes(8).toString('hex');
const SECRET = `TOP-SECRET-${marker}`;
const PACKAGE_SECRET = `secret-package-${marker}`;
const INDEX = `<!doctype html><title>app</title><p>INDEX-${marker}</p>`;
const APP_JS = `console.log("APP-${marker}");\n`;
mkdirSync(join(staticDir, 'assets'), { recursive: true });
writeFileSync(join(staticDir, 'index.html'), INDEX);
writeFileSync(join(staticDir, 'app.js'), APP_JS);
writeFileSync(join(staticDir, 'assets', 'app.css'), 'body{color:red}');
writeFileSync(join(root, 'secret.txt'), SECRET);
writeFileSync(join(root, 'package.json'), JSON.stringify({ name: PACKAGE_SECRET }));
symlinkSync(join(root, 'secret.txt'), join(staticDir, 'linked-secret.txt'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const site = () => startServer({ staticDir });

function expectSecurityHeaders(headers: Record<string, string>): void {
  expect(headers['content-security-policy']).toContain("default-src 'none'");
  expect(headers['content-security-policy']).toContain("script-src 'self'");
  expect(headers['x-content-type-options']).toBe('nosniff');
}

function expectNoSecrets(response: RawResponse): void {
  for (const secret of [SECRET, PACKAGE_SECRET, 'root:x:0:0', '"devDependencies"'])
    expect(response.raw).not.toContain(secret);
}

describe('/healthz', () => {
  it('answers 200 {"status":"ok"} as JSON', async () => {
    const f = await site();
    const response = await get(f.info.port, '/healthz');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(response.body)).toEqual({ status: 'ok' });
    expect(response.body).toBe('{"status":"ok"}');
  });

  it('answers through a plain fetch as well', async () => {
    const f = await site();
    const response = await fetch(`${f.httpUrl}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });
});

describe('the app pages', () => {
  it.each(['/', '/join', '/host', '/join?utm=1'])('serves the app at %s as HTML with CSP and nosniff', async (path) => {
    const f = await site();
    const response = await get(f.info.port, path);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expectSecurityHeaders(response.headers);
    expect(response.body).toBe(INDEX);
  });

  it.each(['/', '/join', '/host', '/healthz'])('answers HEAD %s with the GET headers and no body', async (path) => {
    const f = await site();
    const getResponse = await get(f.info.port, path);
    const head = await get(f.info.port, path, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect(head.headers['content-type']).toBe(getResponse.headers['content-type']);
    expect(head.headers['content-length']).toBe(String(Buffer.byteLength(getResponse.body)));
    if (path !== '/healthz') expectSecurityHeaders(head.headers);
  });

  it('serves a file of the app (app.js) with Content-Type text/javascript', async () => {
    const f = await site();
    const response = await get(f.info.port, '/app.js');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/javascript/);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.body).toBe(APP_JS);
  });

  it('serves files in subfolders of the app', async () => {
    const f = await site();
    const response = await get(f.info.port, '/assets/app.css');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/css/);
    expect(response.body).toBe('body{color:red}');
  });

  it('serves a "not built" page when there is no static folder', async () => {
    const f = await startServer({ staticDir: join(root, 'does-not-exist') });
    const response = await get(f.info.port, '/join');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.body).toContain('npm run build');
  });

  itWithLan('refuses /host to a non-loopback client with 403, but serves / and /join to it', async () => {
    const f = await startServer({ staticDir, bind: '0.0.0.0' });
    const host = await get(f.info.port, '/host', 'GET', lanAddress);
    expect(host.status).toBe(403);
    expect(host.body).not.toContain(INDEX);
    expect((await get(f.info.port, '/host', 'HEAD', lanAddress)).status).toBe(403);
    for (const path of ['/', '/join']) {
      const page = await get(f.info.port, path, 'GET', lanAddress);
      expect(page.status).toBe(200);
      expect(page.body).toBe(INDEX);
    }
  });
});

describe('everything else', () => {
  it.each(['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'])('answers %s with 405 and Allow: GET, HEAD', async (method) => {
    const f = await site();
    for (const path of ['/', '/healthz', '/signal']) {
      const response = await rawRequest(
        f.info.port,
        `${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1:${f.info.port}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`,
      );
      expect(response.status).toBe(405);
      expect(response.headers.allow).toBe('GET, HEAD');
    }
  });

  it.each(['/nope', '/join/', '/host/extra', '/healthz/x', '/app.js.map', '/APP.JS', '/favicon.ico'])(
    'answers GET %s with 404',
    async (path) => {
      const f = await site();
      const response = await get(f.info.port, path);
      expect(response.status).toBe(404);
      expect(response.body).not.toContain(INDEX);
    },
  );

  it('answers a plain GET /signal (no upgrade) with 404', async () => {
    const f = await site();
    expect((await get(f.info.port, '/signal')).status).toBe(404);
    expect((await fetch(`${f.httpUrl}/signal`)).status).toBe(404);
  });

  it.each(['/', '/join', '/signal/', '/signalx', '/other', '/healthz'])(
    'answers a WebSocket upgrade on %s with HTTP 404',
    async (path) => {
      const f = await site();
      await expect(TestClient.connect(`ws://127.0.0.1:${f.info.port}${path}`)).rejects.toThrow('HTTP 404');
    },
  );

  it('accepts the WebSocket upgrade on /signal with a query string', async () => {
    const f = await site();
    const client = track(await TestClient.connect(`${f.signalUrl}?v=1`));
    client.send({ type: 'hello', role: 'viewer', token: f.info.token, name: 'Q', protocol: 1 });
    expect(await client.next()).toMatchObject({ type: 'welcome', role: 'viewer' });
  });
});

describe('path traversal', () => {
  const attempts = [
    '/../package.json',
    '/../secret.txt',
    '/../../package.json',
    '/%2e%2e/package.json',
    '/%2E%2E/secret.txt',
    '/..%2fpackage.json',
    '/..%2Fsecret.txt',
    '/%2e%2e%2fpackage.json',
    '/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    '/..\\package.json',
    '/..%5csecret.txt',
    '/%2e%2e%5csecret.txt',
    '//etc/passwd',
    '///etc/passwd',
    '/app.js/../../package.json',
    '/assets/../../secret.txt',
    '/./../secret.txt',
    '/%252e%252e/package.json',
    '/%252e%252e%252fsecret.txt',
    '/..%252fsecret.txt',
    '/%00../secret.txt',
    '/secret.txt%00.js',
    '/app.js%00/../../secret.txt',
    '/%c0%ae%c0%ae/secret.txt',
    '/%uff0e%uff0e/secret.txt',
    '/.%2e/secret.txt',
    '/linked-secret.txt',
    '/..',
    '/../',
    '/etc/passwd',
    '/proc/self/environ',
    `/${'../'.repeat(20)}etc/passwd`,
  ];

  it.each(attempts)('never serves a file outside the app for %s', async (path) => {
    const f = await site();
    const response = await get(f.info.port, path);
    expect([400, 404]).toContain(response.status);
    expectNoSecrets(response);
    expect(response.body).not.toBe(APP_JS);
  });

  it('still serves app.js from inside the app folder on the same server', async () => {
    const f = await site();
    for (const path of attempts.slice(0, 5)) await get(f.info.port, path);
    const response = await get(f.info.port, '/app.js');
    expect(response.status).toBe(200);
    expect(response.body).toBe(APP_JS);
  });

  it.each([
    ['a raw NUL byte', '/app.js\0/../../secret.txt'],
    ['a raw space', '/../ secret.txt'],
    ['an absolute URL', 'http://127.0.0.1/../secret.txt'],
    ['an authority form', '127.0.0.1:80'],
    ['an asterisk', '*'],
  ])('refuses a malformed request target with %s (400 or closed), serving nothing', async (_label, target) => {
    const f = await site();
    const response = await get(f.info.port, target);
    // The server answers 400 or drops the connection; either way nothing is served.
    expect([0, 400]).toContain(response.status);
    expectNoSecrets(response);
    expect(response.raw).not.toContain(INDEX);
  });

  it('never serves a file outside the app through http.request with the path set verbatim', async () => {
    const f = await site();
    for (const path of ['/../secret.txt', '/%2e%2e/package.json', '/..%2fsecret.txt']) {
      const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port: f.info.port, path, method: 'GET' }, (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        });
        req.on('error', reject);
        req.end();
      });
      expect(status).toBe(404);
      expect(body).not.toContain(SECRET);
      expect(body).not.toContain(PACKAGE_SECRET);
    }
  });
});

// app://desktop/…: the renderer's files and nothing else, each with the strict CSP.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APP_CONTENT_SECURITY_POLICY } from '../../main/app-content-security-policy';
import { registerAppScheme, resolveAppPath, respondToAppRequest, serveAppProtocol } from '../../main/app-protocol';
import { fake, resetFakeElectron } from '../support/fake-electron';

let root: string;
let rendererDir: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'app-protocol-'));
  rendererDir = join(root, 'renderer');
  await mkdir(rendererDir);
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>app</title>');
  await writeFile(join(rendererDir, 'app.js'), 'console.log(1)');
  await mkdir(join(root, 'main'));
  await writeFile(join(root, 'main', 'main.js'), 'secret main process code');
  await writeFile(join(root, 'renderer-evil.txt'), 'a sibling whose name starts like the root');
});

afterAll(() => rm(root, { recursive: true, force: true }));
beforeEach(() => resetFakeElectron());

const get = (url: string, method = 'GET') => respondToAppRequest(rendererDir, { url, method });

describe('which files are served', () => {
  it('serves the app page for every view and the bundle by name', async () => {
    for (const url of ['app://desktop/', 'app://desktop/host', 'app://desktop/join', 'app://desktop/index.html']) {
      const response = await get(url);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await response.text()).toContain('<title>app</title>');
    }
    const script = await get('app://desktop/app.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log(1)');
  });

  it.each([
    'app://desktop/../main/main.js',
    'app://desktop/%2e%2e/main/main.js',
    'app://desktop/..%2fmain%2fmain.js',
    'app://desktop/%2e%2e%2fmain%2fmain.js',
    'app://desktop/..%5cmain%5cmain.js',
    'app://desktop/%2e%2e%2frenderer-evil.txt',
    'app://desktop/app.js%00.html',
    'app://desktop/%E0%A4%A',
    'app://other/app.js',
    'app://desktop:8080/app.js',
    'app://user@desktop/app.js',
  ])('refuses %s', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('secret');
  });

  it('never resolves a path outside the renderer directory', () => {
    expect(resolveAppPath(rendererDir, 'app://desktop/..%2f..%2fetc%2fpasswd')).toBeNull();
    expect(resolveAppPath(rendererDir, 'app://desktop/app.js')).toBe(join(rendererDir, 'app.js'));
  });

  it('answers 404 for a missing file and 405 for anything but GET', async () => {
    expect((await get('app://desktop/missing.js')).status).toBe(404);
    expect((await get('app://desktop/app.js', 'POST')).status).toBe(405);
  });
});

describe('the Content-Security-Policy header', () => {
  it('is on every response, found or not', async () => {
    for (const url of [
      'app://desktop/host',
      'app://desktop/app.js',
      'app://desktop/missing',
      'app://desktop/../main/main.js',
    ]) {
      const response = await get(url);
      expect(response.headers.get('content-security-policy')).toBe(APP_CONTENT_SECURITY_POLICY);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('allows only our own scripts and styles, no framing, forms or base changes, and WebSockets for signaling', () => {
    const directives = new Map(
      APP_CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]),
    );
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('style-src')).toEqual(["'self'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('form-action')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('connect-src')).toEqual(["'self'", 'ws:', 'wss:']);
    expect(APP_CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-(inline|eval)/);
  });
});

describe('registration', () => {
  it('registers app: as a standard, secure scheme before the app is ready, and handles it', async () => {
    registerAppScheme();
    expect(fake.protocol.privileged).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    serveAppProtocol(rendererDir);
    const handler = fake.protocol.handlers.get('app')!;
    const response = await handler(new Request('app://desktop/host'));
    expect(response.status).toBe(200);
  });
});

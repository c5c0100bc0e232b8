// Secrets do not linger (issue 14 item 8): the page moves them out of its address bar and history,
// the headless banner says the host link is a secret, and the server sends no source maps.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { takePageAddress } from '../../renderer/app/page-address';
import { formatBanner } from '../../signaling/cli/banner';
import { StaticSite } from '../../signaling/server/static-site';

/** A tab: its address, its history entry and its sessionStorage, as the page sees them. */
function tab(href: string, stored = new Map<string, string>()) {
  let url = new URL(href);
  const location = {
    get href() {
      return url.href;
    },
    get pathname() {
      return url.pathname;
    },
    get search() {
      return url.search;
    },
    get hash() {
      return url.hash;
    },
    hostname: url.hostname,
    port: url.port,
    protocol: url.protocol,
  };
  const history = {
    state: null,
    replaceState: (_state: unknown, _title: string, next: string) => (url = new URL(next, url)),
  };
  const sessionStorage = {
    getItem: (key: string) => stored.get(key) ?? null,
    setItem: (key: string, value: string) => void stored.set(key, value),
  };
  const win = { location, history, sessionStorage } as unknown as Window;
  return { win, stored, address: () => url.href };
}

describe('takePageAddress', () => {
  it('clears a join link’s #t= and #k= from the address bar, keeping the link for the page', () => {
    const page = tab('http://192.0.2.1:9470/join#t=TOKEN&k=LINKKEY');
    const read = takePageAddress(page.win);
    expect(page.address()).toBe('http://192.0.2.1:9470/join');
    expect(read.href).toBe('http://192.0.2.1:9470/join#t=TOKEN&k=LINKKEY');
    expect(read.hash).toBe('#t=TOKEN&k=LINKKEY');
  });

  it('clears the host page’s #k= and &lk=, and a reload of that tab still finds them', () => {
    const page = tab('http://127.0.0.1:9470/host#k=HOSTKEY&lk=LINKKEY');
    expect(takePageAddress(page.win).hash).toBe('#k=HOSTKEY&lk=LINKKEY');
    expect(page.address()).toBe('http://127.0.0.1:9470/host');
    const reloaded = tab(page.address(), page.stored);
    const read = takePageAddress(reloaded.win);
    expect(read.hash).toBe('#k=HOSTKEY&lk=LINKKEY');
    expect(read.pathname).toBe('/host');
    expect(read.port).toBe('9470');
    expect(reloaded.address()).toBe('http://127.0.0.1:9470/host');
  });

  it('leaves an address without secrets alone', () => {
    const page = tab('app://desktop/index.html#about');
    expect(takePageAddress(page.win).hash).toBe('#about');
    expect(page.address()).toBe('app://desktop/index.html#about');
  });
});

it('the headless banner says plainly that the host link is a secret', () => {
  const info = {
    port: 9470,
    hostKey: 'h',
    token: 't',
    joinUrls: ['http://192.0.2.1:9470/join#t=t'],
    hostUrl: 'http://127.0.0.1:9470/host#k=h',
  };
  const args = {
    port: 9470,
    bind: undefined,
    autoAdmit: false,
    maxViewers: 16,
    json: false,
    help: false,
    whip: undefined,
  };
  const banner = formatBanner(info, args, { color: false });
  expect(banner).toMatch(/SECRET: the host page link holds the host key/);
  expect(banner).toMatch(/Never share it or keep it in a log/);
});

it('the server does not serve source maps', () => {
  const root = mkdtempSync(join(tmpdir(), 'wdh-site-'));
  writeFileSync(join(root, 'index.html'), '<!doctype html>');
  writeFileSync(join(root, 'app.js'), 'console.log(1)');
  writeFileSync(join(root, 'app.js.map'), '{"sources":["renderer/index.tsx"]}');
  const site = StaticSite.load(root);
  expect(site.file('/app.js')).toBeDefined();
  expect(site.file('/app.js.map')).toBeUndefined();
});

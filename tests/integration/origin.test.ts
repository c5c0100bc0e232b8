// Browsers open WebSockets cross-origin: only the server's own pages (and the desktop
// app's) may, so another site in the host's browser cannot take its socket slots.
import { request } from 'node:http';
import { TestClient } from '../support/test-client';
import { startServer, track } from '../support/server-fixture';

it('refuses an upgrade from another site with HTTP 403', async () => {
  const f = await startServer();
  await expect(TestClient.connect(f.signalUrl, { origin: 'https://evil.example' })).rejects.toThrow('HTTP 403');
});

it.each([
  ['its own pages', (port: number) => `http://127.0.0.1:${port}`],
  ['the desktop app', () => 'app://desktop'],
])('accepts %s, and native clients without an Origin', async (_label, origin) => {
  const f = await startServer();
  const page = track(await TestClient.connect(f.signalUrl, { origin: origin(f.info.port) }));
  page.send({ type: 'hello', role: 'host', key: f.info.hostKey, protocol: 1 });
  expect(await page.next()).toMatchObject({ type: 'welcome', role: 'host' });
  const native = track(await TestClient.connect(f.signalUrl));
  native.send({ type: 'hello', role: 'viewer', token: f.info.token, name: 'N', protocol: 1 });
  expect(await native.next()).toMatchObject({ type: 'welcome', role: 'viewer' });
});

describe('DNS rebinding: a foreign name that resolves to this machine', () => {
  it('gets 403 for pages and for the signaling upgrade, even when Origin and Host agree', async () => {
    const f = await startServer();
    const rebound = `evil.example:${f.info.port}`;
    const page = await new Promise<number | undefined>((resolve, reject) => {
      request({ host: '127.0.0.1', port: f.info.port, path: '/join', headers: { host: rebound } }, (res) => {
        res.resume();
        resolve(res.statusCode);
      })
        .on('error', reject)
        .end();
    });
    expect(page).toBe(403);
    await expect(
      TestClient.connect(f.signalUrl, { origin: `http://${rebound}`, headers: { host: rebound } }),
    ).rejects.toThrow('HTTP 403');
  });

  it('still serves the page under localhost', async () => {
    const f = await startServer();
    expect((await fetch(`http://localhost:${f.info.port}/join`)).status).toBe(200);
  });
});

// Browsers open WebSockets cross-origin: only the server's own pages (and the desktop
// app's) may, so another site in the host's browser cannot take its socket slots.
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

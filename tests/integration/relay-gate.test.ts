// The /relay upgrade passes the same gate as /signal: the Host-header check (DNS
// rebinding), the Origin policy and the socket caps, and its sockets count toward them.
import WebSocket from 'ws';
import { inProcessRelay } from '../../signaling/relay';
import { TestClient } from '../support/test-client';
import { startServer, track } from '../support/server-fixture';

const sockets: WebSocket[] = [];
afterEach(() => sockets.splice(0).forEach((ws) => ws.terminate()));

/** Opens /relay; rejects with "HTTP <status>" when the upgrade is refused. */
function openRelay(port: number, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/relay`, { headers });
    sockets.push(ws);
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

it('refuses /relay with 403 when the Host header names a foreign host (DNS rebinding)', async () => {
  const f = await startServer({ relay: inProcessRelay() });
  await expect(openRelay(f.info.port, { host: `evil.example:${f.info.port}` })).rejects.toThrow('HTTP 403');
  // The same server still takes /relay under its own address.
  await expect(openRelay(f.info.port)).resolves.toBeInstanceOf(WebSocket);
});

it('refuses /relay with 403 from another site’s page', async () => {
  const f = await startServer({ relay: inProcessRelay() });
  await expect(openRelay(f.info.port, { origin: 'https://evil.example' })).rejects.toThrow('HTTP 403');
});

it('counts /relay sockets toward maxSockets: /signal and /relay past the cap get 503', async () => {
  const f = await startServer({ relay: inProcessRelay(), maxSockets: 2 });
  await openRelay(f.info.port);
  track(await TestClient.connect(f.signalUrl));
  await expect(TestClient.connect(f.signalUrl)).rejects.toThrow('HTTP 503');
  await expect(openRelay(f.info.port)).rejects.toThrow('HTTP 503');
});

it('counts /relay sockets toward the per-address cap, and frees the slot when one closes', async () => {
  const f = await startServer({ relay: inProcessRelay(), maxSocketsPerAddress: 1 });
  const relay = await openRelay(f.info.port);
  await expect(TestClient.connect(f.signalUrl)).rejects.toThrow('HTTP 503');
  const gone = new Promise((resolve) => relay.once('close', resolve));
  relay.close();
  await gone;
  const deadline = Date.now() + 2_000;
  for (;;) {
    try {
      track(await TestClient.connect(f.signalUrl));
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
});

// The desktop app's media relay: hosting starts it in a utility process (here the fake's
// real Node child process running the built relay entry), the host page reaches it at
// /relay with the host key, and stopping hosting ends the process.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { fake, resetFakeElectron } from '../support/fake-electron';
import { HostingService } from '../../main/hosting-service';
import { utilityProcessRelay } from '../../main/relay-process';
import { SettingsStore } from '../../main/settings-store';

const RELAY_ENTRY = join(__dirname, '../../dist/signaling/relay-worker.js');
const quiet = { bind: '127.0.0.1', networkInterfaces: () => ({}), defaultRouteAddress: async () => undefined };

let dir: string;
let service: HostingService;

beforeAll(() => {
  if (!existsSync(RELAY_ENTRY))
    throw new Error(`${RELAY_ENTRY} is missing: run \`npm run build\` (jest's globalSetup does unless SKIP_BUILD=1)`);
});

beforeEach(async () => {
  resetFakeElectron();
  dir = await mkdtemp(join(tmpdir(), 'relay-process-'));
  const settings = new SettingsStore(join(dir, 'settings.json'));
  await settings.update({ hostingPort: 0 });
  service = new HostingService({
    settings,
    staticDir: join(dir, 'renderer'),
    server: { ...quiet, relay: utilityProcessRelay(RELAY_ENTRY) },
  });
});

afterEach(async () => {
  await service.stop();
  resetFakeElectron();
  await rm(dir, { recursive: true, force: true });
});

/** Says hello with the host key and asks the relay for one viewer connection's offer. */
async function askForViewerOffer(port: number, hostKey: string): Promise<Record<string, unknown>[]> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/relay`);
  const received: Record<string, unknown>[] = [];
  try {
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    const offer = new Promise<void>((resolve) =>
      ws.on('message', (data) => {
        const message = JSON.parse(String(data)) as Record<string, unknown>;
        received.push(message);
        if (message.type === 'ready') ws.send(JSON.stringify({ type: 'viewer-open', peer: 'p1' }));
        if (message.type === 'viewer-offer') resolve();
      }),
    );
    ws.send(JSON.stringify({ type: 'hello', key: hostKey }));
    await offer;
    return received;
  } finally {
    ws.terminate();
  }
}

it('starts the relay in a utility process with hosting; the host page gets viewer offers from it', async () => {
  const started = await service.start();
  if (!started.ok) throw new Error(started.error);
  expect(fake.utilityProcesses).toHaveLength(1);
  const [relay] = fake.utilityProcesses;
  expect(relay!.modulePath).toBe(RELAY_ENTRY);
  expect(relay!.options.serviceName).toMatch(/media relay/);
  expect(relay!.pid).toBeGreaterThan(0);
  expect(relay!.pid).not.toBe(process.pid);

  const messages = await askForViewerOffer(started.value.port, started.value.hostKey);
  expect(messages[0]).toEqual({ type: 'ready' });
  expect(messages.at(-1)).toMatchObject({
    type: 'viewer-offer',
    peer: 'p1',
    sdp: expect.stringMatching(/a=rtpmap:\d+ VP8\/90000/),
  });
});

it('ends the relay process when hosting stops, and starts a new one with the next start', async () => {
  const first = await service.start();
  if (!first.ok) throw new Error(first.error);
  const [relay] = fake.utilityProcesses;
  await service.stop();
  expect(relay!.killed).toBe(true);
  expect(relay!.exitCode).not.toBeNull();

  const second = await service.start();
  if (!second.ok) throw new Error(second.error);
  expect(fake.utilityProcesses).toHaveLength(2);
  expect(fake.utilityProcesses[1]!.pid).toBeGreaterThan(0);
  await service.stop();
  expect(fake.utilityProcesses.every((p: { exitCode: number | null }) => p.exitCode !== null)).toBe(true);
});

it('still hosts (hosts then send directly) when the relay entry cannot run', async () => {
  const settings = new SettingsStore(join(dir, 'other.json'));
  await settings.update({ hostingPort: 0 });
  const broken = new HostingService({
    settings,
    staticDir: join(dir, 'renderer'),
    server: { ...quiet, relay: utilityProcessRelay(join(dir, 'missing-relay.js')) },
  });
  const warn = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
  try {
    const started = await broken.start();
    if (!started.ok) throw new Error(started.error);
    const status = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${started.value.port}/relay`);
      ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.once('open', () => resolve(101));
      ws.once('error', () => undefined);
    });
    expect(status).toBe(404);
    expect(String(warn.mock.calls[0]?.[0])).toMatch(
      /media relay not started, hosts send directly: relay ended: exited with 1/,
    );
  } finally {
    warn.mockRestore();
    await broken.stop();
  }
});

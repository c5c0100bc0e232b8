// Hosting in process, against a real SignalingServer: start, stop, the saved port, and
// the fall-back to a free port (reported) when the saved one is taken.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HostingService } from '../../main/hosting-service';
import { SettingsStore } from '../../main/settings-store';

let dir: string;
let settings: SettingsStore;
let service: HostingService;
const blockers: Server[] = [];

/** Loopback only, no LAN scan: the same server headless mode runs, made quiet for tests. */
const newService = () =>
  new HostingService({
    settings,
    staticDir: join(dir, 'renderer'),
    server: { bind: '127.0.0.1', networkInterfaces: () => ({}), defaultRouteAddress: async () => undefined },
  });

function occupyPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    blockers.push(server);
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port));
  });
}

async function healthz(port: number): Promise<number> {
  return (await fetch(`http://127.0.0.1:${port}/healthz`)).status;
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hosting-service-'));
  settings = new SettingsStore(join(dir, 'settings.json'));
  service = newService();
});

afterEach(async () => {
  await service.stop();
  await Promise.all(blockers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
  await rm(dir, { recursive: true, force: true });
});

it('starts the signaling server and hands back its port, host key and join links', async () => {
  await settings.update({ hostingPort: 0 });
  const started = await service.start();
  if (!started.ok) throw new Error(started.error);
  expect(started.value.port).toBeGreaterThan(0);
  expect(started.value.hostKey).toMatch(/^[A-Za-z0-9_-]{22,}$/);
  expect(started.value.joinUrls).toEqual([
    expect.stringMatching(new RegExp(`^http://127\\.0\\.0\\.1:${started.value.port}/join#t=`)),
  ]);
  expect(started.value.portFallbackFrom).toBeUndefined();
  expect(service.running).toBe(true);
  expect(await healthz(started.value.port)).toBe(200);
});

it('answers a second start with the running server instead of opening another', async () => {
  await settings.update({ hostingPort: 0 });
  const [first, second] = await Promise.all([service.start(), service.start()]);
  expect(second).toEqual(first);
  expect(await service.start()).toEqual(first);
});

it('stops the server and frees its port', async () => {
  await settings.update({ hostingPort: 0 });
  const started = await service.start();
  if (!started.ok) throw new Error(started.error);
  await service.stop();
  expect(service.running).toBe(false);
  await expect(healthz(started.value.port)).rejects.toThrow();
  await service.stop(); // twice is fine
});

it('uses the saved port', async () => {
  const port = await occupyPort();
  await new Promise((resolve) => blockers.pop()!.close(resolve)); // free it again, but known
  await service.setPreferredPort(port);
  expect(await service.preferredPort()).toBe(port);
  const started = await service.start();
  expect(started).toMatchObject({ ok: true, value: { port } });
});

it('falls back to a free port when the saved one is taken, and says which it was', async () => {
  const taken = await occupyPort();
  await service.setPreferredPort(taken);
  const started = await service.start();
  if (!started.ok) throw new Error(started.error);
  expect(started.value.port).not.toBe(taken);
  expect(started.value.portFallbackFrom).toBe(taken);
  expect(await healthz(started.value.port)).toBe(200);
  // The preference stays: next time the saved port may be free again.
  expect(await service.preferredPort()).toBe(taken);
});

it('a stop during a start stops what that start opened', async () => {
  await settings.update({ hostingPort: 0 });
  const starting = service.start();
  await service.stop();
  const started = await starting;
  if (!started.ok) throw new Error(started.error);
  expect(service.running).toBe(false);
  await expect(healthz(started.value.port)).rejects.toThrow();
});

describe('the settings file', () => {
  it('is written atomically: no temp file is left behind, and the content is whole JSON', async () => {
    await Promise.all([settings.update({ hostingPort: 9471 }), settings.update({ hostingPort: 9472 })]);
    expect(await readdir(dir)).toEqual(['settings.json']);
    expect(JSON.parse(await readFile(settings.file, 'utf8'))).toEqual({ hostingPort: 9472 });
  });

  it('keeps fields this version does not know', async () => {
    await writeFile(settings.file, JSON.stringify({ windowBounds: { x: 1 }, hostingPort: 9470 }));
    await settings.update({ hostingPort: 0 });
    expect(JSON.parse(await readFile(settings.file, 'utf8'))).toEqual({ windowBounds: { x: 1 }, hostingPort: 0 });
  });

  it('falls back to defaults when the file is damaged or out of range', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    await writeFile(settings.file, '{"hostingPort": 80');
    expect(await settings.read()).toEqual({});
    await writeFile(settings.file, '{"hostingPort": 80}');
    expect(await settings.read()).toEqual({});
    expect(await service.preferredPort()).toBe(9470);
    expect(warn).toHaveBeenCalledTimes(3);
    warn.mockRestore();
  });
});

// The host and viewer sessions with authenticated signaling, against a real signaling
// server. The other side is a raw protocol client that signs (or forges) by hand, so
// each check is seen from outside: what reaches the media layer, what the state shows.
import WebSocket from 'ws';
import { createAppState, type AppState } from '../../renderer/app/app-state';
import { HostSession } from '../../renderer/host/host-session';
import { HostSignalAuth } from '../../renderer/security/host-signal-auth';
import { deriveSignalKeys } from '../../renderer/security/signal-mac';
import { ViewerSignalAuth } from '../../renderer/security/viewer-signal-auth';
import { ViewerSession } from '../../renderer/viewer/viewer-session';
import { parseJoinLink } from '../../signaling/protocol';
import { SignalingServer, type HostingInfo } from '../../signaling/server';
import { fakePlatform, RecordingDelivery, until, useInertPeerConnections } from '../support/session-fakes';
import { TestClient } from '../support/test-client';

(globalThis as unknown as { WebSocket: unknown }).WebSocket = WebSocket;
useInertPeerConnections();

/** Device storage as a browser page has it (Node has none), so a reloaded host page can find its key. */
class MemoryStorage {
  private readonly items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

let server: SignalingServer;
let info: HostingInfo;
const closers: Array<() => unknown> = [];

beforeEach(async () => {
  (globalThis as unknown as { localStorage: unknown }).localStorage = new MemoryStorage();
  server = new SignalingServer({
    bind: '127.0.0.1',
    networkInterfaces: () => ({}),
    defaultRouteAddress: async () => undefined,
  });
  info = await server.start();
});

afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
  await server.stop();
  delete (globalThis as unknown as { localStorage?: unknown }).localStorage;
});

const signalUrl = () => `ws://127.0.0.1:${info.port}/signal`;

async function connectedHost(): Promise<{
  app: AppState;
  host: HostSession;
  delivery: RecordingDelivery;
  linkKey: string;
}> {
  const app = createAppState({ view: 'host' });
  const delivery = new RecordingDelivery();
  const host = new HostSession(
    app.host,
    fakePlatform(() => info),
    () => delivery,
  );
  closers.push(() => host.stopHosting());
  await host.connect();
  await until(() => app.host.joinUrls.value.length > 0, 'join links');
  const parsed = parseJoinLink(app.host.joinUrls.value[0]!);
  if (!parsed.ok || parsed.value.linkKey === undefined) throw new Error('the host shows no link key');
  return { app, host, delivery, linkKey: parsed.value.linkKey };
}

/** A raw viewer admitted by `host`: its id, socket and (when given a key) its signing end. */
async function admittedViewer(app: AppState, host: HostSession, name: string, linkKey?: string) {
  const client = await TestClient.connect(signalUrl());
  closers.push(() => client.close());
  client.send({ type: 'hello', role: 'viewer', token: info.token, name, protocol: 1 });
  const welcome = await client.nextOfType('welcome');
  if (welcome.role !== 'viewer') throw new Error('not a viewer welcome');
  await until(() => app.host.viewers.value.some((v) => v.id === welcome.id), 'host sees the viewer');
  host.admit(welcome.id);
  const auth = linkKey === undefined ? null : new ViewerSignalAuth(deriveSignalKeys(linkKey)!);
  auth?.setSelfId(welcome.id);
  // The host's first message (the rejoin ticket) is signed for this viewer.
  const ticket = await client.nextOfType('signal');
  if (auth)
    expect(auth.open(ticket.data)).toMatchObject({ kind: 'authentic', payload: { rejoin: expect.any(String) } });
  return { id: welcome.id, client, auth };
}

const entryOf = (app: AppState, id: string) => app.host.viewers.value.find((v) => v.id === id);

describe('host side', () => {
  it('takes a signed signal from a viewer holding the link key, hands it on without auth, and shows the viewer as verified', async () => {
    const { app, host, delivery, linkKey } = await connectedHost();
    const viewer = await admittedViewer(app, host, 'Ann', linkKey);
    expect(entryOf(app, viewer.id)?.verified).toBeNull();
    viewer.client.send({
      type: 'signal',
      to: 'host',
      data: viewer.auth!.seal({ candidate: { candidate: 'c1' }, link: 'abc' }),
    });
    await until(() => delivery.signals.length === 1, 'the signal delivered');
    expect(delivery.signals[0]).toEqual([viewer.id, { candidate: { candidate: 'c1' }, link: 'abc' }]);
    expect(entryOf(app, viewer.id)?.verified).toBe(true);
  });

  it('drops and counts forged, altered and replayed signals; only the genuine one is delivered', async () => {
    const { app, host, delivery, linkKey } = await connectedHost();
    const viewer = await admittedViewer(app, host, 'Bob', linkKey);
    const genuine = viewer.auth!.seal({ candidate: { candidate: 'c1' } })!;
    const altered = { ...viewer.auth!.seal({ candidate: { candidate: 'c2' } })!, candidate: { candidate: 'evil' } };
    const unsigned = { candidate: { candidate: 'c3' } };
    for (const data of [genuine, genuine, altered, unsigned]) viewer.client.send({ type: 'signal', to: 'host', data });
    await until(() => entryOf(app, viewer.id)?.refusedSignals === 3, 'three refusals counted');
    expect(delivery.signals).toEqual([[viewer.id, { candidate: { candidate: 'c1' } }]]);
  });

  it('turns away a viewer whose link had no key while "Only verified viewers" is on, telling it why', async () => {
    const { app, host } = await connectedHost();
    expect(app.host.onlyVerified.value).toBe(true); // a new session
    const viewer = await admittedViewer(app, host, 'Cy');
    // Two in flight: the second reaches a host that has already turned Cy away and changes nothing.
    viewer.client.send({ type: 'signal', to: 'host', data: { candidate: { candidate: 'c1' } } });
    viewer.client.send({ type: 'signal', to: 'host', data: { candidate: { candidate: 'c2' } } });
    const told = await viewer.client.nextOfType('signal');
    expect(told.data).toMatchObject({ verify: 'required' });
    expect((await viewer.client.closed).code).toBe(4004);
    expect(entryOf(app, viewer.id)).toBeUndefined();
    expect(app.host.notice.value).toMatch(/Cy was turned away/);
    // The safe action comes first and the risk of the switch is plain (issue 14 item 10).
    const notice = app.host.notice.value ?? '';
    expect(notice).toMatch(/Send them the full link shown here/);
    expect(notice.indexOf('Send them the full link')).toBeLessThan(notice.indexOf('Only verified viewers'));
    expect(notice).toMatch(/Turning “Only verified viewers” off would let in anyone who has seen the link, unchecked/);
  });

  it('lets such a viewer in, marked not verified, when the host turns the setting off', async () => {
    const { app, host, delivery } = await connectedHost();
    host.setOnlyVerified(false);
    const viewer = await admittedViewer(app, host, 'Dee');
    viewer.client.send({ type: 'signal', to: 'host', data: { candidate: { candidate: 'c1' } } });
    await until(() => delivery.signals.length === 1, 'the signal delivered');
    expect(entryOf(app, viewer.id)?.verified).toBe(false);
  });

  it('a reloaded host page keeps the link key and the setting; a new hosting session gets new ones', async () => {
    const first = await connectedHost();
    first.host.setOnlyVerified(false);
    await first.host.stopHosting(); // the page goes away (the headless server keeps running)
    const reloaded = await connectedHost();
    expect(reloaded.linkKey).toBe(first.linkKey);
    expect(reloaded.app.host.onlyVerified.value).toBe(false);
    await reloaded.host.stopHosting();
    await server.stop();
    info = await server.start(); // a new start: new host key
    const next = await connectedHost();
    expect(next.linkKey).not.toBe(first.linkKey);
    expect(next.app.host.onlyVerified.value).toBe(true);
  });
});

describe('viewer side', () => {
  const LINK_KEY = 'AAECAwQFBgcICQoLDA0ODw';

  async function joinedViewer(link: string) {
    const rawHost = await TestClient.connect(signalUrl());
    closers.push(() => rawHost.close());
    rawHost.send({ type: 'hello', role: 'host', key: info.hostKey, protocol: 1 });
    await rawHost.nextOfType('welcome');
    const state = createAppState({ link, name: 'Eve' }).join;
    const session = new ViewerSession(state);
    closers.push(() => session.leave());
    session.join();
    const joined = await rawHost.nextOfType('viewer-joined');
    rawHost.send({ type: 'admit', id: joined.id });
    await until(() => state.status.value === 'connecting', 'admitted');
    return { rawHost, state, id: joined.id };
  }

  it('with a key, acts only on signed host messages and counts the rest', async () => {
    const { rawHost, state, id } = await joinedViewer(`${info.joinUrls[0]}&k=${LINK_KEY}`);
    expect(state.security.value.verified).toBe(true);
    const signer = new HostSignalAuth(deriveSignalKeys(LINK_KEY)!);
    const forger = new HostSignalAuth(deriveSignalKeys('BBECAwQFBgcICQoLDA0ODw')!);
    rawHost.send({ type: 'signal', to: id, data: { control: { paused: true } } });
    rawHost.send({ type: 'signal', to: id, data: forger.seal(id, { control: { paused: true } }) });
    await until(() => state.security.value.refusedSignals === 2, 'two refusals');
    expect(state.status.value).toBe('connecting');
    const genuine = signer.seal(id, { control: { paused: true } });
    rawHost.send({ type: 'signal', to: id, data: genuine });
    await until(() => state.status.value === 'paused', 'paused by the genuine message');
    rawHost.send({ type: 'signal', to: id, data: signer.seal(id, { control: { paused: false } }) });
    await until(() => state.status.value === 'connecting', 'resumed');
    rawHost.send({ type: 'signal', to: id, data: genuine }); // replayed: must not pause again
    await until(() => state.security.value.refusedSignals === 3, 'the replay refused');
    expect(state.status.value).toBe('connecting');
  });

  it('without a key, is shown as not verified, and is told why when the host turns it away', async () => {
    const { rawHost, state, id } = await joinedViewer(info.joinUrls[0]!);
    expect(state.security.value.verified).toBe(false);
    rawHost.send({ type: 'signal', to: id, data: { verify: 'required' } });
    rawHost.send({ type: 'kick', id });
    await until(() => state.status.value === 'failed', 'failed');
    expect(state.detail.value).toMatch(/security key/);
  });
});

// The host and viewer state machines against a real signaling server. WebRTC is the
// one thing replaced (a recording MediaDelivery, a fake capture): the browser suite
// covers real media; this covers every state the views show.
import WebSocket from 'ws';
import { createAppState, type AppState } from '../../renderer/app/app-state';
import { HostSession } from '../../renderer/host/host-session';
import { ViewerSession } from '../../renderer/viewer/viewer-session';
import { err, ok } from '../../signaling/protocol';
import { SignalingServer, type HostingInfo } from '../../signaling/server';
import { fakePlatform, RecordingDelivery, until, useInertPeerConnections } from '../support/session-fakes';

(globalThis as unknown as { WebSocket: unknown }).WebSocket = WebSocket;
useInertPeerConnections();

let server: SignalingServer;
let info: HostingInfo;
let app: AppState;
let delivery: RecordingDelivery;
let host: HostSession;
const viewers: ViewerSession[] = [];

beforeEach(async () => {
  server = new SignalingServer({
    bind: '127.0.0.1',
    networkInterfaces: () => ({}),
    defaultRouteAddress: async () => undefined,
  });
  info = await server.start();
  app = createAppState({ view: 'host' });
  delivery = new RecordingDelivery();
  host = new HostSession(
    app.host,
    fakePlatform(() => info),
    () => delivery,
  );
});

afterEach(async () => {
  for (const viewer of viewers.splice(0)) viewer.leave();
  await host.stopHosting();
  await server.stop();
});

function newViewer(name: string, link = info.joinUrls[0]!): { session: ViewerSession; state: AppState['join'] } {
  const state = createAppState({ link, name }).join;
  const session = new ViewerSession(state);
  viewers.push(session);
  return { session, state };
}

describe('host states', () => {
  it('goes idle -> starting -> ready on connect, and learns its join links (with its link key added)', async () => {
    expect(app.host.status.value).toBe('idle');
    const connecting = host.connect();
    expect(app.host.status.value).toBe('starting');
    await connecting;
    await until(() => app.host.status.value === 'ready', 'ready');
    await until(() => app.host.joinUrls.value.length > 0, 'join links');
    const linkKey = /&k=([A-Za-z0-9_-]{22})$/.exec(app.host.joinUrls.value[0] ?? '')?.[1];
    expect(linkKey).toBeDefined();
    expect(app.host.joinUrls.value).toEqual(info.joinUrls.map((url) => `${url}&k=${linkKey}`));
    expect(app.host.chosenJoinUrl.value).toBe(app.host.joinUrls.value[0]);
    expect(app.host.port.value).toBe(info.port);
  });

  it('goes live when capture starts, and idle again on stop, releasing capture and peers', async () => {
    await host.startHosting();
    await until(() => app.host.status.value === 'live', 'live');
    expect(delivery.source).not.toBeNull();
    expect(app.host.captureLabel.value).toBe('1920×1080 at 30 fps');
    const track = (delivery.source as MediaStream).getVideoTracks()[0] as unknown as { stop: jest.Mock };
    await host.stopHosting();
    expect(app.host.status.value).toBe('idle');
    expect(track.stop).toHaveBeenCalled();
    expect(delivery.closed).toBe(true);
  });

  it('tells the user when the preferred port was taken and another is used', async () => {
    const platform = fakePlatform(() => info);
    const session = new HostSession(
      app.host,
      {
        ...platform,
        startHosting: async () => {
          const started = await platform.startHosting();
          return started.ok ? ok({ ...started.value, portFallbackFrom: 9470 }) : started;
        },
      },
      () => delivery,
    );
    await session.connect();
    expect(app.host.notice.value).toBe(
      `Port 9470 was in use, so this session uses port ${info.port}. Links and the QR code already show it.`,
    );
    await session.stopHosting();
    expect(app.host.notice.value).toBeNull();
  });

  it('turns system audio off and says why where the platform cannot share sound', async () => {
    app.host.systemAudio.value = true;
    new HostSession(
      app.host,
      { ...fakePlatform(() => info), systemAudioSupport: async () => ({ available: false, reason: 'not on Linux' }) },
      () => delivery,
    );
    await until(() => app.host.systemAudioUnavailable.value !== null, 'answer');
    expect(app.host.systemAudioUnavailable.value).toBe('not on Linux');
    expect(app.host.systemAudio.value).toBe(false);
  });

  it('shows an error in words and stays idle when the platform cannot host', async () => {
    const session = new HostSession(
      app.host,
      { ...fakePlatform(() => info), startHosting: async () => err('no key in this link') },
      () => delivery,
    );
    await session.connect();
    expect(app.host.status.value).toBe('idle');
    expect(app.host.error.value).toBe('no key in this link');
  });
});

describe('host and viewer together', () => {
  it('waiting -> admitted: both sides move, and the host starts delivery to the viewer', async () => {
    await host.startHosting();
    await until(() => app.host.status.value === 'live', 'live');
    const ann = newViewer('Ann');
    ann.session.join();
    expect(ann.state.status.value).toBe('connecting');
    await until(() => ann.state.status.value === 'waiting', 'viewer waiting');
    await until(() => app.host.viewers.value.length === 1, 'host sees viewer');
    const [entry] = app.host.viewers.value;
    expect(entry).toMatchObject({ name: 'Ann', address: '127.0.0.1', state: 'waiting' });
    expect(app.host.joinRequests.value).toBe(1);
    expect(app.host.waitingCount.value).toBe(1);

    host.admit(entry!.id);
    expect(app.host.viewers.value[0]?.state).toBe('connecting');
    expect(delivery.viewers.has(entry!.id)).toBe(true);
    await until(() => ann.state.status.value === 'connecting', 'viewer admitted');
  });

  it('deny ends the viewer in "denied", kick in "kicked", and both leave the host list', async () => {
    await host.connect();
    await until(() => app.host.status.value === 'ready', 'ready');
    const bob = newViewer('Bob');
    const cy = newViewer('Cy');
    bob.session.join();
    cy.session.join();
    await until(() => app.host.viewers.value.length === 2, 'two viewers');
    const idOf = (name: string) => app.host.viewers.value.find((v) => v.name === name)!.id;
    host.deny(idOf('Bob'));
    await until(() => bob.state.status.value === 'denied', 'denied');
    host.admit(idOf('Cy'));
    host.kick(idOf('Cy'));
    await until(() => cy.state.status.value === 'kicked', 'kicked');
    expect(app.host.viewers.value).toEqual([]);
    expect(delivery.viewers.size).toBe(0);
  });

  it('turning approval off admits the waiting viewers', async () => {
    await host.connect();
    await until(() => app.host.status.value === 'ready', 'ready');
    const dee = newViewer('Dee');
    dee.session.join();
    await until(() => app.host.viewers.value.length === 1, 'viewer');
    host.setRequireApproval(false);
    await until(() => dee.state.status.value === 'connecting', 'admitted');
    expect(app.host.viewers.value[0]?.state).toBe('connecting');
  });

  it('tells viewers when the host goes away and comes back', async () => {
    await host.connect();
    await until(() => app.host.status.value === 'ready', 'ready');
    host.setRequireApproval(false);
    const eve = newViewer('Eve');
    eve.session.join();
    await until(() => eve.state.status.value === 'connecting', 'connecting');
    await host.stopHosting();
    await until(() => eve.state.status.value === 'host-away', 'host away');
    await host.connect();
    await until(() => eve.state.status.value === 'connecting', 'host back');
  });

  it('a server restart: host and viewer reconnect by themselves', async () => {
    await host.connect();
    await until(() => app.host.status.value === 'ready', 'ready');
    host.setRequireApproval(false);
    // The host's own link (with k): a returning viewer proves its ticket in a signed signal.
    await until(() => app.host.joinUrls.value.length > 0, 'join links');
    const fay = newViewer('Fay', app.host.joinUrls.value[0]);
    fay.session.join();
    await until(() => app.host.viewers.value.length === 1, 'viewer joined');
    const port = info.port;
    await server.stop();
    await until(() => app.host.status.value === 'reconnecting', 'host reconnecting');
    await until(
      () => ['reconnecting', 'connecting', 'host-away'].includes(fay.state.status.value),
      'viewer reconnecting',
    );
    server = new SignalingServer({
      port,
      bind: '127.0.0.1',
      hostKey: info.hostKey,
      token: info.token,
      requireApproval: false,
      networkInterfaces: () => ({}),
      defaultRouteAddress: async () => undefined,
    });
    info = await server.start();
    await until(() => app.host.status.value === 'ready', 'host back', 10_000);
    await until(
      () => app.host.viewers.value.length === 1 && fay.state.status.value === 'connecting',
      'viewer back',
      10_000,
    );
  });

  it('with approval on, a viewer admitted once is let back in by itself after a server restart', async () => {
    await host.connect();
    await until(() => app.host.status.value === 'ready', 'ready');
    await until(() => app.host.joinUrls.value.length > 0, 'join links');
    const gil = newViewer('Gil', app.host.joinUrls.value[0]);
    gil.session.join();
    await until(() => app.host.viewers.value.length === 1, 'viewer waiting');
    host.admit(app.host.viewers.value[0]!.id);
    await until(() => gil.state.status.value === 'connecting', 'admitted');
    await new Promise((resolve) => setTimeout(resolve, 50)); // the ticket follows the admit
    const port = info.port;
    const formerId = app.host.viewers.value[0]!.id;
    await server.stop();
    await until(() => app.host.status.value === 'reconnecting', 'host noticed');
    server = new SignalingServer({
      port,
      bind: '127.0.0.1',
      hostKey: info.hostKey,
      token: info.token,
      networkInterfaces: () => ({}),
      defaultRouteAddress: async () => undefined,
    });
    info = await server.start();
    await until(
      () =>
        app.host.status.value === 'ready' &&
        app.host.viewers.value.length === 1 &&
        app.host.viewers.value[0]!.id !== formerId,
      'both back',
      10_000,
    );
    await until(
      () => gil.state.status.value === 'connecting' && app.host.viewers.value[0]?.state === 'connecting',
      'let in without a click',
      10_000,
    );
    expect(app.host.joinRequests.value).toBe(1); // only the first request asked the host
    // The same peer connection carries on under the new id: no new one was made.
    const newId = app.host.viewers.value[0]!.id;
    expect(delivery.added).toHaveLength(1);
    expect(delivery.rebinds).toEqual([[delivery.added[0], newId]]);
    expect([...delivery.viewers]).toEqual([newId]);
  });

  it('a viewer that vanishes is kept, sent nothing, for a while; one that says goodbye is dropped at once', async () => {
    await host.connect();
    await until(() => app.host.status.value === 'ready', 'ready');
    host.setRequireApproval(false);
    const join = async (name: string) => {
      const raw = new WebSocket(`ws://127.0.0.1:${info.port}/signal`);
      await new Promise((resolve) => raw.once('open', resolve));
      raw.send(JSON.stringify({ type: 'hello', role: 'viewer', token: info.token, name, protocol: 1 }));
      await until(() => app.host.viewers.value.some((v) => v.name === name), name);
      return { raw, id: app.host.viewers.value.find((v) => v.name === name)!.id };
    };
    const lost = await join('Lost');
    const leaving = await join('Leaving');
    lost.raw.terminate();
    leaving.raw.send(JSON.stringify({ type: 'signal', to: 'host', data: { bye: true } }));
    leaving.raw.close();
    await until(() => app.host.viewers.value.length === 0, 'both gone from the list');
    expect(delivery.suspended.has(lost.id)).toBe(true);
    expect(delivery.viewers.has(lost.id)).toBe(true); // kept for a return
    expect(delivery.viewers.has(leaving.id)).toBe(false); // said goodbye
  });

  it('a kicked viewer’s ticket is void', async () => {
    await host.connect();
    await until(() => app.host.status.value === 'ready', 'ready');
    host.setRequireApproval(false);
    const raw = new WebSocket(`ws://127.0.0.1:${info.port}/signal`);
    const tickets: string[] = [];
    raw.on('message', (text) => {
      const message = JSON.parse(text.toString()) as { type: string; data?: { rejoin?: string } };
      if (message.type === 'signal' && message.data?.rejoin) tickets.push(message.data.rejoin);
    });
    await new Promise((resolve) => raw.once('open', resolve));
    raw.send(JSON.stringify({ type: 'hello', role: 'viewer', token: info.token, name: 'Kim', protocol: 1 }));
    await until(() => tickets.length === 1, 'ticket');
    host.setRequireApproval(true);
    host.kick(app.host.viewers.value[0]!.id);
    const again = new WebSocket(`ws://127.0.0.1:${info.port}/signal`);
    await new Promise((resolve) => again.once('open', resolve));
    again.send(
      JSON.stringify({
        type: 'hello',
        role: 'viewer',
        token: info.token,
        name: 'Kim',
        protocol: 1,
        rejoin: tickets[0],
      }),
    );
    await until(() => app.host.viewers.value.length === 1, 'back, asking');
    await new Promise((resolve) => setTimeout(resolve, 100)); // on purpose: it must not be let in meanwhile
    expect(app.host.viewers.value[0]?.state).toBe('waiting');
    raw.close();
    again.close();
  });

  it('does not let a stranger in with a made-up ticket', async () => {
    await host.connect();
    await until(() => app.host.status.value === 'ready', 'ready');
    const raw = new WebSocket(`ws://127.0.0.1:${info.port}/signal`);
    await new Promise((resolve) => raw.once('open', resolve));
    raw.send(
      JSON.stringify({
        type: 'hello',
        role: 'viewer',
        token: info.token,
        name: 'Mallory',
        protocol: 1,
        rejoin: 'f'.repeat(32),
      }),
    );
    await until(() => app.host.viewers.value.length === 1, 'viewer');
    await new Promise((resolve) => setTimeout(resolve, 100)); // on purpose: it must not be let in meanwhile
    expect(app.host.viewers.value[0]?.state).toBe('waiting');
    raw.close();
  });

  it('relays the viewer stats report to the host entry, keeping only numbers', async () => {
    await host.connect();
    await until(() => app.host.status.value === 'ready', 'ready');
    host.setRequireApproval(false);
    const raw = new WebSocket(`ws://127.0.0.1:${info.port}/signal`);
    await new Promise((resolve) => raw.once('open', resolve));
    raw.send(JSON.stringify({ type: 'hello', role: 'viewer', token: info.token, name: 'Raw', protocol: 1 }));
    await until(() => app.host.viewers.value.length === 1, 'viewer');
    raw.send(JSON.stringify({ type: 'stats', data: { fps: 24, width: 1280, height: 720, bitrateBps: '9e9' } }));
    await until(() => app.host.viewers.value[0]?.received !== null, 'stats');
    expect(app.host.viewers.value[0]?.received).toMatchObject({ fps: 24, width: 1280, height: 720, bitrateBps: null });
    raw.close();
  });
});

describe('viewer states without a host', () => {
  it('says "unreachable" when nothing answers, and keeps trying', async () => {
    const port = info.port;
    await server.stop();
    const gus = newViewer('Gus', `http://127.0.0.1:${port}/join#t=${info.token}`);
    gus.session.join();
    await until(() => gus.state.status.value === 'unreachable', 'unreachable');
  });

  it('ends in "failed" with words when the access code is wrong', async () => {
    const hal = newViewer('Hal', `http://127.0.0.1:${info.port}/join#t=${'x'.repeat(43)}`);
    hal.session.join();
    await until(() => hal.state.status.value === 'failed', 'failed');
    expect(hal.state.detail.value).toMatch(/access code/);
  });

  it('ends in "full" when the session is full', async () => {
    await server.stop();
    server = new SignalingServer({
      bind: '127.0.0.1',
      maxViewers: 1,
      maxWaitingViewers: 1, // waiting viewers are capped apart from admitted ones
      networkInterfaces: () => ({}),
      defaultRouteAddress: async () => undefined,
    });
    info = await server.start();
    const first = newViewer('One');
    first.session.join();
    await until(() => first.state.status.value === 'waiting', 'first waiting');
    const second = newViewer('Two');
    second.session.join();
    await until(() => second.state.status.value === 'full', 'full');
  });

  it('puts a bad link error next to the field and does not connect', () => {
    const ivy = newViewer('Ivy', 'hello there');
    ivy.session.join();
    expect(ivy.state.status.value).toBe('idle');
    expect(ivy.state.linkError.value).toMatch(/not a link/);
  });

  it('joins with a default name when none is given', async () => {
    const nameless = newViewer('');
    await host.connect();
    nameless.session.join();
    await until(() => app.host.viewers.value.length === 1, 'viewer');
    expect(app.host.viewers.value[0]?.name).toBe('Guest');
  });
});

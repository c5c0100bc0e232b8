// Rejoin tickets against a real signaling server (issue 14 item 1): someone who sniffed a viewer's
// ticket (it travels in a signal over plain ws://) and opens a second socket with it is neither
// let in past the host's approval nor shown as verified, while the ticket's owner is connected
// or after it left; the owner's own return, proved under its new id, still works.
import WebSocket from 'ws';
import { createAppState, type AppState } from '../../renderer/app/app-state';
import { HostSession } from '../../renderer/host/host-session';
import { rejoinHandle, rejoinProof } from '../../renderer/security/rejoin-proof';
import { deriveSignalKeys } from '../../renderer/security/signal-mac';
import { ViewerSignalAuth } from '../../renderer/security/viewer-signal-auth';
import { parseJoinLink } from '../../signaling/protocol';
import { fakePlatform, RecordingDelivery, until, useInertPeerConnections } from '../support/session-fakes';
import { startServer, track, type Fixture } from '../support/server-fixture';
import { TestClient } from '../support/test-client';

(globalThis as unknown as { WebSocket: unknown }).WebSocket = WebSocket;
useInertPeerConnections();

let fixture: Fixture;
let app: AppState;
let delivery: RecordingDelivery;
let host: HostSession;
let linkKey: string;

beforeEach(async () => {
  fixture = await startServer();
  app = createAppState({ view: 'host' });
  delivery = new RecordingDelivery();
  host = new HostSession(
    app.host,
    fakePlatform(() => fixture.info),
    () => delivery,
  );
  await host.connect();
  await until(() => app.host.joinUrls.value.length > 0, 'join links');
  const parsed = parseJoinLink(app.host.joinUrls.value[0]!);
  if (!parsed.ok || parsed.value.linkKey === undefined) throw new Error('the host shows no link key');
  linkKey = parsed.value.linkKey;
});

afterEach(() => host.stopHosting());

const entryOf = (id: string) => app.host.viewers.value.find((v) => v.id === id);
// The deadline for a proof that never comes is tested in tests/unit/returning-viewers.test.ts.
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function hello(name: string, rejoin?: string) {
  const client = track(await TestClient.connect(fixture.signalUrl));
  client.send({
    type: 'hello',
    role: 'viewer',
    token: fixture.info.token,
    name,
    protocol: 1,
    ...(rejoin ? { rejoin } : {}),
  });
  const welcome = await client.nextOfType('welcome');
  if (welcome.role !== 'viewer') throw new Error('not a viewer welcome');
  await until(() => entryOf(welcome.id) !== undefined, `the host lists ${name}`);
  return { client, id: welcome.id };
}

/** The genuine viewer: admitted by the host, holding the link key, and signed once (verified). */
async function ownerWithTicket() {
  const owner = await hello('Ann');
  host.admit(owner.id);
  const auth = new ViewerSignalAuth(deriveSignalKeys(linkKey)!);
  auth.setSelfId(owner.id);
  // What a sniffer sees on the wire: the signal carrying the ticket (signed, not encrypted).
  const sniffed = await owner.client.nextOfType('signal');
  const opened = auth.open(sniffed.data);
  if (opened.kind !== 'authentic' || typeof opened.payload.rejoin !== 'string') throw new Error('no ticket');
  owner.client.send({ type: 'signal', to: 'host', data: auth.seal({ candidate: { candidate: 'c1' } }) });
  await until(() => entryOf(owner.id)?.verified === true, 'the owner verified');
  return { ...owner, auth, ticket: opened.payload.rejoin };
}

it('does not admit or verify a second socket sending the sniffed ticket while its owner is connected', async () => {
  const owner = await ownerWithTicket();
  const sniffer = await hello('Ann', owner.ticket);
  const sniffedHandle = await hello('Ann', rejoinHandle(owner.ticket));
  await pause(200);
  for (const id of [sniffer.id, sniffedHandle.id]) {
    expect(entryOf(id)?.state).toBe('waiting'); // the host is asked, as for anyone
    expect(entryOf(id)?.verified).toBeNull();
  }
  expect(sniffer.client.pending().some((m) => m.type === 'admitted')).toBe(false);
  expect(sniffedHandle.client.pending().some((m) => m.type === 'admitted')).toBe(false);
  expect(entryOf(owner.id)?.state).toBe('connecting'); // the owner is untouched
});

it('turns away a sniffer who names the ticket after the owner left but cannot sign its proof', async () => {
  const owner = await ownerWithTicket();
  owner.client.socket.terminate();
  await until(() => entryOf(owner.id) === undefined, 'the owner gone');
  const sniffer = await hello('Ann', rejoinHandle(owner.ticket));
  await sniffer.client.nextOfType('admitted'); // let in only to prove itself
  expect(entryOf(sniffer.id)?.verified).toBeNull();
  // It knows the ticket (sniffed) but not the link key: an unsigned proof.
  sniffer.client.send({ type: 'signal', to: 'host', data: { returning: rejoinProof(owner.ticket, sniffer.id) } });
  expect((await sniffer.client.closed).code).toBe(4004);
  expect(delivery.rebinds).toEqual([]);
  expect(delivery.viewers.has(sniffer.id)).toBe(false);
});

it('lets the owner back under its new id once its signed proof passes, verified only then', async () => {
  const owner = await ownerWithTicket();
  owner.client.socket.terminate();
  await until(() => entryOf(owner.id) === undefined, 'the owner gone');
  const back = await hello('Ann', rejoinHandle(owner.ticket));
  await back.client.nextOfType('admitted');
  await pause(100);
  expect(entryOf(back.id)?.verified).toBeNull(); // nothing signed under the new id yet
  expect(delivery.rebinds).toEqual([]);
  owner.auth.setSelfId(back.id);
  back.client.send({
    type: 'signal',
    to: 'host',
    data: owner.auth.seal({ returning: rejoinProof(owner.ticket, back.id) }),
  });
  await until(() => delivery.rebinds.length === 1, 'the kept connection carried on');
  expect(delivery.rebinds).toEqual([[owner.id, back.id]]);
  expect(entryOf(back.id)?.verified).toBe(true);
});

it('starts afresh for the new id, keeping nothing of the old one, when the kept connection cannot carry on', async () => {
  const owner = await ownerWithTicket();
  // What the direct strategy says of a connection that never got the viewer's answer (its offer was lost).
  delivery.rebind = () => false;
  owner.client.socket.terminate();
  await until(() => entryOf(owner.id) === undefined, 'the owner gone');
  expect(delivery.suspended.has(owner.id)).toBe(true);
  const back = await hello('Ann', rejoinHandle(owner.ticket));
  await back.client.nextOfType('admitted');
  owner.auth.setSelfId(back.id);
  back.client.send({
    type: 'signal',
    to: 'host',
    data: owner.auth.seal({ returning: rejoinProof(owner.ticket, back.id) }),
  });
  await until(() => delivery.viewers.has(back.id), 'a new delivery for the new id');
  expect(delivery.viewers.has(owner.id)).toBe(false); // the former connection is released, not left behind
  expect([...delivery.viewers]).toEqual([back.id]);
});

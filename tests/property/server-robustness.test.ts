// Whatever a client sends (any string, any JSON, any shape of message, any bytes, as
// text or binary, before or after hello, as viewer or host), the server answers within
// the contract: it either keeps the connection (and keeps relaying in order) or sends
// `error` and closes with that error's code. It never crashes or stalls, and a
// well-behaved host and viewer still complete their round trips afterwards.
import fc from 'fast-check';
import { FATAL_ERRORS, type ServerMessage } from '../../signaling/protocol';
import { TestClient } from '../support/test-client';
import { startServer, track, type Fixture } from '../support/server-fixture';
import { until } from '../support/wait';

jest.setTimeout(30_000);

type Frame =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'bytes'; readonly bytes: Uint8Array; readonly binary: boolean };
type Role = 'pending' | 'viewer' | 'host';

const RUNS = 100;
const RUN_TIMEOUT_MS = 3_000;
const WAIT_MS = 2_000;
/**
 * Polls the logs (not awaiting messages), which leaves nothing waiting behind; every 2 ms, as a run checks thousands of
 * verdicts.
 */
const waitFor = <T>(check: () => T | undefined, what: string) => until(check, what, WAIT_MS, 2);

// ---- arbitraries ----

/** Stands for the long-lived viewer's id in generated frames; replaced when a run sends them. */
const STABLE = '$STABLE';

// The v1 types, this server's additions (session, configure, rejoin) and some server-only types.
const KNOWN_TYPES = [
  'hello',
  'admit',
  'deny',
  'kick',
  'signal',
  'stats',
  'session',
  'configure',
  'welcome',
  'error',
  'admitted',
  'viewer-joined',
  'host-left',
];
const FIELD_NAMES = [
  'type',
  'role',
  'key',
  'token',
  'name',
  'protocol',
  'rejoin',
  'id',
  'to',
  'from',
  'data',
  'code',
  'requireApproval',
  'maxViewers',
  '__proto__',
  'constructor',
];
/** Values that are sometimes right (so messages get past the first checks) and often wrong. */
const fieldValue = fc.oneof(
  fc.constantFrom('host', 'viewer', STABLE, 'v1', '', ' ', 1, 2, 0, -1, null, true, {}, [], {
    sdp: { type: 'offer', sdp: 'v=0' },
  }),
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ maxLength: 80 }),
  fc.object({ maxDepth: 2 }),
);
const randomShape = fc
  .tuple(fc.constantFrom(...KNOWN_TYPES), fc.dictionary(fc.constantFrom(...FIELD_NAMES), fieldValue, { maxKeys: 5 }))
  .map(([type, fields]) => ({ ...fields, type }));
/** Well-typed client messages with random contents, so the non-fatal paths run too. */
const someId = fc.oneof(fc.constantFrom('host', STABLE, 'v1', 'v999', ''), fc.string({ maxLength: 64 }));
const someData = fc.oneof(fc.object({ maxDepth: 2 }), fc.constant({ candidate: { candidate: 'c', sdpMid: '0' } }));
const wellTyped = fc.oneof(
  fc.record({ type: fc.constantFrom('admit', 'deny', 'kick'), id: someId }),
  fc.record({
    type: fc.constant('signal'),
    to: fc.oneof({ arbitrary: fc.constant('host'), weight: 2 }, { arbitrary: someId, weight: 1 }),
    data: someData,
  }),
  fc.record({ type: fc.constant('stats'), data: someData }),
  fc.record({
    type: fc.constant('hello'),
    role: fc.constantFrom('host', 'viewer'),
    key: fc.string(),
    token: fc.string(),
    name: fc.string(),
    protocol: fc.constantFrom(1, 2),
  }),
  fc.record({ type: fc.constant('session') }),
  fc.record(
    { type: fc.constant('configure'), requireApproval: fc.boolean(), maxViewers: fc.integer({ min: 0, max: 20 }) },
    { requiredKeys: ['type'] },
  ),
);

/**
 * Signal frames written by hand the way other JSON encoders might: whitespace, keys in
 * any order, a decoy "data" that a later duplicate overrides, the key spelled with an
 * escape. What is relayed must be what JSON.parse reads as `data`.
 */
const trickySignal = fc
  .record({
    to: fc.oneof({ arbitrary: fc.constant('host'), weight: 3 }, { arbitrary: fc.constant(STABLE), weight: 2 }),
    data: someData,
    decoy: fc.option(fc.oneof(fc.object({ maxDepth: 1 }), fc.jsonValue({ maxDepth: 1 })), { nil: undefined }),
    escapedKey: fc.boolean(),
    dataFirst: fc.boolean(),
    space: fc.constantFrom('', ' ', '\n\t '),
  })
  .map(({ to, data, decoy, escapedKey, dataFirst, space }) => {
    const entries = [`"type":${space}"signal"`, `"to":${space}${JSON.stringify(to)}`];
    const real = `${escapedKey ? '"d\\u0061ta"' : '"data"'}${space}:${space}${JSON.stringify(data, null, space.length > 1 ? 1 : undefined)}`;
    if (dataFirst) entries.unshift(real);
    else entries.push(real);
    // A duplicate before the real one: JSON.parse keeps the last.
    if (decoy !== undefined) entries.unshift(`"data":${JSON.stringify(decoy)}`);
    return `{${space}${entries.join(`,${space}`)}${space}}`;
  });
const messageShaped = fc
  .oneof({ arbitrary: wellTyped, weight: 3 }, { arbitrary: randomShape, weight: 1 })
  .map((message) => JSON.stringify(message));

const text = (arb: fc.Arbitrary<string>): fc.Arbitrary<Frame> => arb.map((t) => ({ kind: 'text', text: t }));
const frames = (frame: fc.Arbitrary<Frame>) => fc.array(frame, { minLength: 1, maxLength: 3 });
const role = fc.constantFrom<Role>('pending', 'viewer', 'host');

// ---- helpers ----

function withTimeout<T>(promise: Promise<T>, what: string, ms = WAIT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`stalled: ${what} after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function send(client: TestClient, frame: Frame): void {
  if (frame.kind === 'text') client.socket.send(frame.text);
  else client.socket.send(frame.bytes, { binary: frame.binary });
}

function isInvalidUtf8Text(frame: Frame): boolean {
  if (frame.kind !== 'bytes' || frame.binary) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(frame.bytes);
    return false;
  } catch {
    return true;
  }
}

/** Every message a client received, in order (TestClient already rejects invalid server frames). */
function record(client: TestClient): ServerMessage[] {
  const log: ServerMessage[] = [];
  client.socket.on('message', (data) => log.push(JSON.parse(data.toString()) as ServerMessage));
  return log;
}

/**
 * The contract for a connection the server closed: its last message was `error` with
 * a fatal code, and the close code is that code's. The only exception is a text frame
 * that is not UTF-8, which the WebSocket layer itself closes with 1007.
 */
async function expectContractClose(
  client: TestClient,
  log: readonly ServerMessage[],
  sent: readonly Frame[],
): Promise<void> {
  const { code } = await withTimeout(client.closed, 'close');
  if (code === 1007) {
    expect(sent.some(isInvalidUtf8Text)).toBe(true);
    return;
  }
  const last = log.at(-1);
  if (last?.type !== 'error')
    throw new Error(`closed with ${code} without an error message; got ${JSON.stringify(log)}`);
  expect(Object.hasOwn(FATAL_ERRORS, last.code)).toBe(true);
  expect(code).toBe(FATAL_ERRORS[last.code as keyof typeof FATAL_ERRORS]);
}

/** The frames that were JSON objects, as JSON.parse reads them (the server's view of them). */
function sentObjects(sent: readonly Frame[]): Array<Record<string, unknown>> {
  return sent.flatMap((frame) => {
    if (frame.kind !== 'text') return [];
    try {
      const value: unknown = JSON.parse(frame.text);
      return typeof value === 'object' && value !== null && !Array.isArray(value)
        ? [value as Record<string, unknown>]
        : [];
    } catch {
      return [];
    }
  });
}

interface Participant {
  readonly client: TestClient;
  readonly log: ServerMessage[];
  readonly id: string;
}

/**
 * A server (approval off) with a long-lived host and a long-lived admitted viewer,
 * each replaced whenever a run gets it closed.
 */
class Arena {
  private nonce = 0;
  host!: Participant;
  stable!: Participant;

  private constructor(readonly f: Fixture) {}

  static async open(): Promise<Arena> {
    const arena = new Arena(await startServer({ requireApproval: false }));
    await arena.newHost();
    await arena.newStable();
    return arena;
  }

  private async newHost(): Promise<void> {
    await waitFor(() => (this.f.server.snapshot().hostPresent ? undefined : true), 'the old host to be gone');
    const client = await this.f.host();
    this.host = { client, log: record(client), id: 'host' };
    await this.resetSettings();
  }

  /**
   * Undoes any `configure` a run sent, so the next viewers are admitted at once and fit.
   * Resolves false when the host turns out to be closed (a run's frames closed it).
   */
  private async resetSettings(): Promise<boolean> {
    const { client, log } = this.host;
    const before = log.length;
    client.send({ type: 'configure', requireApproval: false, maxViewers: 16 });
    const reply = await waitFor(
      () =>
        log.slice(before).some((m) => m.type === 'session')
          ? 'session'
          : client.socket.readyState === client.socket.CLOSED
            ? 'closed'
            : undefined,
      'the session reply',
    );
    return reply === 'session';
  }

  private async newStable(): Promise<void> {
    const { client, id } = await this.f.viewer('Stable');
    this.stable = { client, log: record(client), id };
  }

  /** One run: `frames` from a client in `as`, then a probe proving the server moved on. */
  async run(as: Role, generated: readonly Frame[]): Promise<void> {
    const sent = generated.map((frame) =>
      frame.kind === 'text' ? { ...frame, text: frame.text.split(STABLE).join(this.stable.id) } : frame,
    );
    const probe = { probe: (this.nonce += 1) };
    const isProbe = (m: ServerMessage, from: string) =>
      m.type === 'signal' && m.from === from && (m.data as { probe?: number }).probe === probe.probe;

    if (as === 'pending') {
      const client = track(await TestClient.connect(this.f.signalUrl));
      const log = record(client);
      for (const frame of sent) send(client, frame);
      // No frame can be a valid hello (that needs a secret), so the server must close it.
      await expectContractClose(client, log, sent);
      return;
    }

    if (as === 'viewer') {
      const { client, id } = await this.f.viewer('Fuzz');
      const log = record(client);
      for (const frame of sent) send(client, frame);
      client.send({ type: 'signal', to: 'host', data: probe });
      const hostLog = this.host.log;
      const outcome = await waitFor(
        () =>
          hostLog.some((m) => isProbe(m, id))
            ? 'relayed'
            : hostLog.some((m) => m.type === 'viewer-left' && m.id === id)
              ? 'closed'
              : undefined,
        'the viewer probe or its departure',
      );
      if (outcome === 'closed') return expectContractClose(client, log, sent);
      // Still connected, and it heard nothing: the host sent it nothing.
      expect(log).toEqual([]);
      // Every signal and stats it sent reached the host, in order, with data as JSON.parse reads it.
      const parsed = sentObjects(sent);
      const fromIt = hostLog.filter(
        (m) => (m.type === 'signal' && m.from === id && !isProbe(m, id)) || (m.type === 'viewer-stats' && m.id === id),
      );
      expect(fromIt.map((m) => [m.type, (m as { data: unknown }).data])).toEqual(
        parsed
          .filter((m) => m.type === 'signal' || m.type === 'stats')
          .map((m) => [m.type === 'stats' ? 'viewer-stats' : 'signal', m.data]),
      );
      client.close();
      const left = await waitFor(() => hostLog.find((m) => m.type === 'viewer-left' && m.id === id), 'viewer-left');
      expect(left).toEqual({ type: 'viewer-left', id, reason: 'left' });
      return;
    }

    // as host: the long-lived host sends the frames, then signals the stable viewer.
    const { host } = this;
    const heardBefore = host.log.length;
    const stableBefore = this.stable.log.length;
    let replaced = false;
    for (const frame of sent) send(host.client, frame);
    for (;;) {
      const { stable } = this;
      host.client.send({ type: 'signal', to: stable.id, data: probe });
      const outcome = await waitFor(
        () =>
          stable.log.some((m) => isProbe(m, 'host'))
            ? 'relayed'
            : host.client.socket.readyState === host.client.socket.CLOSED
              ? 'host-closed'
              : stable.log.some((m) => m.type === 'error')
                ? 'stable-removed'
                : undefined,
        'the host probe or the host closing',
      );
      if (outcome === 'relayed') {
        // All the host heard meanwhile is non-fatal: unknown-peer for commands naming no one.
        for (const m of host.log.slice(heardBefore)) if (m.type === 'error') expect(m.code).toBe('unknown-peer');
        // The signals it addressed to the stable viewer arrived in order, data as JSON.parse reads it.
        if (!replaced) {
          const got = stable.log.slice(stableBefore).filter((m) => m.type === 'signal' && !isProbe(m, 'host'));
          const meant = sentObjects(sent).filter((m) => m.type === 'signal' && m.to === stable.id);
          expect(got.map((m) => (m as { data: unknown }).data)).toEqual(meant.map((m) => m.data));
        }
        await this.resetSettings();
        return;
      }
      if (outcome === 'host-closed') {
        await expectContractClose(host.client, host.log, sent);
        await this.newHost();
        return;
      }
      // The frames denied or kicked the stable viewer by its id, as a host may: check that
      // went by the contract, replace the viewer and probe again.
      const removal = stable.log.find((m) => m.type === 'error');
      const { code } = await withTimeout(stable.client.closed, 'the removed viewer to close');
      expect(removal?.type === 'error' && [removal.code, code]).toEqual(
        code === FATAL_ERRORS.denied ? ['denied', 4003] : ['kicked', 4004],
      );
      // If the host is closed too, the next probe finds that out.
      await this.resetSettings();
      await this.newStable();
      replaced = true;
    }
  }

  /** A fresh, well-behaved host and viewer complete hello, admit and signal round trips. */
  async checkHealthy(): Promise<void> {
    expect(this.f.server.running).toBe(true);
    const health = await fetch(`${this.f.httpUrl}/healthz`);
    expect(await health.json()).toEqual({ status: 'ok' });
    this.host.client.close();
    await this.newHost();
    const host = this.host.client;
    const { client: viewer, id } = await this.f.viewer('Check');
    expect(await host.nextOfType('viewer-joined')).toEqual({
      type: 'viewer-joined',
      id,
      name: 'Check',
      address: '127.0.0.1',
      state: 'admitted',
    });
    host.send({ type: 'admit', id });
    host.send({ type: 'signal', to: id, data: { sdp: { type: 'offer', sdp: 'v=0' } } });
    expect(await viewer.nextOfType('signal')).toEqual({
      type: 'signal',
      from: 'host',
      data: { sdp: { type: 'offer', sdp: 'v=0' } },
    });
    viewer.send({ type: 'signal', to: 'host', data: { sdp: { type: 'answer', sdp: 'v=0' } } });
    viewer.send({ type: 'stats', data: { fps: 30 } });
    expect(await host.nextOfType('signal')).toEqual({
      type: 'signal',
      from: id,
      data: { sdp: { type: 'answer', sdp: 'v=0' } },
    });
    expect(await host.next()).toEqual({ type: 'viewer-stats', id, data: { fps: 30 } });
    viewer.close();
    expect(await host.nextOfType('viewer-left')).toEqual({ type: 'viewer-left', id, reason: 'left' });
  }
}

async function fuzz(frame: fc.Arbitrary<Frame>, roles: fc.Arbitrary<Role> = role): Promise<void> {
  const arena = await Arena.open();
  let runs = 0;
  await fc.assert(
    fc.asyncProperty(roles, frames(frame), async (as, sent) => {
      await arena.run(as, sent);
      runs += 1;
      if (runs % 40 === 0) await arena.checkHealthy();
    }),
    // The arena carries state from run to run, so a shrunk case would not replay the failure.
    { numRuns: RUNS, timeout: RUN_TIMEOUT_MS, endOnFailure: true },
  );
  await arena.checkHealthy();
}

describe('the server under arbitrary input', () => {
  it('stays within the contract for arbitrary strings', () =>
    fuzz(text(fc.string({ unit: 'binary', maxLength: 120 }))));

  it('stays within the contract for arbitrary JSON texts and values', () =>
    fuzz(
      fc.oneof(
        text(fc.json({ maxDepth: 3 })),
        text(fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? 'null')),
      ),
    ));

  it('stays within the contract for objects with a known type and random fields', () => fuzz(text(messageShaped)));

  it('relays, refuses or removes by the contract for well-typed messages from a viewer or the host', () =>
    fuzz(text(wellTyped.map((message) => JSON.stringify(message))), fc.constantFrom<Role>('viewer', 'host')));

  it('relays data exactly as JSON.parse reads it, however the signal frame is spelled', () =>
    fuzz(
      text(
        fc.oneof(
          trickySignal,
          wellTyped.map((message) => JSON.stringify(message)),
        ),
      ),
      fc.constantFrom<Role>('viewer', 'host'),
    ));

  it('stays within the contract for arbitrary bytes sent as binary or as text frames', () =>
    fuzz(
      fc.record({
        kind: fc.constant<'bytes'>('bytes'),
        bytes: fc.uint8Array({ maxLength: 200 }),
        binary: fc.boolean(),
      }),
    ));
});

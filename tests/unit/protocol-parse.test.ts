import {
  ERROR_CODES,
  FATAL_ERRORS,
  isFatal,
  parseClientMessage,
  parseServerMessage,
  STATS_MAX_BYTES,
  type ServerMessage,
} from '../../signaling/protocol';

const TOKEN = 'A'.repeat(43);
const raw = (value: unknown) => JSON.stringify(value);
const codeOf = (text: string) => {
  const result = parseClientMessage(text);
  return result.ok ? 'ok' : result.error.code;
};

describe('parseClientMessage accepts every client message of protocol v1', () => {
  const valid: Array<[string, Record<string, unknown>]> = [
    ['host hello', { type: 'hello', role: 'host', key: TOKEN, protocol: 1 }],
    ['viewer hello', { type: 'hello', role: 'viewer', token: TOKEN, name: 'Ann', protocol: 1 }],
    ['admit', { type: 'admit', id: 'v1' }],
    ['deny', { type: 'deny', id: 'v1' }],
    ['kick', { type: 'kick', id: 'v1' }],
    ['signal with sdp', { type: 'signal', to: 'host', data: { sdp: { type: 'offer', sdp: 'v=0\r\n' } } }],
    [
      'signal with candidate',
      {
        type: 'signal',
        to: 'v3',
        data: { candidate: { candidate: 'candidate:1 1 udp 1 1.2.3.4 5 typ host', sdpMid: '0' } },
      },
    ],
    ['stats', { type: 'stats', data: { fps: 30, bitrate: 1_000_000 } }],
  ];
  it.each(valid)('%s', (_label, message) => {
    expect(parseClientMessage(raw(message))).toEqual({ ok: true, value: message });
  });

  it('ignores unknown extra fields (forward compatible)', () => {
    expect(parseClientMessage(raw({ type: 'admit', id: 'v1', extra: true }))).toEqual({
      ok: true,
      value: { type: 'admit', id: 'v1' },
    });
  });

  it('keeps signal data opaque, including fields added by later versions', () => {
    const data = { sdp: { type: 'answer', sdp: 'x' }, auth: { seq: 4, mac: 'abc' } };
    expect(parseClientMessage(raw({ type: 'signal', to: 'host', data }))).toEqual({
      ok: true,
      value: { type: 'signal', to: 'host', data },
    });
  });
});

describe('parseClientMessage rejects every wrong shape as bad-message', () => {
  const invalid: Array<[string, string]> = [
    ['not JSON', '{type:'],
    ['empty frame', ''],
    ['JSON null', 'null'],
    ['JSON number', '42'],
    ['JSON string', '"hello"'],
    ['JSON array', raw([{ type: 'hello' }])],
    ['no type', raw({ role: 'host' })],
    ['numeric type', raw({ type: 7 })],
    ['unknown type', raw({ type: 'teleport' })],
    ['prototype key as type', raw({ type: '__proto__' })],
    ['toString as type', raw({ type: 'toString' })],
    ['hello without role', raw({ type: 'hello', key: TOKEN, protocol: 1 })],
    ['hello with unknown role', raw({ type: 'hello', role: 'admin', key: TOKEN, protocol: 1 })],
    ['host hello without key', raw({ type: 'hello', role: 'host', protocol: 1 })],
    ['host hello with numeric key', raw({ type: 'hello', role: 'host', key: 1234, protocol: 1 })],
    ['host hello with a 10 KB key', raw({ type: 'hello', role: 'host', key: 'k'.repeat(10_000), protocol: 1 })],
    ['hello without protocol', raw({ type: 'hello', role: 'host', key: TOKEN })],
    ['hello with string protocol', raw({ type: 'hello', role: 'host', key: TOKEN, protocol: '1' })],
    ['viewer hello without name', raw({ type: 'hello', role: 'viewer', token: TOKEN, protocol: 1 })],
    ['viewer hello with null name', raw({ type: 'hello', role: 'viewer', token: TOKEN, name: null, protocol: 1 })],
    ['viewer hello with array name', raw({ type: 'hello', role: 'viewer', token: TOKEN, name: ['a'], protocol: 1 })],
    ['viewer hello with blank name', raw({ type: 'hello', role: 'viewer', token: TOKEN, name: '   ', protocol: 1 })],
    [
      'viewer hello with 65-character name',
      raw({ type: 'hello', role: 'viewer', token: TOKEN, name: 'n'.repeat(65), protocol: 1 }),
    ],
    [
      'viewer hello with only control characters',
      raw({ type: 'hello', role: 'viewer', token: TOKEN, name: '\u0000\u0007\u001b', protocol: 1 }),
    ],
    ['admit without id', raw({ type: 'admit' })],
    ['kick with numeric id', raw({ type: 'kick', id: 1 })],
    ['deny with a 1,000-character id', raw({ type: 'deny', id: 'v'.repeat(1000) })],
    ['signal without to', raw({ type: 'signal', data: {} })],
    ['signal without data', raw({ type: 'signal', to: 'host' })],
    ['signal with string data', raw({ type: 'signal', to: 'host', data: 'offer' })],
    ['signal with array data', raw({ type: 'signal', to: 'host', data: [] })],
    ['signal with null data', raw({ type: 'signal', to: 'host', data: null })],
    ['stats with array data', raw({ type: 'stats', data: [1, 2] })],
    ['stats over the size cap', raw({ type: 'stats', data: { blob: 'x'.repeat(STATS_MAX_BYTES) } })],
  ];
  it.each(invalid)('%s', (_label, text) => {
    const result = parseClientMessage(text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('bad-message');
      expect(result.error.message.length).toBeGreaterThan(0);
    }
  });

  it('names the offending field in the message', () => {
    const result = parseClientMessage(raw({ type: 'kick', id: 5 }));
    expect(!result.ok && result.error.message).toMatch(/'id'/);
  });

  it('does not echo a long unknown type back in full', () => {
    const result = parseClientMessage(raw({ type: 'x'.repeat(5000) }));
    expect(!result.ok && result.error.message.length).toBeLessThan(100);
  });
});

describe('protocol version', () => {
  it.each([0, 2, 99, 1.5])('answers unsupported-protocol for protocol %p', (protocol) => {
    expect(codeOf(raw({ type: 'hello', role: 'viewer', token: TOKEN, name: 'A', protocol }))).toBe(
      'unsupported-protocol',
    );
  });

  it('checks the version before the other fields, so a newer client hears why', () => {
    expect(codeOf(raw({ type: 'hello', role: 'somethingNew', protocol: 2 }))).toBe('unsupported-protocol');
  });
});

describe('viewer names', () => {
  const nameOf = (name: string) => {
    const result = parseClientMessage(raw({ type: 'hello', role: 'viewer', token: TOKEN, name, protocol: 1 }));
    return result.ok && result.value.type === 'hello' && result.value.role === 'viewer' ? result.value.name : null;
  };
  it('trims and removes control characters', () => expect(nameOf('  An\u0000n\u001b\n ')).toBe('Ann'));
  it('removes bidi overrides that could reorder the host list', () =>
    expect(nameOf('evil\u202Egnp.exe')).toBe('evilgnp.exe'));
  it('counts characters, not UTF-16 units: 64 emoji fit', () => expect(nameOf('😀'.repeat(64))).toBe('😀'.repeat(64)));
  it('rejects 65 emoji', () => expect(nameOf('😀'.repeat(65))).toBeNull());
  it('keeps emoji sequences joined by ZWJ', () => expect(nameOf('👩‍💻 Dev')).toBe('👩‍💻 Dev'));
  it('applies the 64 limit after trimming', () => expect(nameOf(`  ${'n'.repeat(64)}  `)).toBe('n'.repeat(64)));
});

describe('error codes', () => {
  it('maps every fatal code to the close code of protocol.md', () => {
    expect(FATAL_ERRORS).toMatchObject({
      'bad-message': 4400,
      'bad-token': 4001,
      'bad-key': 4002,
      denied: 4003,
      kicked: 4004,
      'room-full': 4005,
      'host-taken': 4006,
      'hello-timeout': 4008,
      'unsupported-protocol': 4010,
      'rate-limited': 4029,
    });
  });
  it('treats unknown-peer as the only non-fatal code', () => {
    expect(ERROR_CODES.filter((code) => !isFatal(code))).toEqual(['unknown-peer']);
  });
});

describe('parseServerMessage reads every server message', () => {
  const messages: ServerMessage[] = [
    { type: 'welcome', role: 'host', viewers: [{ id: 'v1', name: 'Ann', address: '10.0.0.2', state: 'waiting' }] },
    { type: 'welcome', role: 'viewer', id: 'v1', state: 'admitted', hostPresent: true },
    { type: 'admitted' },
    { type: 'viewer-joined', id: 'v1', name: 'Ann', address: '10.0.0.2', state: 'admitted' },
    { type: 'viewer-left', id: 'v1', reason: 'timeout' },
    { type: 'viewer-stats', id: 'v1', data: { fps: 30 } },
    { type: 'host-joined' },
    { type: 'host-left' },
    { type: 'signal', from: 'host', data: { sdp: { type: 'offer', sdp: '' } } },
    { type: 'error', code: 'unknown-peer', message: 'no viewer' },
  ];
  it.each(messages.map((m) => [m.type, m] as const))('%s', (_type, message) => {
    expect(parseServerMessage(raw(message))).toEqual({ ok: true, value: message });
  });
  it('rejects a viewer-left with an unknown reason', () => {
    expect(parseServerMessage(raw({ type: 'viewer-left', id: 'v1', reason: 'vanished' })).ok).toBe(false);
  });
  it('rejects a welcome with a bad state', () => {
    expect(
      parseServerMessage(raw({ type: 'welcome', role: 'viewer', id: 'v1', state: 'watching', hostPresent: true })).ok,
    ).toBe(false);
  });
});

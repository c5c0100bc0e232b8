// The schemas of what our host and viewer put inside `signal` data and `stats` (signaling/protocol/signal-data.ts):
// every shape protocol.md names passes as sent, and hostile or malformed payloads come out as "ignore".
import { authTagSchema, parseSignalPayload, parseViewerReport } from '../../signaling/protocol';

const OFFER = 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n';

describe('parseSignalPayload: what our host and viewer send', () => {
  it.each([
    ['an offer with its link id', { sdp: { type: 'offer', sdp: OFFER }, link: '0123456789abcdef' }],
    ['an answer', { sdp: { type: 'answer', sdp: OFFER }, link: '0123456789abcdef' }],
    [
      'a candidate',
      {
        candidate: { candidate: 'candidate:1 1 udp 1 127.0.0.1 9 typ host', sdpMid: '0', sdpMLineIndex: 0 },
        link: 'ab',
      },
    ],
    ['a candidate with null mid and index', { candidate: { candidate: 'c', sdpMid: null, sdpMLineIndex: null } }],
    ['pause', { control: { paused: true } }],
    ['resume', { control: { paused: false } }],
    ['a ticket', { rejoin: 'f'.repeat(32) }],
    ['a goodbye', { bye: true, link: 'ab' }],
    ['a rejoin proof', { returning: 'A'.repeat(43) }],
    ['verification required', { verify: 'required' }],
  ])('%s', (_what, data) => {
    expect(parseSignalPayload(data)).toEqual(data);
  });

  it('drops members it does not know (after the MAC, which covered them, was checked)', () => {
    expect(parseSignalPayload({ rejoin: 'x', extra: 1 })).toEqual({ rejoin: 'x' });
    // Our viewer sends its proof with its connection's link id, which the proof does not need.
    expect(parseSignalPayload({ returning: 'p', link: 'ab' })).toEqual({ returning: 'p' });
  });

  it('reads a payload matching two variants as the first one the receivers have always looked at', () => {
    expect(parseSignalPayload({ rejoin: 'x', sdp: { type: 'offer', sdp: OFFER } })).toEqual({ rejoin: 'x' });
    expect(parseSignalPayload({ bye: true, sdp: { type: 'answer', sdp: OFFER } })).toEqual({ bye: true });
  });
});

describe('parseSignalPayload: hostile or malformed', () => {
  it.each([
    ['not an object', 'sdp'],
    ['null', null],
    ['an array', [{ bye: true }]],
    ['an empty object', {}],
    ['an sdp without text', { sdp: { type: 'offer' } }],
    ['an sdp of another type', { sdp: { type: 'rollback', sdp: '' } }],
    ['an sdp that is a string', { sdp: OFFER }],
    ['a candidate without its line', { candidate: { sdpMid: '0' } }],
    ['a candidate index that is not a whole number', { candidate: { candidate: 'c', sdpMLineIndex: 0.5 } }],
    ['a link id that is not a string', { sdp: { type: 'answer', sdp: OFFER }, link: 7 }],
    ['a link id too long to be ours', { candidate: { candidate: 'c' }, link: 'x'.repeat(65) }],
    ['pause that is not a boolean', { control: { paused: 'yes' } }],
    ['a ticket that is not a string', { rejoin: 5 }],
    ['a ticket longer than the protocol allows', { rejoin: 'x'.repeat(65) }],
    ['bye that is not true', { bye: 'true' }],
    ['a rejoin proof that is not a string', { returning: { ticket: 'f'.repeat(32) } }],
    ['a rejoin proof longer than the protocol allows', { returning: 'A'.repeat(65) }],
    ['another verify', { verify: 'optional' }],
  ])('%s is ignored', (_what, data) => {
    expect(parseSignalPayload(data)).toBeNull();
  });
});

describe('authTagSchema (the signed envelope)', () => {
  const tag = { e: '0123456789abcdef', n: 1, m: 'A'.repeat(43) };
  it('accepts a well-formed tag', () => {
    expect(authTagSchema.safeParse(tag).success).toBe(true);
  });
  it.each([
    ['an epoch in upper case', { ...tag, e: '0123456789ABCDEF' }],
    ['a short epoch', { ...tag, e: '0123' }],
    ['sequence 0', { ...tag, n: 0 }],
    ['a fractional sequence', { ...tag, n: 1.5 }],
    ['a sequence beyond safe integers', { ...tag, n: 2 ** 53 }],
    ['a MAC of the wrong length', { ...tag, m: 'A'.repeat(44) }],
    ['a MAC with padding', { ...tag, m: 'A'.repeat(42) + '=' }],
    ['a string', 'e.n.m'],
    ['a member besides e, n and m (outside the MAC)', { ...tag, x: 1 }],
  ])('refuses %s', (_what, value) => {
    expect(authTagSchema.safeParse(value).success).toBe(false);
  });
});

describe('parseViewerReport (a viewer stats message is untrusted)', () => {
  it('keeps each known number and nulls the rest, one field at a time', () => {
    expect(parseViewerReport({ fps: 30, width: 5, jitterMs: [1] })).toMatchObject({
      fps: 30,
      width: 5,
      jitterMs: null,
    });
  });
  it('nulls a number JSON can only carry as infinity', () => {
    expect(parseViewerReport(JSON.parse('{"fps":1e400}'))?.fps).toBeNull();
  });
  it('keeps known numbers', () => {
    expect(
      parseViewerReport({
        fps: 29.9,
        width: 1920,
        height: 1080,
        bitrateBps: 1e6,
        packetLossPct: 0,
        jitterMs: 3,
        framesDecoded: 100,
      }),
    ).toEqual({
      fps: 29.9,
      width: 1920,
      height: 1080,
      bitrateBps: 1e6,
      packetLossPct: 0,
      jitterMs: 3,
      framesDecoded: 100,
    });
  });
  it('drops strings, NaN, objects and unknown fields', () => {
    expect(parseViewerReport({ fps: '30', width: NaN, height: { x: 1 }, evil: '<img onerror>' })).toEqual({
      fps: null,
      width: null,
      height: null,
      bitrateBps: null,
      packetLossPct: null,
      jitterMs: null,
      framesDecoded: null,
    });
  });
  it('returns null for a non-object', () => {
    expect(parseViewerReport([1, 2])).toBeNull();
    expect(parseViewerReport(null)).toBeNull();
  });
});

// End-to-end signal authentication: MAC, sequence numbers and epochs, host and viewer.
// (Properties over random payloads, bit flips and orders: tests/property/signal-auth.test.ts.)
import { HostSignalAuth } from '../../renderer/security/host-signal-auth';
import { deriveSignalKeys } from '../../renderer/security/signal-mac';
import { createLinkKey } from '../../renderer/security/link-key';
import { keys, LINK_KEY, viewerAs } from '../support/signal-auth-fixtures';

const OFFER = { sdp: { type: 'offer', sdp: 'v=0\r\na=fingerprint:sha-256 AA:BB\r\n' }, link: '0123456789abcdef' };

/** What crosses the relay: JSON text, parsed again. */
const overTheWire = (data: Record<string, unknown>) => JSON.parse(JSON.stringify(data)) as Record<string, unknown>;

describe('link keys', () => {
  it('derives keys only from at least 128 bits of base64url', () => {
    expect(deriveSignalKeys(LINK_KEY)).not.toBeNull();
    expect(deriveSignalKeys('AAECAwQFBgcICQoLDA0O')).toBeNull(); // 15 bytes
    expect(deriveSignalKeys('not base64url!')).toBeNull();
  });

  it('uses a different key for each direction', () => {
    const k = keys();
    expect(Buffer.from(k['host-to-viewer']).equals(Buffer.from(k['viewer-to-host']))).toBe(false);
  });

  it('makes a fresh 128-bit key each time', () => {
    const a = createLinkKey();
    expect(a).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(createLinkKey()).not.toBe(a);
  });
});

describe('host to viewer', () => {
  it('delivers a sealed message, without its auth member, after a trip through the relay', () => {
    const host = new HostSignalAuth(keys());
    const sealed = host.seal('v1-abc', OFFER);
    expect(sealed.auth).toEqual({ e: host.epoch, n: 1, m: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
    expect(viewerAs('v1-abc').open(overTheWire(sealed))).toEqual({ kind: 'authentic', payload: OFFER });
  });

  it('verifies a payload whose keys the relay re-serialised in another order', () => {
    const host = new HostSignalAuth(keys());
    const sealed = host.seal('v1-abc', {
      link: 'x',
      candidate: { sdpMid: '0', candidate: 'candidate:1 1 udp 1 1.2.3.4 5 typ host' },
    });
    const reordered = {
      auth: sealed.auth,
      candidate: { candidate: (sealed.candidate as { candidate: string }).candidate, sdpMid: '0' },
      link: 'x',
    };
    expect(viewerAs('v1-abc').open(reordered).kind).toBe('authentic');
  });

  it('refuses a message without auth, with unreadable auth, or made with another link key', () => {
    const viewer = viewerAs('v1-abc');
    expect(viewer.open(OFFER)).toEqual({ kind: 'refused', reason: 'unsigned' });
    expect(viewer.open({ ...OFFER, auth: 'x' })).toEqual({ kind: 'refused', reason: 'malformed' });
    expect(viewer.open({ ...OFFER, auth: { e: 'zz', n: 1, m: 'x' } })).toEqual({
      kind: 'refused',
      reason: 'malformed',
    });
    const forger = new HostSignalAuth(keys(createLinkKey()));
    expect(viewer.open(forger.seal('v1-abc', OFFER))).toEqual({ kind: 'refused', reason: 'bad-mac' });
  });

  it('refuses an offer whose fingerprint was swapped', () => {
    const sealed = new HostSignalAuth(keys()).seal('v1-abc', OFFER);
    const swapped = { ...sealed, sdp: { type: 'offer', sdp: 'v=0\r\na=fingerprint:sha-256 EE:FF\r\n' } };
    expect(viewerAs('v1-abc').open(swapped)).toEqual({ kind: 'refused', reason: 'bad-mac' });
  });

  it('refuses a message meant for another viewer', () => {
    const sealed = new HostSignalAuth(keys()).seal('v1-abc', OFFER);
    expect(viewerAs('v2-abc').open(sealed)).toEqual({ kind: 'refused', reason: 'bad-mac' });
  });

  it('refuses a viewer’s own message reflected back as if from the host', () => {
    const host = new HostSignalAuth(keys());
    const viewer = viewerAs('v1-abc');
    viewer.open(host.seal('v1-abc', OFFER));
    const answer = viewer.seal({ sdp: { type: 'answer', sdp: 'v=0' } })!;
    expect(viewer.open(answer)).toEqual({ kind: 'refused', reason: 'bad-mac' });
  });

  it('refuses a replay and a message older than one already accepted', () => {
    const host = new HostSignalAuth(keys());
    const first = host.seal('v1-abc', { candidate: { candidate: 'a' } });
    const second = host.seal('v1-abc', { candidate: { candidate: 'b' } });
    const viewer = viewerAs('v1-abc');
    expect(viewer.open(second).kind).toBe('authentic');
    expect(viewer.open(first)).toEqual({ kind: 'refused', reason: 'replayed' });
    expect(viewer.open(second)).toEqual({ kind: 'refused', reason: 'replayed' });
  });

  it('follows a reloaded host page (new epoch) and never goes back to the old one', () => {
    const oldHost = new HostSignalAuth(keys());
    const newHost = new HostSignalAuth(keys());
    const viewer = viewerAs('v1-abc');
    expect(viewer.open(oldHost.seal('v1-abc', OFFER)).kind).toBe('authentic');
    const heldBack = oldHost.seal('v1-abc', OFFER); // dropped by the relay, reinserted later
    expect(viewer.open(newHost.seal('v1-abc', OFFER)).kind).toBe('authentic');
    expect(viewer.open(heldBack)).toEqual({ kind: 'refused', reason: 'stale-epoch' });
  });

  it('after a rejoin (new viewer id) takes the host’s messages for the new id, not the old one', () => {
    const host = new HostSignalAuth(keys());
    const viewer = viewerAs('v1-abc');
    expect(viewer.open(host.seal('v1-abc', OFFER)).kind).toBe('authentic');
    const late = host.seal('v1-abc', OFFER);
    viewer.setSelfId('v2-def');
    expect(viewer.open(host.seal('v2-def', { rejoin: 'ticket' })).kind).toBe('authentic');
    expect(viewer.open(late)).toEqual({ kind: 'refused', reason: 'bad-mac' });
  });
});

describe('viewer to host', () => {
  it('signs for the host instance it heard from; the host takes it once', () => {
    const host = new HostSignalAuth(keys());
    const viewer = viewerAs('v1-abc');
    expect(viewer.seal({ bye: true })).toBeNull(); // nothing heard from a host yet
    viewer.open(host.seal('v1-abc', OFFER));
    const answer = viewer.seal({ sdp: { type: 'answer', sdp: 'v=0' }, link: OFFER.link })!;
    expect(host.open('v1-abc', overTheWire(answer))).toEqual({
      kind: 'authentic',
      payload: { sdp: { type: 'answer', sdp: 'v=0' }, link: OFFER.link },
    });
    expect(host.open('v1-abc', answer)).toEqual({ kind: 'refused', reason: 'replayed' });
    expect(host.hasSigned('v1-abc')).toBe(true);
  });

  it('refuses a message signed as another viewer, or for an earlier host page', () => {
    const earlier = new HostSignalAuth(keys());
    const host = new HostSignalAuth(keys());
    const viewer = viewerAs('v1-abc');
    viewer.open(earlier.seal('v1-abc', OFFER));
    const forEarlier = viewer.seal({ candidate: { candidate: 'a' } })!;
    expect(host.open('v1-abc', forEarlier)).toEqual({ kind: 'refused', reason: 'stale-epoch' });
    viewer.open(host.seal('v1-abc', OFFER));
    expect(host.open('v2-abc', viewer.seal({ candidate: { candidate: 'b' } })!)).toEqual({
      kind: 'refused',
      reason: 'bad-mac',
    });
  });

  it('lets an unsigned message through as unsigned until the viewer has signed once', () => {
    const host = new HostSignalAuth(keys());
    expect(host.open('v1-abc', { bye: true })).toEqual({ kind: 'unsigned', payload: { bye: true } });
    const viewer = viewerAs('v1-abc');
    viewer.open(host.seal('v1-abc', OFFER));
    host.open('v1-abc', viewer.seal({ candidate: { candidate: 'a' } })!);
    expect(host.open('v1-abc', { bye: true })).toEqual({ kind: 'refused', reason: 'unsigned' });
  });

  it('counts a returning viewer (new id) as signed only once a message under the new id passed the MAC', () => {
    const host = new HostSignalAuth(keys());
    const viewer = viewerAs('v1-abc');
    viewer.open(host.seal('v1-abc', OFFER));
    host.open('v1-abc', viewer.seal({ candidate: { candidate: 'a' } })!);
    expect(host.hasSigned('v2-abc')).toBe(false); // a new socket naming v1's ticket has proved nothing yet
    viewer.setSelfId('v2-abc');
    expect(host.open('v2-abc', viewer.seal({ returning: 'proof' })!).kind).toBe('authentic');
    expect(host.hasSigned('v2-abc')).toBe(true);
    expect(host.open('v2-abc', { bye: true })).toEqual({ kind: 'refused', reason: 'unsigned' });
  });
});

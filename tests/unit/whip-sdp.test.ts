// The SDP side of WHIP: trickle fragments (RFC 8840 as RFC 9725 uses them), ICE credentials
// after a restart, and which media an answer refused.
import {
  candidatesOf,
  iceCredentialsOf,
  refusedKinds,
  trickleFragment,
  withIceCredentials,
} from '../../signaling/protocol/whip';
import { answer, OFFER } from '../whip/support/fake-whip-server';

const host = 'candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host generation 0';

describe('trickleFragment', () => {
  it('carries the credentials, the first media section and its candidates, then end-of-candidates', () => {
    expect(trickleFragment(OFFER, [{ candidate: host, sdpMid: '0' }], true)).toBe(
      [
        'a=ice-ufrag:offerUfrag',
        'a=ice-pwd:offerPasswordOfTwentyTwo',
        'm=audio 9 UDP/TLS/RTP/SAVPF 111',
        'a=mid:0',
        `a=${host}`,
        'a=end-of-candidates',
        '',
      ].join('\r\n'),
    );
  });

  it('is only the credentials for an ICE restart with nothing gathered yet', () => {
    expect(trickleFragment(OFFER, [], false)).toBe('a=ice-ufrag:offerUfrag\r\na=ice-pwd:offerPasswordOfTwentyTwo\r\n');
  });

  it('refuses a description without ICE credentials', () => {
    expect(() => trickleFragment('v=0\r\n', [], false)).toThrow(/no ICE credentials/);
  });
});

describe('ICE credentials', () => {
  it('reads the first ice-ufrag and ice-pwd', () => {
    expect(iceCredentialsOf(OFFER)).toEqual({ ufrag: 'offerUfrag', pwd: 'offerPasswordOfTwentyTwo' });
    expect(iceCredentialsOf('a=ice-ufrag:x\r\n')).toBeUndefined();
  });

  it('swaps every section to the new credentials and keeps the rest', () => {
    const swapped = withIceCredentials(answer(), { ufrag: 'N', pwd: 'P' });
    expect(swapped.match(/a=ice-ufrag:N\r\n/g)).toHaveLength(2);
    expect(swapped.match(/a=ice-pwd:P\r\n/g)).toHaveLength(2);
    expect(swapped.replace(/a=ice-(ufrag|pwd):\S+/g, '')).toBe(answer().replace(/a=ice-(ufrag|pwd):\S+/g, ''));
  });

  it('lists the candidates of a fragment', () => {
    expect(candidatesOf(`a=ice-ufrag:x\r\na=${host}\r\na=end-of-candidates\r\n`)).toEqual([host]);
  });
});

describe('refusedKinds', () => {
  it('is empty when the answer takes every kind offered', () => {
    expect(refusedKinds(OFFER, answer())).toEqual([]);
  });

  it('names a kind the answer rejected with port 0', () => {
    expect(refusedKinds(OFFER, answer({ refuseVideo: true }))).toEqual(['video']);
  });

  it('names a kind the answer has no section for', () => {
    expect(refusedKinds(OFFER, answer().split('m=video')[0] ?? '')).toEqual(['video']);
  });
});

import { routeFor } from '../../renderer/app/route';
import { loadName, saveName } from '../../renderer/app/remembered-name';
import { orderVideoCodecs } from '../../renderer/host/codec-preferences';
import { hostKeyFromFragment } from '../../renderer/platform/browser-platform';
import { closeCodeOutcome } from '../../renderer/viewer/close-outcome';

const TOKEN = 'azWVke-KXypURa0sPTERsCWg5dixa8Eu8fK15JVpUyo';

describe('routeFor', () => {
  it('opens the Host view on /host', () => {
    expect(routeFor({ pathname: '/host', href: 'http://127.0.0.1:1/host#k=x', hash: '#k=x' })).toEqual({
      view: 'host',
      link: '',
    });
  });
  it('fills the join link in when the page is one', () => {
    const href = `http://10.0.0.2:9470/join#t=${TOKEN}`;
    expect(routeFor({ pathname: '/join', href, hash: `#t=${TOKEN}` })).toEqual({ view: 'join', link: href });
  });
  it('opens an empty Join view on / and on /join without a token', () => {
    expect(routeFor({ pathname: '/', href: 'http://h/', hash: '' })).toEqual({ view: 'join', link: '' });
    expect(routeFor({ pathname: '/join', href: 'http://h/join#x=1', hash: '#x=1' })).toEqual({
      view: 'join',
      link: '',
    });
  });
});

describe('hostKeyFromFragment', () => {
  it('reads a well-formed key and ignores other fields', () => {
    expect(hostKeyFromFragment(`#k=${TOKEN}&x=1`)).toBe(TOKEN);
  });
  it.each(['', '#', '#k=', '#k=short', '#t=' + TOKEN, '#k=<script>alert(1)</script>'])('refuses %p', (hash) => {
    expect(hostKeyFromFragment(hash)).toBeUndefined();
  });
});

describe('orderVideoCodecs', () => {
  it('puts VP9, then AV1, then H.264, then VP8 first, keeping the rest after', () => {
    const codecs = ['video/VP8', 'video/rtx', 'video/H264', 'video/AV1', 'video/VP9', 'video/red'].map((mimeType) => ({
      mimeType,
    }));
    expect(orderVideoCodecs(codecs).map((c) => c.mimeType)).toEqual([
      'video/VP9',
      'video/AV1',
      'video/H264',
      'video/VP8',
      'video/rtx',
      'video/red',
    ]);
  });
  it('keeps the order of several profiles of one codec', () => {
    const codecs = [
      { mimeType: 'video/H264', p: 1 },
      { mimeType: 'video/VP8', p: 0 },
      { mimeType: 'video/H264', p: 2 },
    ];
    expect(orderVideoCodecs(codecs).map((c) => c.p)).toEqual([1, 2, 0]);
  });
});

describe('closeCodeOutcome', () => {
  it.each([
    [4003, 'denied'],
    [4004, 'kicked'],
    [4005, 'full'],
    [4001, 'failed'],
    [4010, 'failed'],
    ['kicked', 'kicked'],
  ] as const)('%p ends the session as %s', (code, status) => {
    expect(closeCodeOutcome(code)).toMatchObject({ status, final: true });
  });
  it.each([1006, 1001, 4008, 4013, 4029, 'unknown-peer'])('%p is worth retrying', (code) => {
    expect(closeCodeOutcome(code)).toBeNull();
  });
});

describe('remembered name', () => {
  it('round-trips through storage', () => {
    const store = new Map<string, string>();
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
    };
    saveName('Ann', storage);
    expect(loadName(storage)).toBe('Ann');
  });
  it('survives storage that throws (private mode)', () => {
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    expect(() => saveName('Ann', broken)).not.toThrow();
    expect(loadName(broken)).toBe('');
  });
});

import {
  BITRATE_CAPS_BPS,
  canPause,
  capOptions,
  capValue,
  effectiveJoinUrl,
  FRAMERATE_CAPS,
  hostingButtons,
  linkAddress,
  parseMaxViewers,
  withCap,
} from '../../renderer/views/host-options';

describe('cap choices', () => {
  it('offers no cap and the standard bitrates and frame rates', () => {
    expect(capOptions(BITRATE_CAPS_BPS, undefined, 'bps').map((o) => o.label)).toEqual([
      'No cap',
      '1 Mbit/s',
      '2.5 Mbit/s',
      '5 Mbit/s',
      '8 Mbit/s',
    ]);
    expect(capOptions(FRAMERATE_CAPS, 0, 'fps').map((o) => o.label)).toEqual([
      'No cap',
      '60 fps',
      '30 fps',
      '15 fps',
      '5 fps',
    ]);
  });

  it('keeps a current value that is not a standard choice', () => {
    expect(capOptions(FRAMERATE_CAPS, 24, 'fps').at(-1)).toEqual({ value: '24', label: '24 fps' });
  });

  it('maps caps to select values and back', () => {
    expect(capValue(undefined)).toBe('0');
    expect(capValue(2_500_000)).toBe('2500000');
    expect(withCap({}, 'maxBitrateBps', '2500000')).toEqual({ maxBitrateBps: 2_500_000 });
    expect(withCap({ maxBitrateBps: 1_000_000, maxFramerate: 30 }, 'maxBitrateBps', '0')).toEqual({ maxFramerate: 30 });
    expect(withCap({ maxFramerate: 30 }, 'maxFramerate', '15')).toEqual({ maxFramerate: 15 });
  });
});

describe('parseMaxViewers', () => {
  it.each(['1', '16', ' 1000 '])('accepts %p', (text) => {
    expect(parseMaxViewers(text)).toEqual({ ok: true, value: Number(text.trim()) });
  });

  it.each(['', '0', '1001', '2.5', '-3', 'ten', '1e3', '99999999999999999999'])(
    'rejects %p with plain words',
    (text) => {
      const result = parseMaxViewers(text);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toBe('Enter a whole number from 1 to 1000.');
    },
  );
});

describe('join links', () => {
  const a = 'http://192.168.1.20:9470/join#t=x';
  const b = 'http://10.0.0.5:9470/join#t=x';

  it('shows the chosen link while it is offered, else the first', () => {
    expect(effectiveJoinUrl([a, b], b)).toBe(b);
    expect(effectiveJoinUrl([a, b], null)).toBe(a);
    expect(effectiveJoinUrl([a, b], 'http://gone/join')).toBe(a);
    expect(effectiveJoinUrl([], null)).toBeNull();
  });

  it('names a link by its address', () => {
    expect(linkAddress(a)).toBe('192.168.1.20:9470');
    expect(linkAddress('http://[fd00::2]:80/join#t=x')).toBe('[fd00::2]');
    expect(linkAddress('not a url')).toBe('not a url');
  });
});

describe('hosting buttons', () => {
  it('offers Start until sharing, Stop hosting once sharing, and Disconnect in between', () => {
    expect(hostingButtons('idle')).toEqual({ start: true, stop: false, disconnect: false });
    expect(hostingButtons('ready')).toEqual({ start: true, stop: false, disconnect: true });
    expect(hostingButtons('starting')).toEqual({ start: false, stop: true, disconnect: false });
    expect(hostingButtons('live')).toEqual({ start: false, stop: true, disconnect: false });
    expect(hostingButtons('reconnecting')).toEqual({ start: false, stop: true, disconnect: false });
  });

  it('allows Pause only when connected', () => {
    expect(canPause('idle')).toBe(false);
    expect(canPause('live')).toBe(true);
    expect(canPause('stopping')).toBe(false);
  });
});

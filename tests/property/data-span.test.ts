import fc from 'fast-check';
import { findDataSpan } from '../../signaling/server/data-span';

const slice = (text: string) => {
  const bytes = Buffer.from(text);
  const span = findDataSpan(bytes);
  return span ? bytes.subarray(span[0], span[1]).toString() : null;
};

describe('findDataSpan', () => {
  it('finds exactly the bytes JSON.parse reads as "data", for any signal-shaped frame', () => {
    fc.assert(
      fc.property(fc.string(), fc.dictionary(fc.string(), fc.jsonValue()), fc.boolean(), (to, data, pretty) => {
        const frame = JSON.stringify({ type: 'signal', to, data }, null, pretty ? 2 : undefined);
        const found = slice(frame);
        expect(found).not.toBeNull();
        expect(JSON.parse(found!)).toEqual(JSON.parse(frame).data);
      }),
      { numRuns: 500 },
    );
  });

  it('finds "data" wherever it stands among other keys', () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.string().filter((k) => k !== 'data'),
          fc.jsonValue(),
        ),
        fc.jsonValue(),
        fc.nat(),
        (others, data, position) => {
          const entries = Object.entries(others);
          entries.splice(position % (entries.length + 1), 0, ['data', data]);
          const frame = `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',')}}`;
          const escapedKey = entries.some(([k]) => JSON.stringify(k).includes('\\'));
          if (escapedKey) expect(slice(frame)).toBeNull();
          else expect(JSON.parse(slice(frame)!)).toEqual(JSON.parse(frame).data);
        },
      ),
      { numRuns: 300 },
    );
  });

  it.each([
    ['a duplicate key', '{"type":"signal","to":"host","data":{},"data":{"x":1}}'],
    ['no data key', '{"type":"signal","to":"host"}'],
    ['data only nested', '{"type":"signal","to":"host","x":{"data":1}}'],
    ['an escaped key spelling', '{"type":"signal","to":"host","\\u0064ata":{"x":1}}'],
    ['a literal and an escaped "data"', '{"type":"signal","to":"host","data":"s","\\u0064ata":{"x":1}}'],
  ])('refuses %s', (_label, frame) => {
    expect(slice(frame)).toBeNull();
  });

  it('is not fooled by quotes, braces and "data" inside strings', () => {
    const frame = JSON.stringify({ type: 'signal', to: 'x", "data": {', data: { sdp: 'a\\"}{,"data":"b' } });
    expect(JSON.parse(slice(frame)!)).toEqual({ sdp: 'a\\"}{,"data":"b' });
  });

  it('handles multi-byte text', () => {
    const frame = JSON.stringify({ type: 'signal', to: 'host', data: { name: 'Zoë 😀 名前' } });
    expect(JSON.parse(slice(frame)!)).toEqual({ name: 'Zoë 😀 名前' });
  });
});

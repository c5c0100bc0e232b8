import qrcode from 'qrcode-generator';
import { pathForGrid, QR_QUIET_ZONE, qrPath, toByteString } from '../../renderer/views/qr-path';

/** Paints the path's rectangles back into a grid (path commands as pathForGrid writes them). */
function paint(d: string, size: number): boolean[][] {
  const grid = Array.from({ length: size }, () => Array<boolean>(size).fill(false));
  for (const [, x, y, run] of d.matchAll(/M(\d+) (\d+)h(\d+)v1h-\3z/g)) {
    for (let i = 0; i < Number(run); i++) grid[Number(y)]![Number(x) + i] = true;
  }
  return grid;
}

describe('pathForGrid', () => {
  it('turns each horizontal run into one rectangle, offset by the quiet zone', () => {
    const dark = [
      [true, true, false],
      [false, false, false],
      [true, false, true],
    ];
    expect(pathForGrid(3, (r, c) => dark[r]![c]!, 1)).toBe('M1 1h2v1h-2zM1 3h1v1h-1zM3 3h1v1h-1z');
  });

  it('is empty for an all-light grid', () => {
    expect(pathForGrid(4, () => false)).toBe('');
  });
});

describe('qrPath', () => {
  const url = 'http://192.168.1.20:9470/join#t=azWVke-KXypURa0sPTERsCWg5dixa8Eu8fK15JVpUyo';

  it('draws exactly the modules of the QR code, inside a four-module quiet zone', () => {
    const qr = qrcode(0, 'M');
    qr.addData(url);
    qr.make();
    const count = qr.getModuleCount();
    const result = qrPath(url)!;
    expect(result.modules).toBe(count);
    expect(result.size).toBe(count + 2 * QR_QUIET_ZONE);
    const grid = paint(result.d, result.size);
    for (let row = 0; row < result.size; row++) {
      for (let col = 0; col < result.size; col++) {
        const inside =
          row >= QR_QUIET_ZONE && col >= QR_QUIET_ZONE && row < QR_QUIET_ZONE + count && col < QR_QUIET_ZONE + count;
        const expected = inside && qr.isDark(row - QR_QUIET_ZONE, col - QR_QUIET_ZONE);
        expect(grid[row]![col]).toBe(expected);
      }
    }
  });

  it('is null when the text is too long for any QR code', () => {
    expect(qrPath('x'.repeat(5000))).toBeNull();
  });

  it('encodes non-ASCII text as UTF-8 bytes', () => {
    expect(toByteString('é')).toBe('\xc3\xa9');
    expect(toByteString('abc')).toBe('abc');
    expect(qrPath('http://example.test/join#name=Zoë')).not.toBeNull();
  });
});

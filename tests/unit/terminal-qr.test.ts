import qrcode from 'qrcode-generator';
import { renderTerminalQr } from '../../signaling/cli/terminal-qr';

/** Reads the module grid back out of the half-block drawing. */
function decodeBlocks(drawing: string): boolean[][] {
  const rows: boolean[][] = [];
  for (const line of drawing.split('\n')) {
    const cells = [...line];
    rows.push(cells.map((c) => c === '█' || c === '▀'));
    rows.push(cells.map((c) => c === '█' || c === '▄'));
  }
  return rows;
}

describe('renderTerminalQr', () => {
  const url = 'http://192.168.1.20:9470/join#t=azWVke-KXypURa0sPTERsCWg5dixa8Eu8fK15JVpUyo';

  it('draws exactly the QR modules, with a two-module quiet zone', () => {
    const qr = qrcode(0, 'M');
    qr.addData(url);
    qr.make();
    const size = qr.getModuleCount();
    const grid = decodeBlocks(renderTerminalQr(url, { color: false }));
    for (let row = -2; row < size + 2; row++) {
      for (let col = -2; col < size + 2; col++) {
        const inside = row >= 0 && col >= 0 && row < size && col < size;
        expect(grid[row + 2]?.[col + 2]).toBe(inside && qr.isDark(row, col));
      }
    }
  });

  it('wraps each line in black-on-white so it scans on dark terminals', () => {
    const lines = renderTerminalQr(url).split('\n');
    expect(lines.every((line) => line.startsWith('\x1b[30;47m') && line.endsWith('\x1b[0m'))).toBe(true);
  });
});

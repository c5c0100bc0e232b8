// Draws a QR code with half-block characters: two modules per character cell, in
// explicit black on white so it scans on dark and light terminal themes alike.
import qrcode from 'qrcode-generator';

const QUIET_ZONE = 2;
const BLACK_ON_WHITE = '\x1b[30;47m';
const RESET = '\x1b[0m';

export function renderTerminalQr(text: string, { color = true } = {}): string {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  const size = qr.getModuleCount();
  const dark = (row: number, col: number) => row >= 0 && col >= 0 && row < size && col < size && qr.isDark(row, col);
  const lines: string[] = [];
  for (let row = -QUIET_ZONE; row < size + QUIET_ZONE; row += 2) {
    let line = '';
    for (let col = -QUIET_ZONE; col < size + QUIET_ZONE; col++) {
      const top = dark(row, col);
      const bottom = dark(row + 1, col);
      line += top && bottom ? '█' : top ? '▀' : bottom ? '▄' : ' ';
    }
    lines.push(color ? `${BLACK_ON_WHITE}${line}${RESET}` : line);
  }
  return lines.join('\n');
}

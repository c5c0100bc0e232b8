// QR code geometry for an inline <svg>: one <path d> of dark modules, in module
// units, with a quiet zone around it. Pure (qrcode-generator does the encoding).
import qrcode from 'qrcode-generator';

/** The standard quiet zone is four modules; scanners struggle with less. */
export const QR_QUIET_ZONE = 4;

export interface QrPath {
  /** Width and height of the whole picture in modules, quiet zone included. */
  readonly size: number;
  /** Modules per side of the code itself. */
  readonly modules: number;
  readonly d: string;
}

/** The text as UTF-8 bytes, one char per byte: qrcode-generator's byte mode keeps only the low 8 bits. */
export function toByteString(text: string): string {
  let out = '';
  for (const byte of new TextEncoder().encode(text)) out += String.fromCharCode(byte);
  return out;
}

/** Path data for a grid: each horizontal run of dark modules becomes one rectangle. */
export function pathForGrid(
  count: number,
  isDark: (row: number, col: number) => boolean,
  quietZone = QR_QUIET_ZONE,
): string {
  const parts: string[] = [];
  for (let row = 0; row < count; row++) {
    let col = 0;
    while (col < count) {
      if (!isDark(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < count && isDark(row, col)) col++;
      const run = col - start;
      parts.push(`M${start + quietZone} ${row + quietZone}h${run}v1h-${run}z`);
    }
  }
  return parts.join('');
}

/** The QR code of `text` at error correction level M, or null if it does not fit in a QR code. */
export function qrPath(text: string, quietZone = QR_QUIET_ZONE): QrPath | null {
  try {
    const qr = qrcode(0, 'M');
    qr.addData(toByteString(text));
    qr.make();
    const modules = qr.getModuleCount();
    return { size: modules + 2 * quietZone, modules, d: pathForGrid(modules, (r, c) => qr.isDark(r, c), quietZone) };
  } catch {
    // qrcode-generator throws (sometimes a plain string) when the data is too long.
    return null;
  }
}

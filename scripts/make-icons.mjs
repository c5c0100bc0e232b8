// Regenerates the app icons in packaging/icons/ from packaging/icons/icon.svg:
// icon.png (Linux, 512 px), icon.ico (Windows, 16-256 px) and icon.icns (macOS,
// 16-1024 px). Chromium rasterises the SVG (no image library needed); ICO and ICNS
// are simple containers of PNGs, written here. The outputs are checked in, so this
// runs only when the SVG changes: `node scripts/make-icons.mjs`.
import { chromium } from '@playwright/test';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const DIR = join(import.meta.dirname, '..', 'packaging', 'icons');
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
// ICNS element types holding PNG data, by pixel size (the @2x types reuse sizes).
const ICNS_TYPES = [
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
  ['ic11', 32],
  ['ic12', 64],
  ['ic13', 256],
  ['ic14', 512],
];

const svg = await readFile(join(DIR, 'icon.svg'), 'utf8');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--disable-gpu'],
});
const pngs = new Map();
try {
  const page = await browser.newPage();
  for (const size of new Set([...ICO_SIZES, ...ICNS_TYPES.map(([, s]) => s), 512])) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`,
    );
    pngs.set(size, await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }));
  }
} finally {
  await browser.close();
}

function ico() {
  const header = Buffer.alloc(6 + 16 * ICO_SIZES.length);
  header.writeUInt16LE(1, 2); // type 1: icon
  header.writeUInt16LE(ICO_SIZES.length, 4);
  let offset = header.length;
  ICO_SIZES.forEach((size, i) => {
    const entry = 6 + 16 * i;
    const png = pngs.get(size);
    header.writeUInt8(size % 256, entry); // 0 means 256
    header.writeUInt8(size % 256, entry + 1);
    header.writeUInt16LE(1, entry + 4); // colour planes
    header.writeUInt16LE(32, entry + 6); // bits per pixel
    header.writeUInt32LE(png.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...ICO_SIZES.map((size) => pngs.get(size))]);
}

function icns() {
  const elements = ICNS_TYPES.map(([type, size]) => {
    const png = pngs.get(size);
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + elements.reduce((sum, e) => sum + e.length, 0), 4);
  return Buffer.concat([head, ...elements]);
}

await writeFile(join(DIR, 'icon.png'), pngs.get(512));
await writeFile(join(DIR, 'icon.ico'), ico());
await writeFile(join(DIR, 'icon.icns'), icns());
console.log(`wrote ${DIR}/icon.{png,ico,icns}`);

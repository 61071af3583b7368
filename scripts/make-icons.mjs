// Renders build/icon.svg into every icon the installers need, with the Chromium the tests
// use: build/icons/<n>x<n>.png (Linux), build/icon.icns (macOS), build/icon.ico (Windows),
// build/icon.png and the tray icon build/tray.png (+ @2x). Run it after changing the SVG
// and commit what it writes: packaging never renders anything.
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const svg = readFileSync('build/icon.svg', 'utf8');
const SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
const png = {};
try {
  const page = await browser.newPage();
  for (const n of SIZES) {
    await page.setViewportSize({ width: n, height: n });
    await page.setContent(
      `<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${n}" height="${n}" `)}</body></html>`,
    );
    png[n] = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: n, height: n } });
  }
} finally {
  await browser.close();
}

/** ICNS: 'icns', total length, then (type, length, PNG) entries. */
function icns(entries) {
  const parts = entries.map(([type, data]) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(data.length + 8, 4);
    return Buffer.concat([head, data]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + parts.reduce((s, p) => s + p.length, 0), 4);
  return Buffer.concat([head, ...parts]);
}

/** ICO with PNG images (Windows Vista and later): ICONDIR, one entry per size, the PNGs. */
function ico(sizes) {
  const dir = Buffer.alloc(6 + 16 * sizes.length);
  dir.writeUInt16LE(0, 0);
  dir.writeUInt16LE(1, 2);
  dir.writeUInt16LE(sizes.length, 4);
  let offset = dir.length;
  sizes.forEach((n, i) => {
    const e = 6 + 16 * i;
    dir.writeUInt8(n >= 256 ? 0 : n, e);
    dir.writeUInt8(n >= 256 ? 0 : n, e + 1);
    dir.writeUInt16LE(1, e + 4);
    dir.writeUInt16LE(32, e + 6);
    dir.writeUInt32LE(png[n].length, e + 8);
    dir.writeUInt32LE(offset, e + 12);
    offset += png[n].length;
  });
  return Buffer.concat([dir, ...sizes.map((n) => png[n])]);
}

mkdirSync('build/icons', { recursive: true });
for (const n of SIZES) writeFileSync(`build/icons/${n}x${n}.png`, png[n]);
writeFileSync('build/icon.png', png[1024]);
writeFileSync('build/tray.png', png[16]);
writeFileSync('build/tray@2x.png', png[32]);
writeFileSync(
  'build/icon.icns',
  icns([
    ['icp4', png[16]],
    ['icp5', png[32]],
    ['icp6', png[64]],
    ['ic07', png[128]],
    ['ic08', png[256]],
    ['ic09', png[512]],
    ['ic10', png[1024]],
    ['ic11', png[32]],
    ['ic12', png[64]],
    ['ic13', png[256]],
    ['ic14', png[1024]],
  ]),
);
writeFileSync('build/icon.ico', ico([16, 24, 32, 48, 64, 128, 256]));
console.log(`icons written from build/icon.svg: ${SIZES.join(', ')} px, icon.icns, icon.ico, tray.png`);

#!/usr/bin/env node
// Writes Beaconwatch's icon set as PNG files, with no dependency and no network: a teal rounded
// square with a white dot and two "beacon" arcs. Run `node build/make-icons.js` after changing
// the drawing; the PNGs are committed (electron-builder reads build/icon.png and build/icons/,
// the tray uses build/tray/).
//   build/icon.png            512×512 (mac .icns and win .ico are derived from it)
//   build/icons/NxN.png       Linux icon set (16…512)
//   build/tray/tray.png       16×16 tray icon, tray@2x.png 32×32 for HiDPI
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const here = path.dirname(fileURLToPath(import.meta.url));

const CRC_TABLE = new Uint32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** RGBA pixels (size×size×4) → PNG bytes (8-bit RGBA, no interlace). */
export function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  ihdr[10] = 0;
  ihdr[11] = 0;
  ihdr[12] = 0;
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const TEAL = [15, 118, 110];
const WHITE = [255, 255, 255];

/** Coverage of the shapes at (x, y) in unit coordinates [0,1]. */
function shade(x, y) {
  // rounded square background
  const r = 0.2;
  const dx = Math.max(Math.abs(x - 0.5) - (0.5 - r), 0);
  const dy = Math.max(Math.abs(y - 0.5) - (0.5 - r), 0);
  if (dx * dx + dy * dy > r * r) return null;
  // beacon: a dot low-left, two arcs opening to the upper right
  const cx = 0.32;
  const cy = 0.68;
  const d = Math.hypot(x - cx, y - cy);
  if (d < 0.09) return WHITE;
  const angle = Math.atan2(cy - y, x - cx); // 0 = right, π/2 = up
  const inSector = angle > 0.05 && angle < Math.PI / 2 - 0.05;
  if (inSector && Math.abs(d - 0.26) < 0.045) return WHITE;
  if (inSector && Math.abs(d - 0.44) < 0.045) return WHITE;
  return TEAL;
}

export function drawIcon(size) {
  const ss = 4; // supersampling for smooth edges
  const px = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const c = shade((x + (sx + 0.5) / ss) / size, (y + (sy + 0.5) / ss) / size);
          if (!c) continue;
          r += c[0];
          g += c[1];
          b += c[2];
          a += 1;
        }
      }
      const i = (y * size + x) * 4;
      if (a > 0) {
        px[i] = Math.round(r / a);
        px[i + 1] = Math.round(g / a);
        px[i + 2] = Math.round(b / a);
        px[i + 3] = Math.round((255 * a) / (ss * ss));
      }
    }
  }
  return encodePng(size, px);
}

export const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512];

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  mkdirSync(path.join(here, 'icons'), { recursive: true });
  mkdirSync(path.join(here, 'tray'), { recursive: true });
  writeFileSync(path.join(here, 'icon.png'), drawIcon(512));
  for (const s of LINUX_SIZES) writeFileSync(path.join(here, 'icons', `${s}x${s}.png`), drawIcon(s));
  writeFileSync(path.join(here, 'tray', 'tray.png'), drawIcon(16));
  writeFileSync(path.join(here, 'tray', 'tray@2x.png'), drawIcon(32));
  process.stdout.write('icons written to build/\n');
}

// Draws the four tab-bar icons (normal + active) as small anti-aliased PNGs with zlib only.
// Run: node scripts/make-tab-icons.mjs  → src/assets/tab/<name>[-active].png (81×81, a few hundred bytes each)
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZE = 81;
const SAMPLES = 4; // 4×4 supersampling per pixel for smooth edges
const COLORS = { normal: [0x7a, 0x7e, 0x83], active: [0x1a, 0x7f, 0x5a] };
const outDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'assets', 'tab');

// Shapes work in a 0..1 square; each returns true when (x, y) is ink.
const inRect = (x, y, x0, y0, x1, y1) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
const inCircle = (x, y, cx, cy, r) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const inRing = (x, y, cx, cy, r, w) => inCircle(x, y, cx, cy, r) && !inCircle(x, y, cx, cy, r - w);
const inRoundRect = (x, y, x0, y0, x1, y1, r) => {
  if (!inRect(x, y, x0, y0, x1, y1)) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return inCircle(x, y, cx, cy, r);
};
const inRoundFrame = (x, y, x0, y0, x1, y1, r, w) =>
  inRoundRect(x, y, x0, y0, x1, y1, r) && !inRoundRect(x, y, x0 + w, y0 + w, x1 - w, y1 - w, Math.max(r - w, 0));
const inTriangle = (x, y, [ax, ay], [bx, by], [cx, cy]) => {
  const s = (px, py, qx, qy, rx, ry) => (px - rx) * (qy - ry) - (qx - rx) * (py - ry);
  const d1 = s(x, y, ax, ay, bx, by);
  const d2 = s(x, y, bx, by, cx, cy);
  const d3 = s(x, y, cx, cy, ax, ay);
  return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
};

const W = 0.075; // stroke width
const icons = {
  // 首页: a house outline with a door
  home: (x, y) =>
    (inTriangle(x, y, [0.5, 0.1], [0.08, 0.48], [0.92, 0.48]) &&
      !inTriangle(x, y, [0.5, 0.1 + W * 1.6], [0.08 + W * 2.2, 0.48 - W * 0.01], [0.92 - W * 2.2, 0.48 - W * 0.01])) ||
    inRoundFrame(x, y, 0.2, 0.42, 0.8, 0.9, 0.04, W) ||
    inRect(x, y, 0.42, 0.62, 0.58, 0.9),
  // 预约: a calendar with two rings and a grid of days
  bookings: (x, y) =>
    inRoundFrame(x, y, 0.12, 0.2, 0.88, 0.88, 0.08, W) ||
    inRect(x, y, 0.12, 0.2, 0.88, 0.38) ||
    inRoundRect(x, y, 0.28, 0.08, 0.36, 0.3, 0.04) ||
    inRoundRect(x, y, 0.64, 0.08, 0.72, 0.3, 0.04) ||
    [0.3, 0.5, 0.7].some((cx) => [0.54, 0.72].some((cy) => inCircle(x, y, cx, cy, 0.055))),
  // 志愿: a heart
  volunteer: (x, y) => {
    const px = (x - 0.5) * 2.9;
    const py = (0.54 - y) * 2.9;
    return (px * px + py * py - 1) ** 3 - px * px * py ** 3 <= 0;
  },
  // 我的: head and shoulders
  me: (x, y) =>
    inRing(x, y, 0.5, 0.32, 0.2, W) ||
    (y <= 0.9 && inRing(x, y, 0.5, 0.98, 0.4, W) && y >= 0.58) ||
    (inRect(x, y, 0.1, 0.9 - W, 0.9, 0.9) && inCircle(x, y, 0.5, 0.98, 0.4)),
};

function crc32(buf) {
  let c;
  let crc = 0xffffffff;
  for (let n = 0; n < buf.length; n++) {
    c = (crc ^ buf[n]) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function encodePng(rgba, size) {
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function draw(shape, [r, g, b]) {
  const rgba = Buffer.alloc(SIZE * SIZE * 4);
  for (let py = 0; py < SIZE; py++) {
    for (let px = 0; px < SIZE; px++) {
      let hits = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          if (shape((px + (sx + 0.5) / SAMPLES) / SIZE, (py + (sy + 0.5) / SAMPLES) / SIZE)) hits++;
        }
      }
      const i = (py * SIZE + px) * 4;
      rgba[i] = r;
      rgba[i + 1] = g;
      rgba[i + 2] = b;
      rgba[i + 3] = Math.round((hits / (SAMPLES * SAMPLES)) * 255);
    }
  }
  return encodePng(rgba, SIZE);
}

mkdirSync(outDir, { recursive: true });
for (const [name, shape] of Object.entries(icons)) {
  for (const [state, color] of Object.entries(COLORS)) {
    const file = join(outDir, `${name}${state === 'active' ? '-active' : ''}.png`);
    const png = draw(shape, color);
    writeFileSync(file, png);
    console.log(`${file} ${png.length} B`);
  }
}

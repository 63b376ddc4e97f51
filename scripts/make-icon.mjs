// Draws the extension icon (images/icon.png, 128×128 RGBA) without any image library: a loss
// curve that drops and a red dot where a bug would have stopped the run. Run once after changing it:
//   node scripts/make-icon.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const N = 128;
const px = new Float64Array(N * N * 4);
const blend = (x, y, [r, g, b], a) => {
  if (x < 0 || y < 0 || x >= N || y >= N || a <= 0) return;
  const i = (y * N + x) * 4;
  const k = Math.min(1, a);
  px[i] = px[i] * (1 - k) + r * k; px[i + 1] = px[i + 1] * (1 - k) + g * k; px[i + 2] = px[i + 2] * (1 - k) + b * k;
  px[i + 3] = Math.min(1, px[i + 3] + k * (1 - px[i + 3]));
};
/** Anti-aliased coverage of a shape given its signed distance (negative inside), 4×4 supersampled. */
const fill = (dist, colour) => {
  for (let y = 0; y < N; y++) for (let x = 0; x < N; x++) {
    let c = 0;
    for (let sy = 0; sy < 4; sy++) for (let sx = 0; sx < 4; sx++) if (dist(x + (sx + 0.5) / 4, y + (sy + 0.5) / 4) <= 0) c++;
    blend(x, y, colour, c / 16);
  }
};
const roundedSquare = (x, y) => {
  const r = 24; const dx = Math.max(Math.abs(x - 64) - (60 - r), 0); const dy = Math.max(Math.abs(y - 64) - (60 - r), 0);
  return Math.hypot(dx, dy) - r;
};
const segDist = (x, y, [ax, ay], [bx, by]) => {
  const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
  return Math.hypot(x - ax - t * (bx - ax), y - ay - t * (by - ay));
};
// The loss curve: y = 30 + 62·e^(−x/18) sampled as a polyline.
const curve = [];
for (let x = 22; x <= 106; x += 2) curve.push([x, 98 - 62 * Math.exp(-(x - 22) / 18)]);
const curveDist = (x, y) => Math.min(...curve.slice(1).map((p, i) => segDist(x, y, curve[i], p))) - 5;
const axes = (x, y) => Math.min(segDist(x, y, [20, 24], [20, 106]), segDist(x, y, [20, 106], [108, 106])) - 2.5;

fill(roundedSquare, [0x1b, 0x2b, 0x45]);
fill(axes, [0x5d, 0x7a, 0xa3]);
fill(curveDist, [0x4f, 0xd1, 0x9b]);
fill((x, y) => Math.hypot(x - 30, y - 60) - 9, [0xf0, 0x5a, 0x4f]);

const raw = Buffer.alloc(N * (N * 4 + 1));
for (let y = 0; y < N; y++) {
  raw[y * (N * 4 + 1)] = 0;
  for (let x = 0; x < N * 4; x++) {
    const i = y * N * 4 + x; const a = px[i - (x % 4) + 3];
    raw[y * (N * 4 + 1) + 1 + x] = Math.round(x % 4 === 3 ? 255 * a : a ? Math.min(255, px[i] / a) : 0); // straight alpha
  }
}
const crcTable = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
const crc = (buf) => { let c = 0xffffffff; for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
const chunk = (type, data) => {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const c = Buffer.alloc(4); c.writeUInt32BE(crc(td));
  return Buffer.concat([len, td, c]);
};
const ihdr = Buffer.alloc(13); ihdr.writeUInt32BE(N, 0); ihdr.writeUInt32BE(N, 4); ihdr[8] = 8; ihdr[9] = 6;
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
writeFileSync(new URL('../images/icon.png', import.meta.url), png);
console.log(`images/icon.png: ${png.length} bytes`);

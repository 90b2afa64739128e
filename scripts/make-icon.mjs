// Draws media/icon.png (128×128): a report sheet with a table on a red tile, and a check badge.
// Plain Node (zlib), no image library, so anyone can redraw it: `node scripts/make-icon.mjs`.
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const size = 128;
const ss = 4; // supersampling per axis

const red = [183, 28, 28];
const white = [255, 255, 255];
const paleRed = [255, 224, 224];
const grid = [120, 120, 120];
const green = [46, 125, 50];

const roundRect = (x0, y0, x1, y1, r) => (x, y) => {
    const cx = Math.min(Math.max(x, x0 + r), x1 - r);
    const cy = Math.min(Math.max(y, y0 + r), y1 - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r && x >= x0 && x <= x1 && y >= y0 && y <= y1;
};
const rect = (x0, y0, x1, y1) => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
const circle = (cx, cy, r) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const segment = (ax, ay, bx, by, w) => (x, y) => {
    const dx = bx - ax, dy = by - ay;
    const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
    return (x - ax - t * dx) ** 2 + (y - ay - t * dy) ** 2 <= (w / 2) ** 2;
};
const any = (...shapes) => (x, y) => shapes.some(s => s(x, y));

// Sheet and table geometry.
const sheet = [28, 16, 100, 112];
const cols = [34, 62, 78, 94];
const rows = [40, 52, 62, 72, 82, 92];
const gridLines = any(
    ...cols.map(x => rect(x - 0.7, rows[0], x + 0.7, rows.at(-1))),
    ...rows.map(y => rect(cols[0], y - 0.7, cols.at(-1), y + 0.7)),
);
const title = any(rect(40, 24, 88, 28), rect(50, 31, 78, 34));

// Layers from bottom to top: [shape, colour].
const layers = [
    [roundRect(0, 0, 128, 128, 22), red],
    [rect(...sheet), white],
    [rect(cols[0], rows[0], cols.at(-1), rows[1]), paleRed],
    [title, red],
    [gridLines, grid],
    [circle(96, 96, 22), white],
    [circle(96, 96, 18.5), green],
    [any(segment(86, 97, 93, 104, 5), segment(93, 104, 106, 89, 5)), white],
];

const raw = Buffer.alloc(size * (1 + size * 4));
for (let y = 0; y < size; y++) {
    raw[y * (1 + size * 4)] = 0; // filter: none
    for (let x = 0; x < size; x++) {
        let r = 0, g = 0, b = 0, a = 0;
        for (let sy = 0; sy < ss; sy++) {
            for (let sx = 0; sx < ss; sx++) {
                const px = x + (sx + 0.5) / ss, py = y + (sy + 0.5) / ss;
                let colour;
                for (const [shape, c] of layers) if (shape(px, py)) colour = c;
                if (colour) { r += colour[0]; g += colour[1]; b += colour[2]; a++; }
            }
        }
        const o = y * (1 + size * 4) + 1 + x * 4;
        raw[o] = a ? Math.round(r / a) : 0;
        raw[o + 1] = a ? Math.round(g / a) : 0;
        raw[o + 2] = a ? Math.round(b / a) : 0;
        raw[o + 3] = Math.round((255 * a) / (ss * ss));
    }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
});
const crc32 = buf => {
    let c = 0xffffffff;
    for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
};
const header = Buffer.alloc(13);
header.writeUInt32BE(size, 0);
header.writeUInt32BE(size, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
]);

const out = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'media', 'icon.png');
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, png);
console.log(`${path.relative(process.cwd(), out)}: ${png.length} bytes`);

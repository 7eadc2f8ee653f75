import { inflateSync } from 'node:zlib';
import { expect } from 'vitest';
import { cellBox, heatmapLayout } from '../../src/render/heatmap.js';

export type Image = { width: number; height: number; rgba: Buffer };

/** A minimal PNG reader (8-bit RGBA, non-interlaced, as resvg writes), so the test checks the bytes we send. */
export function decodePng(png: Buffer): Image {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let width = 0,
    height = 0;
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect([data[8], data[9], data[12]]).toEqual([8, 6, 0]); // bit depth, RGBA, no interlace
    }
    if (type === 'IDAT') idat.push(data);
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  const rgba = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x]!;
      const left = x >= 4 ? rgba[y * stride + x - 4]! : 0;
      const up = y > 0 ? rgba[(y - 1) * stride + x]! : 0;
      const upLeft = x >= 4 && y > 0 ? rgba[(y - 1) * stride + x - 4]! : 0;
      const p = left + up - upLeft;
      const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
      const paeth = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      const predictor = [0, left, up, (left + up) >> 1, paeth][filter]!;
      rgba[y * stride + x] = (value + predictor) & 0xff;
    }
  }
  return { width, height, rgba };
}

export const hex = (image: Image, x: number, y: number): string => {
  const at = (y * image.width + x) * 4;
  return `#${[0, 1, 2].map((i) => image.rgba[at + i]!.toString(16).padStart(2, '0')).join('')}`;
};

/** The colour of a cell, sampled inside its rounded corner, away from the white mark in the middle. */
export const cellColour = (image: Image, row: number, day: number): string => {
  const box = cellBox(row, day);
  return hex(image, Math.round((box.x + 4.5) * heatmapLayout.scale), Math.round((box.y + 4.5) * heatmapLayout.scale));
};

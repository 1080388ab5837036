/**
 * `npm run teams:icons`: draws the Teams app icons into teams/ — color.png (192×192, a stack of three
 * vertebrae in white on the app's accent colour, inside Teams' 96-pixel safe area) and outline.png
 * (32×32, the same vertebrae in white on transparency, as Teams requires). Pure code over Node's zlib,
 * no image tools; the icons are committed, so this only runs when the design changes.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { encodePng, type RgbaImage } from '../src/channels/teams/pngImage';

/** The app's accent colour (also `accentColor` in teams/manifest.template.json). */
const accent: Rgb = [0x1f, 0x5f, 0x8b];
const white: Rgb = [0xff, 0xff, 0xff];

type Rgb = [number, number, number];

/** A rounded rectangle in unit coordinates (0–1 across the drawing area). */
interface RoundedRect {
  cx: number;
  cy: number;
  width: number;
  height: number;
  radius: number;
}

/**
 * Four vertebrae along a gently curved spine: each a rounded body with its spinous process behind it
 * (to the right), a disc's gap between the bodies.
 */
const vertebrae: RoundedRect[] = [0.13, 0.38, 0.63, 0.88].flatMap((cy, index) => {
  const cx = 0.4 + ([0.04, 0, 0, 0.04][index] ?? 0);
  return [
    { cx, cy, width: 0.5, height: 0.19, radius: 0.06 },
    { cx: cx + 0.33, cy: cy + 0.03, width: 0.2, height: 0.09, radius: 0.04 },
  ];
});

function inside(rect: RoundedRect, x: number, y: number): boolean {
  const dx = Math.max(Math.abs(x - rect.cx) - (rect.width / 2 - rect.radius), 0);
  const dy = Math.max(Math.abs(y - rect.cy) - (rect.height / 2 - rect.radius), 0);
  return dx * dx + dy * dy <= rect.radius * rect.radius;
}

/**
 * Draws the vertebrae on a `size`×`size` canvas: in the square from `inset` to `size - inset`, with
 * 4×4 samples a pixel for smooth edges; `background` fills the canvas (transparent when absent).
 */
function drawIcon(size: number, inset: number, foreground: Rgb, background?: Rgb): RgbaImage {
  const pixels = new Uint8Array(size * size * 4);
  const samples = 4;
  const area = size - 2 * inset;
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      let covered = 0;
      for (let sy = 0; sy < samples; sy += 1) {
        for (let sx = 0; sx < samples; sx += 1) {
          const x = (px + (sx + 0.5) / samples - inset) / area;
          const y = (py + (sy + 0.5) / samples - inset) / area;
          if (vertebrae.some((rect) => inside(rect, x, y))) covered += 1;
        }
      }
      const coverage = covered / (samples * samples);
      const at = (py * size + px) * 4;
      if (background) {
        for (let c = 0; c < 3; c += 1) pixels[at + c] = Math.round((background[c] ?? 0) * (1 - coverage) + (foreground[c] ?? 0) * coverage);
        pixels[at + 3] = 255;
      } else {
        for (let c = 0; c < 3; c += 1) pixels[at + c] = foreground[c] ?? 0;
        pixels[at + 3] = Math.round(255 * coverage);
      }
    }
  }
  return { width: size, height: size, pixels };
}

const folder = path.resolve(__dirname, '../teams');
writeFileSync(path.join(folder, 'color.png'), encodePng(drawIcon(192, 48, white, accent)));
writeFileSync(path.join(folder, 'outline.png'), encodePng(drawIcon(32, 2, white)));
console.log(`Wrote ${path.join(folder, 'color.png')} (192×192) and ${path.join(folder, 'outline.png')} (32×32).`);

/**
 * Where browser tests leave their screenshots: the test output folder `test-results/screenshots/` of the
 * repository (not in git), made on first use, so a person can look at the phone and desktop layouts.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';

/** The screenshots folder. */
export const screenshotFolder = path.resolve(__dirname, '../../test-results/screenshots');

/** The path of a screenshot named `name` (without extension), creating the folder when needed. */
export function screenshotPath(name: string): string {
  mkdirSync(screenshotFolder, { recursive: true });
  return path.join(screenshotFolder, `${name}.png`);
}
